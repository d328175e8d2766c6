package org.earshot.pipeline.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.schemas.Mention;
import org.earshot.schemas.MentionBuilder;
import org.junit.jupiter.api.Test;

/** Deduplication as Flink runs it, one keyed operator in a test harness: time to live, edits, copies, snapshot and restore. */
class DeduplicateFunctionTest {
    private static final Duration TTL = Duration.ofHours(1);
    private static final String STORY = "Acme announced today that its new battery lasts twice as long as last year's model, "
            + "and early reviewers say the claim holds up in daily use across phones and laptops";

    private static KeyedOneInputStreamOperatorTestHarness<Long, Mention, Mention> harness(KeyedProcessFunction<Long, Mention, Mention> function,
                                                                                       DedupKey key)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function), key, Types.LONG);
        h.setStateTtlProcessingTime(0);
        h.open();
        return h;
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, Mention, Mention> restored(DeduplicateFunction function, DedupKey key,
                                                                                         OperatorSubtaskState snapshot) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function), key, Types.LONG);
        h.setStateTtlProcessingTime(0);
        h.setup();
        h.initializeState(snapshot);
        h.open();
        return h;
    }

    private static Mention post(MentionBuilder m) {
        return new MentionNormalizer(100_000).normalize(m.build());
    }

    private static List<String> out(KeyedOneInputStreamOperatorTestHarness<Long, Mention, Mention> h) {
        return h.extractOutputValues().stream().map(m -> m.id + (Boolean.TRUE.equals(m.edit) ? " (edit)" : "")).toList();
    }

    @Test
    void aRepeatIsDroppedForTheTimeToLiveAndThenPassesAgain() throws Exception {
        try (var h = harness(new DeduplicateFunction(TTL), DedupKey.ID)) {
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 1);
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 2);
            h.setStateTtlProcessingTime(TTL.toMillis() - 1);
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 3);
            assertThat(out(h)).containsExactly("m:1");
            h.setStateTtlProcessingTime(TTL.toMillis() + 1); // forgotten an hour after it was first seen
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 4);
            assertThat(out(h)).containsExactly("m:1", "m:1");
        }
    }

    @Test
    void aNewerEditPassesOnceMarkedAndAnOlderOrRepeatedOneIsDropped() throws Exception {
        try (var h = harness(new DeduplicateFunction(TTL), DedupKey.ID)) {
            Mention claims = post(MentionBuilder.post("m:2").text("an edit, it says"));
            claims.edit = Boolean.TRUE;
            h.processElement(claims, 0);
            h.processElement(post(MentionBuilder.post("m:1").text("acme is fine")), 1);
            h.processElement(post(MentionBuilder.post("m:1").text("acme is awful").editedAt("2026-01-01T00:05:00Z")), 2);
            h.processElement(post(MentionBuilder.post("m:1").text("acme is awful").editedAt("2026-01-01T00:05:00Z")), 3);
            h.processElement(post(MentionBuilder.post("m:1").text("acme is ok").editedAt("2026-01-01T00:04:00Z")), 4);
            assertThat(out(h)).as("input cannot claim an edit").containsExactly("m:2", "m:1", "m:1 (edit)");
        }
    }

    @Test
    void aCopyIsDroppedAndReportedWithTheMentionItCopies() throws Exception {
        try (var h = harness(new DeduplicateFunction(TTL, DedupKey.TEXT), DedupKey.TEXT)) {
            h.processElement(post(MentionBuilder.post("rss:a").text(STORY)), 1);
            h.processElement(post(MentionBuilder.post("rss:b").url("https://mirror.example/x").text(STORY.toUpperCase() + " via @mirror")), 2);
            h.processElement(post(MentionBuilder.post("rss:a").text(STORY)), 3); // a redelivery is no copy of itself
            assertThat(out(h)).containsExactly("rss:a");
            assertThat(h.getSideOutput(DeduplicateFunction.COPIES)).extracting(StreamRecord::getValue)
                    .extracting(c -> c.originalId + " <- " + c.copyId + " by " + c.matchedBy + " on " + c.copyNetwork)
                    .containsExactly("rss:a <- rss:b by text on rss");
        }
    }

    /** The id stage before it let each id through once: a copy stage keeps state only for what copies can share. */
    @Test
    void aCopyStageRemembersNothingForAMentionOnlyItsIdNames() throws Exception {
        try (var text = harness(new DeduplicateFunction(TTL, DedupKey.TEXT), DedupKey.TEXT);
             var url = harness(new DeduplicateFunction(TTL, DedupKey.CANONICAL_URL), DedupKey.CANONICAL_URL)) {
            for (int i = 0; i < 100; i++) {
                text.processElement(post(MentionBuilder.post("m:" + i).text("so true, acme")), i);
                url.processElement(post(MentionBuilder.post("m:" + i).url(null).text("so true, acme")), i);
            }
            text.processElement(post(MentionBuilder.post("rss:a").text(STORY)), 100);
            url.processElement(post(MentionBuilder.post("rss:a").url("https://news.example/story").text(STORY)), 100);
            assertThat(text.extractOutputValues()).as("every post passes").hasSize(101);
            assertThat(url.extractOutputValues()).as("every post passes").hasSize(101);
            assertThat(text.numKeyedStateEntries()).as("only the long text held").isEqualTo(1);
            assertThat(url.numKeyedStateEntries()).as("only the post with a URL held").isEqualTo(1);
        }
    }

    @Test
    void whatWasSeenAndTheLatestEditSurviveARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(new DeduplicateFunction(TTL), DedupKey.ID)) {
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 1);
            h.processElement(post(MentionBuilder.post("m:1").text("acme!").editedAt("2026-01-01T00:05:00Z")), 2);
            snapshot = h.snapshot(1L, 2);
        }
        try (var h = restored(new DeduplicateFunction(TTL), DedupKey.ID, snapshot)) {
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 3);
            h.processElement(post(MentionBuilder.post("m:1").text("acme!").editedAt("2026-01-01T00:05:00Z")), 4);
            h.processElement(post(MentionBuilder.post("m:1").text("acme!!").editedAt("2026-01-01T00:06:00Z")), 5);
            h.processElement(post(MentionBuilder.post("m:3").text("new")), 6);
            assertThat(out(h)).containsExactly("m:1 (edit)", "m:3");
        }
    }

    @Test
    void copiesAreStillKnownAfterARestore() throws Exception {
        aCopyIsKnownAfterRestoring(new DeduplicateFunction(TTL, DedupKey.CANONICAL_URL));
    }

    /**
     * While every key is new (a firehose of fresh ids), no expired key is ever read again: the sweep alone must
     * clear them, and fast enough that a table holds little more than its live keys. Here a tenth of a time to live's
     * worth of new keys must clear nine tenths of the expired ones. Sweeping one bucket per access left 27,802 of
     * 40,000 even after a quarter's worth, four buckets 12,120 after a tenth's; in the one-hour soak one bucket let
     * the heap hold 14.3 million entries for at most 5.3 million live keys (jmap).
     */
    @Test
    void expiredKeysLeaveTheHeapWhileNewKeysArrive() throws Exception {
        int keys = 40_000;
        try (var h = harness(new DeduplicateFunction(TTL, DedupKey.CANONICAL_URL), DedupKey.CANONICAL_URL)) {
            for (int i = 0; i < keys; i++) h.processElement(post(MentionBuilder.post("m:" + i).url("https://old.example/" + i)), i);
            assertThat(h.numKeyedStateEntries()).as("every first sighting held").isEqualTo(keys);
            h.setStateTtlProcessingTime(TTL.toMillis() + 1);
            int fresh = keys / 10;
            for (int i = 0; i < fresh; i++) h.processElement(post(MentionBuilder.post("n:" + i).url("https://new.example/" + i)), keys + i);
            assertThat(h.numKeyedStateEntries() - fresh).as("expired entries left of " + keys)
                    .isLessThan(keys / 10);
        }
    }

    /**
     * Snapshots are not filtered for expired keys (that pass was a quarter of their CPU): the sweep keeps a checkpoint
     * near the live keys (above), and the expired keys it had not reached yet are carried, so a restore must read
     * none of them as seen.
     */
    @Test
    void aRestoreReadsNoExpiredKeyItCarriedAsSeen() throws Exception {
        int keys = 1_000;
        int fresh = keys / 20;
        OperatorSubtaskState snapshot;
        try (var h = harness(new DeduplicateFunction(TTL), DedupKey.ID)) {
            for (int i = 0; i < keys; i++) h.processElement(post(MentionBuilder.post("m:" + i).text("acme")), i);
            h.setStateTtlProcessingTime(TTL.toMillis() + 1);
            for (int i = 0; i < fresh; i++) h.processElement(post(MentionBuilder.post("n:" + i).text("acme")), keys + i);
            snapshot = h.snapshot(1L, keys + fresh);
        }
        try (var h = restored(new DeduplicateFunction(TTL), DedupKey.ID, snapshot)) {
            assertThat(h.numKeyedStateEntries()).as("expired keys the sweep had not reached yet, carried")
                    .isGreaterThan(fresh);
            h.setStateTtlProcessingTime(TTL.toMillis() + 2);
            for (int i = 0; i < keys; i++) h.processElement(post(MentionBuilder.post("m:" + i).text("acme")), i);
            for (int i = 0; i < fresh; i++) h.processElement(post(MentionBuilder.post("n:" + i).text("acme")), keys + i);
            assertThat(h.extractOutputValues()).as("every expired key passes again, every live one is dropped").hasSize(keys);
        }
    }

    @Test
    void keysSeenBeforeTheStateWasOneEntryPerKeyStaySeen() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(EarlierState.seenOnly(), DedupKey.ID)) { // what 0.1 wrote for a post never edited
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 1);
            snapshot = h.snapshot(1L, 1);
        }
        try (var h = restored(new DeduplicateFunction(TTL), DedupKey.ID, snapshot)) {
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 2);
            h.processElement(post(MentionBuilder.post("m:1").text("acme!").editedAt("2026-01-01T00:05:00Z")), 3);
            h.processElement(post(MentionBuilder.post("m:2").text("new")), 4);
            h.setStateTtlProcessingTime(TTL.toMillis() + 1);
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 5);
            assertThat(out(h)).as("a repeat dropped, an edit passed, the old entry forgotten after its time to live")
                    .containsExactly("m:1 (edit)", "m:2", "m:1");
        }
    }

    @Test
    void copiesSeenBeforeTheBulkStringSerializerAreStillKnown() throws Exception {
        aCopyIsKnownAfterRestoring(EarlierState.firstIdWithFlinksSerializer());
    }

    /** A post seen by {@code writer}, its state restored into the URL stage: a copy of it is dropped and reported. */
    private static void aCopyIsKnownAfterRestoring(KeyedProcessFunction<Long, Mention, Mention> writer) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(writer, DedupKey.CANONICAL_URL)) {
            h.processElement(post(MentionBuilder.post("m:1").url("https://blog.example/post")), 1);
            snapshot = h.snapshot(1L, 1);
        }
        try (var h = restored(new DeduplicateFunction(TTL, DedupKey.CANONICAL_URL), DedupKey.CANONICAL_URL, snapshot)) {
            h.processElement(post(MentionBuilder.post("reddit:t3").url("https://www.blog.example/post?utm_source=x")), 2);
            assertThat(out(h)).isEmpty();
            assertThat(h.getSideOutput(DeduplicateFunction.COPIES)).extracting(r -> r.getValue().originalId).containsExactly("m:1");
        }
    }

    /**
     * Writes one state per key as an earlier version of the dedup stages did, for a restore to read: {@code value} of
     * each mention under {@code name}, with {@code type}'s serializer and {@code ttl}.
     */
    private static final class EarlierState<T> extends KeyedProcessFunction<Long, Mention, Mention> {
        private final ValueStateDescriptor<T> descriptor;
        private final SerializableFunction<Mention, T> value;
        private transient ValueState<T> state;

        EarlierState(String name, TypeInformation<T> type, StateTtlConfig ttl, SerializableFunction<Mention, T> value) {
            this.descriptor = new ValueStateDescriptor<>(name, type);
            this.descriptor.enableTimeToLive(ttl);
            this.value = value;
        }

        /** The id stage's state as 0.1 wrote it for a post never edited: only "seen". */
        static EarlierState<Boolean> seenOnly() {
            return new EarlierState<>("seen", Types.BOOLEAN, expiry().cleanupIncrementally(1, false).build(), m -> Boolean.TRUE);
        }

        /** The copy stages' state before {@code BulkStringSerializer}: the first id, with Flink's own string serializer. */
        static EarlierState<String> firstIdWithFlinksSerializer() {
            return new EarlierState<>("first-id", Types.STRING, expiry().cleanupFullSnapshot().cleanupIncrementally(8, false).build(),
                    m -> m.id);
        }

        private static StateTtlConfig.Builder expiry() {
            return StateTtlConfig.newBuilder(TTL).setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                    .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired);
        }

        @Override
        public void open(OpenContext context) {
            state = getRuntimeContext().getState(descriptor);
        }

        @Override
        public void processElement(Mention mention, Context ctx, Collector<Mention> out) throws Exception {
            state.update(value.apply(mention));
            out.collect(mention);
        }
    }
}
