package org.earshot.pipeline.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/**
 * What the windows keep in state and emit is serialized by Flink's own serializers, never Kryo (what they are sent, and
 * the minute tallies: {@link WindowRecordSerializersTest}).
 */
class AggregateTypesTest {
    @Test
    void everyWindowTypeIsAPojoWithoutGenericFields() {
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        for (Class<?> type : List.of(RuleMinute.class, TermTally.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            assertThatCode(() -> info.createSerializer(noKryo)).as(type.getSimpleName()).doesNotThrowAnyException();
        }
    }

    @Test
    void aMinuteTallyCountsEachAuthorOnceAndMergesExactly() {
        MinuteTally a = new MinuteTally();
        a.add(match("bob", 10));
        a.add(match("ann", 5));
        a.add(match("bob", 1));
        MinuteTally b = new MinuteTally();
        b.add(match("cy", 7));
        b.add(match("", 3));
        a.addAll(b);
        assertThat(a.mentions).isEqualTo(5);
        assertThat(a.reach).isEqualTo(26);
        assertThat(a.authors).containsExactly("ann", "bob", "cy");
        assertThat(a.ruleId).isEqualTo("acme");
    }

    private static RuleMatch match(String author, long reach) {
        RuleMatch m = new RuleMatch();
        m.ruleId = "acme";
        m.network = "mastodon";
        m.lang = "en";
        m.sentiment = "";
        m.author = author;
        m.reach = reach;
        return m;
    }
}
