package org.earshot.pipeline.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.earshot.pipeline.SharedData;
import org.junit.jupiter.api.Test;

/** Languages of short posts, the network's own tag, and a defined answer for posts without language. */
class LanguageDetectionTest {
    private final LanguageDetection detection = new LanguageDetection();

    private String lang(String text) {
        return detection.detect(text, null).code();
    }

    @Test
    void arabicLettersTellArabicFromPersian() {
        LanguageDetection.Detected persian = new LanguageDetection.Detected("fa", 0.3);
        // Arabic's yeh, kaf and teh marbuta, none of Persian's own letters: Arabic.
        assertThat(LanguageDetection.arabicNotPersian(persian, "\u0643\u064A\u0641 \u062D\u0627\u0644\u0643 \u064A\u0627 \u0635\u062F\u064A\u0642\u064A").code()).isEqualTo("ar");
        // Persian's keheh and farsi yeh: stays Persian.
        assertThat(LanguageDetection.arabicNotPersian(persian, "\u0645\u0646 \u06A9\u062A\u0627\u0628 \u0645\u06CC \u062E\u0648\u0627\u0646\u0645").code()).isEqualTo("fa");
        // Nothing that tells them apart: the model's answer stands.
        assertThat(LanguageDetection.arabicNotPersian(persian, "\u0633\u0644\u0627\u0645").code()).isEqualTo("fa");
        assertThat(LanguageDetection.arabicNotPersian(new LanguageDetection.Detected("en", 0.5), "\u064A").code()).isEqualTo("en");
    }

    @Test
    void shortPostsInTheCommonLanguages() {
        assertThat(lang("Just got the new phone and honestly it's amazing, best purchase this year")).isEqualTo("en");
        assertThat(lang("Me encanta mi nuevo teléfono, ¡es increíble! La batería dura todo el día")).isEqualTo("es");
        assertThat(lang("Service client catastrophique, mon téléphone est en panne depuis une semaine")).isEqualTo("fr");
        assertThat(lang("Der Kundenservice ist eine Katastrophe, das Telefon geht seit gestern nicht mehr")).isEqualTo("de");
        assertThat(lang("Atendimento péssimo, o meu telefone parou de funcionar outra vez")).isEqualTo("pt");
        assertThat(lang("أحب هاتفي الجديد كثيرا، البطارية ممتازة")).isEqualTo("ar");
        assertThat(lang("我喜欢我的新手机，电池很好用")).isEqualTo("zh");
    }

    /**
     * Short English posts, which the general model reads as Vietnamese, Dutch or Romanian, are
     * English by English's own words; short posts of the neighbours keep their language.
     */
    @Test
    void shortEnglishPostsAreEnglishByTheirWords() {
        assertThat(lang("I don't think")).isEqualTo("en");
        assertThat(lang("can we get")).isEqualTo("en");
        assertThat(lang("i just remember")).isEqualTo("en");
        assertThat(lang("I'm not certain")).isEqualTo("en");
        assertThat(detection.detect("I don't think", null).how()).isEqualTo("English's own words");
        assertThat(lang("que bueno")).isEqualTo("es");
        assertThat(lang("muito bom")).isEqualTo("pt");
        assertThat(lang("Bella Vita Ristorante today")).isEqualTo("it"); // one English word of four, against Italian
        assertThat(lang("Ik ga douchen tot straks")).isEqualTo("nl");
    }

    @Test
    void romanizedHindiGetsASecondOpinionAndOtherLanguagesKeepTheirs() {
        assertThat(lang("yaar kya hua, haar bardaasht nahi hua, bahut bura laga")).isEqualTo("hi");
        assertThat(lang("Ik vind mijn nieuwe telefoon echt geweldig, de batterij gaat de hele dag mee")).isEqualTo("nl");
        assertThat(lang("Jag älskar min nya telefon, batteriet räcker hela dagen")).isEqualTo("sv");
        assertThat(lang("ye dhoni kutta ka pakka chela h ye bhi fixer h")).isEqualTo("hi");
    }

