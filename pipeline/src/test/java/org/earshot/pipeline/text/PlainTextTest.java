package org.earshot.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {
    private static final int MAX = 100_000;

    @Test
    void stripsHtmlAndDecodesEntitiesKeepingParagraphs() {
        assertThat(PlainText.clean("<p>Loving the <b>Aurora&nbsp;X5</b> &amp; its camera</p><p>Second&#8230;</p>", MAX))
                .isEqualTo("Loving the Aurora X5 & its camera\n\nSecond…");
        assertThat(PlainText.clean("line one<br>line two", MAX)).isEqualTo("line one\nline two");
    }

    @Test
    void scriptAndStyleContentNeverBecomesText() {
        assertThat(PlainText.clean("hi<script>alert('x')</script><style>p{}</style> there", MAX)).doesNotContain("alert").contains("hi");
    }

    @Test
    void leavesPlainTextThatOnlyLooksLikeMarkupAlone() {
        assertThat(PlainText.clean("I <3 this & that, 2 < 3", MAX)).isEqualTo("I <3 this & that, 2 < 3");
    }

    @Test
    void collapsesWhitespaceAndNormalizesLineBreaks() {
        assertThat(PlainText.clean("  a \t\u00A0 b\r\n\r\n\r\n\r\nc\u2028d  ", MAX)).isEqualTo("a b\n\nc\nd");
    }

    @Test
    void dropsControlCharactersAndBidiOverrides() {
        assertThat(PlainText.clean("a\u0000b\u0007c\u001Bd\u009Fe", MAX)).isEqualTo("abcde");
        // U+202E would render "txt.exe" as "exe.txt": spoofing, gone.
        assertThat(PlainText.clean("invoice\u202Etxt.exe", MAX)).isEqualTo("invoicetxt.exe");
        assertThat(PlainText.clean("\uFEFFzero\u200Bwidth", MAX)).isEqualTo("zerowidth");
    }

    @Test
    void keepsRightToLeftTextEmojiAndJoiners() {
        String arabic = "أحب هاتف أورورا الجديد";
        String hebrew = "שלום עולם";
        String family = "👨\u200D👩\u200D👧 🏳️\u200D🌈 👍🏽";
        assertThat(PlainText.clean(arabic, MAX)).isEqualTo(arabic);
        assertThat(PlainText.clean(hebrew, MAX)).isEqualTo(hebrew);
        assertThat(PlainText.clean(family, MAX)).isEqualTo(family);
    }

    @Test
    void composesCombiningCharactersAndCapsZalgo() {
        assertThat(PlainText.clean("cafe\u0301", MAX)).isEqualTo("café");
        String zalgo = "Z" + "\u0336\u0337\u0338\u0339\u033A\u033B\u033C\u033D".repeat(50) + "!";
        String cleaned = PlainText.clean(zalgo, MAX);
        assertThat(cleaned).hasSize(1 + PlainText.MAX_COMBINING_MARKS + 1).startsWith("Z").endsWith("!");
        // Real scripts keep their marks: Vietnamese stacks two, Devanagari uses signs.
        assertThat(PlainText.clean("Việt Nam नमस्ते", MAX)).isEqualTo("Việt Nam नमस्ते");
    }

    @Test
    void dropsUnpairedSurrogates() {
        assertThat(PlainText.clean("a\uD800b\uDC00c", MAX)).isEqualTo("abc");
    }

    @Test
    void cutsOversizedTextOnACodePointBoundary() {
        String megabyte = "😀 great phone ".repeat(70_000);
        String cleaned = PlainText.clean(megabyte, 50_000);
        assertThat(cleaned.length()).isLessThanOrEqualTo(50_000).isGreaterThan(49_990);
        assertThat(Character.isHighSurrogate(cleaned.charAt(cleaned.length() - 1))).isFalse();
    }

    @Test
    void nullAndEmptyStayThemselves() {
        assertThat(PlainText.clean(null, MAX)).isNull();
        assertThat(PlainText.clean("", MAX)).isEmpty();
        assertThat(PlainText.clean(" \n\t ", MAX)).isEmpty();
    }
}
