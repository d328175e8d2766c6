package org.earshot.pipeline.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Deletions wait one checkpoint, and what waits is in the writer's state. */
class MentionDeletionsTest {
    private final MentionDeletions sink = new MentionDeletions(null);

    @Test
    void idsGoToTheCommitterOneCheckpointLate() {
        MentionDeletions.Writer writer = sink.createWriter(null);
        writer.write("a", null);
        writer.write("b", null);
        assertThat(writer.prepareCommit()).as("checkpoint 1: the inserts of a and b may still be pending").isEmpty();
        assertThat(writer.snapshotState(1)).containsExactly(List.of("a", "b"));
        writer.write("c", null);
        assertThat(writer.prepareCommit()).as("checkpoint 2").containsExactly(List.of("a", "b"));
        assertThat(writer.snapshotState(2)).containsExactly(List.of("c"));
        assertThat(writer.prepareCommit()).as("checkpoint 3").containsExactly(List.of("c"));
        assertThat(writer.snapshotState(3)).isEmpty();
    }

    @Test
    void aRestoredWriterHandsOverWhatWasWaiting() {
        MentionDeletions.Writer writer = sink.restoreWriter(null, List.of(List.of("a"), List.of("b")));
        writer.write("c", null);
        assertThat(writer.prepareCommit()).containsExactly(List.of("a", "b"));
        assertThat(writer.prepareCommit()).containsExactly(List.of("c"));
    }

    @Test
    void theEndOfABoundedInputHandsOverEverything() {
        MentionDeletions.Writer writer = sink.createWriter(null);
        writer.write("a", null);
        writer.flush(true);
        assertThat(writer.prepareCommit()).containsExactly(List.of("a"));
    }

    @Test
    void idsSurviveTheirSerializer() throws Exception {
        var serializer = sink.getWriterStateSerializer();
        List<String> ids = List.of("mastodon:social.example/1", "bluesky:at://did:plc:x/app.bsky.feed.post/3k", "é😀");
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(ids))).isEqualTo(ids);
    }
}