    /**
     * The second opinion knows eight languages, so it calls any other Latin-script post Hindi;
     * without Hindi's own words such posts keep the general model's answer.
     */
    @Test
    void postsInLanguagesTheSecondOpinionDoesNotKnowAreNotHindi() {
        assertThat(lang("Grabe ang laro kagabi, congrats sa team")).isEqualTo("tl");
        assertThat(lang("Bukas pupunta kami sa beach kasama ang buong pamilya")).isEqualTo("tl");
        assertThat(lang("Hari ini cuaca sangat baik, saya mahu berjalan-jalan di taman")).isEqualTo("ms");
        assertThat(lang("Tänään on todella kaunis päivä ja aion mennä kävelylle")).isEqualTo("fi");
        assertThat(lang("Tud valaki ajánlani egy jó éttermet Budapesten?")).isEqualTo("hu");
        assertThat(lang("Tàu lại bị trễ nữa rồi, thật không thể chấp nhận được")).isEqualTo("vi");
        assertThat(lang("I dag har jeg vært i byen og kjøpt nye sko")).isEqualTo("nb");
        assertThat(lang("Keretanya terlambat lagi, ini benar-benar keterlaluan")).isNotEqualTo("hi");
        assertThat(lang("Kuna mtu anajua mgahawa mzuri hapa Nairobi?")).isNotEqualTo("hi");
        // An English post the second opinion alone once called Hindi.
        assertThat(lang("Trying the Acme X5 from curl")).isNotEqualTo("hi");
    }

    /**
     * The second opinion calls Dutch German and Catalan or Romanian Portuguese with high
     * confidence; it only ever chooses among the five it shares with the general model, so posts
     * the general model reads as another language keep that answer.
     */
    @Test
    void theSecondOpinionNeverMovesAPostIntoALanguageItConfusesWithItsNeighbour() {
        assertThat(lang("Ik heb er echt zin in")).isEqualTo("nl");
        assertThat(lang("Tot morgen allemaal")).isEqualTo("nl");
        assertThat(lang("Dit is echt niet normaal")).isEqualTo("nl");
        assertThat(lang("M'encanta el meu telèfon nou")).isEqualTo("ca");
        assertThat(lang("Îmi place foarte mult telefonul meu nou")).isEqualTo("ro");
        assertThat(lang("Det här är helt otroligt")).isEqualTo("sv");
    }

    /** Short Spanish posts the general model reads as Portuguese: the second opinion tells them apart. */
    @Test
    void theSecondOpinionTellsNeighbouringRomanceLanguagesApart() {
        assertThat(lang("Que lindo todo esto")).isEqualTo("es");
        assertThat(lang("Esta vez vamos preparados")).isEqualTo("es");
        assertThat(lang("Atendimento péssimo, o meu telefone parou de funcionar outra vez")).isEqualTo("pt");
    }

    /** German with English words, read by the general model as English, Dutch or Breton; two German words settle it. */
    @Test
    void germanWordsSettleShortGermanPosts() {
        assertThat(lang("Mega cooles Event heute, danke an alle")).isEqualTo("de");
        assertThat(lang("Happy Birthday, ich wünsche dir alles Gute")).isEqualTo("de");
        assertThat(lang("Open Air war mega, danke euch allen")).isEqualTo("de");
        // One German word in English is a loanword, not German.
        assertThat(lang("Just got the new phone, wunderbar, it's amazing")).isEqualTo("en");
    }

    @Test
    void linksAndHandlesDoNotDecide() {
        assertThat(lang("@acme_support @someone https://example.com/news #BlackFriday Me encanta mi nuevo teléfono, es increíble"))
                .isEqualTo("es");
    }

    /** A camel-cased hashtag is read as its words; a post of hashtags alone has no language. */
    @Test
    void hashtagsAreWordsButNotAPostOnTheirOwn() {
        assertThat(LanguageDetection.lettersOf("Agora no #BomDiaBrasil @globo_news https://g1.globo.com/x")).isEqualTo("Agora no Bom Dia Brasil");
        assertThat(lang("Agora no #BomDiaBrasil")).isEqualTo("pt");
        assertThat(lang("#MasterChefBR")).isEqualTo("und");
        assertThat(lang("#BomDiaBrasil #Encontro 10.5")).isEqualTo("und");
    }

