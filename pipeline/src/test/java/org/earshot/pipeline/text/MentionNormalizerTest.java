package org.earshot.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.earshot.schemas.Author;
import org.earshot.schemas.Engagement;
import org.earshot.schemas.Mention;
import org.junit.jupiter.api.Test;

class MentionNormalizerTest {
    private final MentionNormalizer normalizer = new MentionNormalizer(1_000);

    private static Mention mention(String text) {
        Mention m = new Mention();
        m.id = "rss:1";
        m.network = "rss";
        m.text = text;
        return m;
    }

    @Test
    void normalizesTextUrlAndEntities() {
        Mention m = mention("<p>Loving the <b>#AuroraX5</b>, thanks @AuroraMobile! https://aurora.example/x5?utm_source=rss.</p>");
        m.url = " https://www.blog.example/post/1?utm_campaign=x#comments ";
        m.hashtags = List.of("#Brand");
        m.lang = "EN-us";
        m.geo = "es";
        m.author = new Author("@Ana", " Ana\u0000 ", null, 1200L);
        m.engagement = new Engagement(-5, 2, 1);

        normalizer.normalize(m);

        assertThat(m.text).isEqualTo("Loving the #AuroraX5, thanks @AuroraMobile! https://aurora.example/x5?utm_source=rss.");
        assertThat(m.url).isEqualTo("https://www.blog.example/post/1?utm_campaign=x#comments");
        assertThat(m.canonicalUrl).isEqualTo("https://blog.example/post/1");
        assertThat(m.hashtags).containsExactly("brand", "aurorax5");
        assertThat(m.mentions).containsExactly("auroramobile");
        assertThat(m.links).containsExactly("https://aurora.example/x5?utm_source=rss");
        assertThat(m.lang).isEqualTo("en");
        assertThat(m.geo).isEqualTo("ES");
        assertThat(m.author.handle).isEqualTo("ana");
        assertThat(m.author.name).isEqualTo("Ana");
        assertThat(m.engagement.likes).isZero();
        assertThat(m.reach).isEqualTo(1200L);
    }

    @Test
    void cutsLongTextAndBoundsRawPayload() {
        Mention m = mention("word ".repeat(1_000));
        m.raw = "r".repeat(MentionNormalizer.MAX_RAW_CHARS * 2);
        normalizer.normalize(m);
        assertThat(m.text.length()).isLessThanOrEqualTo(1_000);
        assertThat(m.raw).hasSize(MentionNormalizer.MAX_RAW_CHARS);
    }

    @Test
    void takesTitleEntitiesAndDropsUnknownCodes() {
        Mention m = mention("");
        m.title = "Review: #NimbusPro vs #AuroraX5";
        m.lang = "english";
        m.geo = "Spain";
        normalizer.normalize(m);
        assertThat(m.hashtags).containsExactly("nimbuspro", "aurorax5");
        assertThat(m.lang).isNull();
        assertThat(m.geo).isNull();
        assertThat(m.text).isEmpty();
    }
}
