package org.earshot.pipeline.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.earshot.schemas.Author;
import org.earshot.schemas.Engagement;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Sentiment;
import org.junit.jupiter.api.Test;

class MentionSerializerTest {
    /** Every field set, none to its default, so a field the serializer forgets shows up. */
    static Mention everyFieldSet() {
        Mention m = new Mention();
        m.id = "mastodon:1";
        m.network = "mastodon";
        m.url = "https://m.example/@a/1?utm_source=x";
        m.canonicalUrl = "https://m.example/@a/1";
        m.author = new Author("ana", "Ana \"AJ\" J.", "https://m.example/@a", 1520L);
        m.title = "Título";
        m.text = "Loving the #AuroraX5 😍\nمرحبا \u0000 NUL";
        m.lang = "es";
        m.publishedAt = Instant.parse("2026-11-28T10:15:30.123456789Z");
        m.fetchedAt = Instant.parse("2026-11-28T10:15:31Z");
        m.threadId = "mastodon:0";
        m.parentId = "mastodon:00";
        m.engagement = new Engagement(12, 3, 1);
        m.reach = 1600L;
        m.hashtags = List.of("aurorax5", "café");
        m.links = List.of("https://aurora.example/x5");
        m.mentions = List.of("auroramobile", "bob@m.example");
        m.geo = "ES";
        m.raw = "{\"id\":1}";
        m.sentiment = new Sentiment("positive", 0.81);
        m.emotion = "joy";
        m.ruleIds = List.of("r-1", "r-2");
        m.tokens = List.of("loving", "aurorax5");
        return m;
    }

    private static Mention roundTrip(Mention m) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        MentionSerializer.INSTANCE.serialize(m, out);
        return MentionSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    }

    @Test
    void everyFieldOfTheFixtureIsSet() throws Exception {
        for (Class<?> type : List.of(Mention.class, Author.class, Engagement.class, Sentiment.class)) {
            Object instance = switch (type.getSimpleName()) {
                case "Author" -> everyFieldSet().author;
                case "Engagement" -> everyFieldSet().engagement;
                case "Sentiment" -> everyFieldSet().sentiment;
                default -> everyFieldSet();
            };
            for (Field f : type.getFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                Object value = f.get(instance);
                assertThat(value).as("%s.%s is set in the fixture", type.getSimpleName(), f.getName()).isNotNull();
                if (value instanceof List<?> l) assertThat(l).as("%s.%s", type.getSimpleName(), f.getName()).isNotEmpty();
                if (value instanceof Number n) assertThat(n.doubleValue()).as("%s.%s", type.getSimpleName(), f.getName()).isNotZero();
            }
        }
    }

    @Test
    void roundTripsEveryField() throws Exception {
        Mention m = everyFieldSet();
        assertThat(roundTrip(m)).isEqualTo(m);
        assertThat(MentionSerializer.INSTANCE.copy(m)).isEqualTo(m).isNotSameAs(m);
    }

    @Test
    void roundTripsAnEmptyMention() throws Exception {
        Mention m = new Mention();
        m.hashtags = null;
        assertThat(roundTrip(m)).isEqualTo(m);
        assertThat(roundTrip(new Mention())).isEqualTo(new Mention());
    }

    @Test
    void snapshotRestoresTheSameSerializer() {
        assertThat(MentionSerializer.INSTANCE.snapshotConfiguration().restoreSerializer()).isSameAs(MentionSerializer.INSTANCE);
    }
}