    @Test
    void theNetworksOwnTagWins() {
        LanguageDetection.Detected d = detection.detect("Just got the new phone and it's amazing", "pt");
        assertThat(d.code()).isEqualTo("pt");
        assertThat(d.confidence()).isEqualTo(1.0);
        assertThat(detection.detect("Just got the new phone and it's amazing", "und").code()).isEqualTo("en");
    }

    @Test
    void postsWithoutLanguageAreUndetermined() {
        assertThat(lang("")).isEqualTo("und");
        assertThat(lang(null)).isEqualTo("und");
        assertThat(lang("https://example.com/a/b?c=d")).isEqualTo("und");
        assertThat(lang("😍😍🔥🔥 👍🏽")).isEqualTo("und");
        assertThat(lang("@acme #acme 12345 !!!")).isEqualTo("und");
        assertThat(lang("ok")).isEqualTo("und");
    }

    @Test
    void aHugePostIsDecidedFromItsStart() {
        String german = "Der Kundenservice ist eine Katastrophe und das Telefon geht nicht. ";
        String english = "The customer service is a disaster and the phone does not work at all. ";
        // A megabyte read whole would be English; only its start is read, so it is German.
        assertThat(lang(german.repeat(20) + english.repeat(14_000))).isEqualTo("de");
        assertThat(lang(english.repeat(14_000))).isEqualTo("en");
        assertThat(lang("Hello, this is mostly English text with a few words: 東京 Москва")).isEqualTo("en");
    }

    /** The cleaning as first written with regular expressions, which the hand-written scan must equal. */
    private static final Pattern LINKS_AND_HANDLES = Pattern.compile(
            "https?://\\S+|www\\.\\S+|@[\\p{L}\\p{M}\\p{N}_]+(?:[.@][\\p{L}\\p{M}\\p{N}_]+)*");
    private static final Pattern HASHTAGS = Pattern.compile("#[\\p{L}\\p{M}\\p{N}_]+");
    private static final Pattern WORD_JOIN = Pattern.compile("(?<=\\p{Ll})(?=\\p{Lu})");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}\\p{M}]+");

    private static void cleansAsTheRegularExpressionsDo(String text) {
        String words = LINKS_AND_HANDLES.matcher(text).replaceAll(" ");
        assertThat(LanguageDetection.withoutLinksAndHandles(text)).as(text).isEqualTo(words);
        String letters = NOT_LETTERS.matcher(WORD_JOIN.matcher(words).replaceAll(" ")).replaceAll(" ").strip();
        assertThat(LanguageDetection.lettersOf(text)).as(text).isEqualTo(letters);
        long outsideHashtags = HASHTAGS.matcher(words).replaceAll(" ").codePoints().filter(Character::isLetter).count();
        assertThat(LanguageDetection.lettersOutsideHashtags(words)).as(text).isEqualTo(outsideHashtags);
    }

    @Test
    void corpusPostsAreCleanedAsTheRegularExpressionsCleanThem() throws IOException {
        List<String> posts = new ArrayList<>(Files.readAllLines(SharedData.path("corpus/tweeteval-emoji/tweets.txt"), StandardCharsets.UTF_8));
        posts.addAll(SharedData.xlmtValidationPosts());
        for (String post : posts) cleansAsTheRegularExpressionsDo(post.length() > LanguageDetection.MAX_CHARS ? post.substring(0, LanguageDetection.MAX_CHARS) : post);
        assertThat(posts).hasSizeGreaterThan(100_000);
    }

    /** Random strings of fragments that make, join or nearly make links, handles, hashtags and camel case, and odd characters. */
    @Test
    void randomTextIsCleanedAsTheRegularExpressionsCleanIt() {
        String[] fragments = {"http://", "https://", "https:/", "www.", "www", "@", "#", "_", ".", ",", "-", " ", "\t", "\u000B", "\u00A0",
                "a", "B", "aB", "\u00E9\u00C9", "\u0301", "1", "\u0660", "\u2163", "\u01C5", "\u02B0", "\u0416\u0436", "\u65E5",
                "\uD835\uDC1A", "\uD835\uDC00", "\uD801\uDC28\uD801\uDC00", "\uD83D\uDE00", "\uD800", "\uDC00", "!", "/", "x", "Yo"};
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(10); n > 0; n--) text.append(fragments[random.nextInt(fragments.length)]);
            cleansAsTheRegularExpressionsDo(text.toString());
        }
    }
}
