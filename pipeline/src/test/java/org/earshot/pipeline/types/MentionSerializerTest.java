package org.earshot.pipeline.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.earshot.schemas.Author;
import org.earshot.schemas.Engagement;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Mentions;
import org.earshot.schemas.Sentiment;
import org.junit.jupiter.api.Test;

class MentionSerializerTest {
    private static Mention roundTrip(Mention m) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        MentionSerializer.INSTANCE.serialize(m, out);
        return MentionSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
    }

    @Test
    void everyFieldOfTheFixtureIsSet() throws Exception {
        for (Class<?> type : List.of(Mention.class, Author.class, Engagement.class, Sentiment.class)) {
            Object instance = switch (type.getSimpleName()) {
                case "Author" -> Mentions.everyFieldSet().author;
                case "Engagement" -> Mentions.everyFieldSet().engagement;
                case "Sentiment" -> Mentions.everyFieldSet().sentiment;
                default -> Mentions.everyFieldSet();
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
        Mention m = Mentions.everyFieldSet();
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
