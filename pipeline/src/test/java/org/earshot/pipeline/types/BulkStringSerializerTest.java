package org.earshot.pipeline.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bulk serializer writes Flink's string bytes exactly, so either reads what the other wrote. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class BulkStringSerializerTest {
    @Test
    void writesFlinksBytesForEveryKindOfString() throws Exception {
        List<String> strings = new ArrayList<>(List.of("", "bluesky:at://did:plc:abc/app.bsky.feed.post/3k", "Zürich ✓ 日本語 😀",
                "x".repeat(200), "\u0000\u007f\u0080\u07ff\u0800\uffff"));
        strings.add(null);
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            char[] chars = new char[random.nextInt(300)];
            int range = random.nextBoolean() ? 0x80 : 0x10000; // mostly one-byte characters, or anything at all
            for (int j = 0; j < chars.length; j++) chars[j] = (char) random.nextInt(range);
            strings.add(new String(chars));
        }
        for (String s : strings) {
            DataOutputSerializer flinks = new DataOutputSerializer(64);
            StringSerializer.INSTANCE.serialize(s, flinks);
            DataOutputSerializer bulk = new DataOutputSerializer(64);
            BulkStringSerializer.INSTANCE.serialize(s, bulk);
            assertThat(bulk.getCopyOfBuffer()).as("%s", s).isEqualTo(flinks.getCopyOfBuffer());
            assertThat(BulkStringSerializer.INSTANCE.deserialize(new DataInputDeserializer(flinks.getCopyOfBuffer()))).isEqualTo(s);
        }
    }

    @Test
    void stateWrittenWithFlinksSerializerIsReadAsItIs() {
        assertThat(BulkStringSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(StringSerializer.INSTANCE.snapshotConfiguration()).isCompatibleAsIs()).isTrue();
        assertThat(BulkStringSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(BulkStringSerializer.INSTANCE.snapshotConfiguration()).isCompatibleAsIs()).isTrue();
    }
}
