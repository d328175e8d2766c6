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
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.pipeline.validate.MentionParser;
import org.earshot.schemas.Mention;
import org.earshot.schemas.MentionBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deduplication as Flink runs it, one keyed operator in a test harness: time to live, edits, copies, snapshot and
 * restore, on the heap backend (packed keys, raw keyed state) and on RocksDB (one Flink state per key).
 */
class DeduplicateOperatorTest {
    private static final Duration TTL = Duration.ofHours(1);
    private static final String STORY = "Acme announced today that its new battery lasts twice as long as last year's model, "
            + "and early reviewers say the claim holds up in daily use across phones and laptops";

    private static StateBackend backend(String name) {
        return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }

    private static Harness harness(OneInputStreamOperator<Mention, Mention> operator, DedupKey key, String backend) throws Exception {
        return restored(operator, key, backend, null);
    }

    private static Harness harness(KeyedProcessFunction<Long, Mention, Mention> earlier, DedupKey key, String backend) throws Exception {
        return harness(new KeyedProcessOperator<>(earlier), key, backend);
    }

    /** A harness at time 0, restored from {@code snapshot} unless it is null. */
    private static Harness restored(OneInputStreamOperator<Mention, Mention> operator, DedupKey key, String backend,
                                    OperatorSubtaskState snapshot) throws Exception {
        var h = new Harness(operator, key);
        h.setStateBackend(backend(backend));
        h.setup();
        h.initializeState(snapshot);
        h.open();
        h.at(0);
        return h;
    }

    /** The operator under test, and both of Flink's clocks: the operator's processing time and its states' time to live. */
    private static final class Harness extends KeyedOneInputStreamOperatorTestHarness<Long, Mention, Mention> {
        Harness(OneInputStreamOperator<Mention, Mention> operator, DedupKey key) throws Exception {
            super(operator, key, Types.LONG);
        }

        void at(long millis) throws Exception {
            setProcessingTime(millis);
            setStateTtlProcessingTime(millis);
        }

        /** A savepoint in Flink's canonical format, which any backend restores (a checkpoint is its backend's own). */
        OperatorSubtaskState savepoint() throws Exception {
            return snapshotWithLocalState(1L, 1L, SavepointType.savepoint(SavepointFormatType.CANONICAL)).getJobManagerOwnedState();
        }

        long held() {
            return ((DeduplicateOperator) getOneInputOperator()).heldKeys();
        }
    }

    private static Mention post(MentionBuilder m) {
        return new MentionNormalizer(100_000).normalize(m.build());
    }

    private static List<String> out(Harness h) {
        return h.extractOutputValues().stream().map(m -> m.id + (Boolean.TRUE.equals(m.edit) ? " (edit)" : "")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aRepeatIsDroppedForTheTimeToLiveAndThenPassesAgain(String backend) throws Exception {
        try (var h = harness(new DeduplicateOperator(TTL), DedupKey.ID, backend)) {
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 1);
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 2);
            h.at(TTL.toMillis() - 1);
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 3);
            assertThat(out(h)).containsExactly("m:1");
            h.at(TTL.toMillis() + 1); // forgotten an hour after it was first seen
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 4);
            assertThat(out(h)).containsExactly("m:1", "m:1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aNewerEditPassesOnceMarkedAndAnOlderOrRepeatedOneIsDropped(String backend) throws Exception {
        try (var h = harness(new DeduplicateOperator(TTL), DedupKey.ID, backend)) {
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

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aCopyIsDroppedAndReportedWithTheMentionItCopies(String backend) throws Exception {
        try (var h = harness(new DeduplicateOperator(TTL, DedupKey.TEXT), DedupKey.TEXT, backend)) {
            h.processElement(post(MentionBuilder.post("rss:a").text(STORY)), 1);
            h.processElement(post(MentionBuilder.post("rss:b").url("https://mirror.example/x").text(STORY.toUpperCase() + " via @mirror")), 2);
            h.processElement(post(MentionBuilder.post("rss:a").text(STORY)), 3); // a redelivery is no copy of itself
            assertThat(out(h)).containsExactly("rss:a");
            assertThat(h.getSideOutput(DeduplicateOperator.COPIES)).extracting(StreamRecord::getValue)
                    .extracting(c -> c.originalId + " <- " + c.copyId + " by " + c.matchedBy + " on " + c.copyNetwork)
                    .containsExactly("rss:a <- rss:b by text on rss");
        }
    }

    /** The id stage before it let each id through once: a copy stage keeps state only for what copies can share. */
    @Test
    void aCopyStageRemembersNothingForAMentionOnlyItsIdNames() throws Exception {
        try (var text = harness(new DeduplicateOperator(TTL, DedupKey.TEXT), DedupKey.TEXT, "hashmap");
             var url = harness(new DeduplicateOperator(TTL, DedupKey.CANONICAL_URL), DedupKey.CANONICAL_URL, "hashmap")) {
            for (int i = 0; i < 100; i++) {
                text.processElement(post(MentionBuilder.post("m:" + i).text("so true, acme")), i);
                url.processElement(post(MentionBuilder.post("m:" + i).url(null).text("so true, acme")), i);
            }
            text.processElement(post(MentionBuilder.post("rss:a").text(STORY)), 100);
            url.processElement(post(MentionBuilder.post("rss:a").url("https://news.example/story").text(STORY)), 100);
            assertThat(text.extractOutputValues()).as("every post passes").hasSize(101);
            assertThat(url.extractOutputValues()).as("every post passes").hasSize(101);
            assertThat(text.held()).as("only the long text held").isEqualTo(1);
            assertThat(url.held()).as("only the post with a URL held").isEqualTo(1);
            assertThat(text.numKeyedStateEntries() + url.numKeyedStateEntries()).as("nothing in Flink's per-key states").isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void whatWasSeenAndTheLatestEditSurviveARestore(String backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(new DeduplicateOperator(TTL), DedupKey.ID, backend)) {
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 1);
            h.processElement(post(MentionBuilder.post("m:1").text("acme!").editedAt("2026-01-01T00:05:00Z")), 2);
            snapshot = h.snapshot(1L, 2);
        }
        try (var h = restored(new DeduplicateOperator(TTL), DedupKey.ID, backend, snapshot)) {
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 3);
            h.processElement(post(MentionBuilder.post("m:1").text("acme!").editedAt("2026-01-01T00:05:00Z")), 4);
            h.processElement(post(MentionBuilder.post("m:1").text("acme!!").editedAt("2026-01-01T00:06:00Z")), 5);
            h.processElement(post(MentionBuilder.post("m:3").text("new")), 6);
            assertThat(out(h)).containsExactly("m:1 (edit)", "m:3");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void copiesAreStillKnownAfterARestore(String backend) throws Exception {
        aCopyIsKnownAfterRestoring(new DeduplicateOperator(TTL, DedupKey.CANONICAL_URL), backend, backend);
    }

    /** Moving from the heap to RocksDB, or back, through a savepoint: each backend reads the keys the other wrote. */
    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void keysSurviveAChangeOfBackend(String from) throws Exception {
        String to = from.equals("hashmap") ? "rocksdb" : "hashmap";
        OperatorSubtaskState snapshot;
        try (var h = harness(new DeduplicateOperator(TTL), DedupKey.ID, from)) {
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 1);
            h.processElement(post(MentionBuilder.post("m:2").text("acme").editedAt("2026-01-01T00:05:00Z")), 2);
            snapshot = h.savepoint();
        }
        try (var h = restored(new DeduplicateOperator(TTL), DedupKey.ID, to, snapshot)) {
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 3);
            h.processElement(post(MentionBuilder.post("m:2").text("acme").editedAt("2026-01-01T00:05:00Z")), 4);
            h.processElement(post(MentionBuilder.post("m:2").text("acme").editedAt("2026-01-01T00:06:00Z")), 5);
            h.processElement(post(MentionBuilder.post("m:3").text("new")), 6);
            assertThat(out(h)).as(from + " to " + to).containsExactly("m:2 (edit)", "m:3");
        }
        aCopyIsKnownAfterRestoring(new DeduplicateOperator(TTL, DedupKey.CANONICAL_URL), from, to);
    }

    /**
     * A firehose of new keys, each seen once, over three times to live: no expired key is read again, so only the
     * tables' rebuilds clear them. Each table is rebuilt from its live keys when it is three quarters full, at twice
     * their number (and 16 slots), so it never holds more than one and a half times its live keys and 12 more.
     */
    @Test
    void expiredKeysLeaveTheTablesWhileNewKeysArrive() throws Exception {
        Duration ttl = Duration.ofSeconds(10);
        int live = (int) ttl.toMillis(); // one new key a millisecond
        try (var h = harness(new DeduplicateOperator(ttl, DedupKey.CANONICAL_URL), DedupKey.CANONICAL_URL, "hashmap")) {
            long most = 0;
            for (int i = 0; i < 3 * live; i++) {
                h.at(i);
                h.processElement(post(MentionBuilder.post("m:" + i).url("https://news.example/" + i)), i);
                if (i >= live) most = Math.max(most, h.held());
            }
            assertThat(h.extractOutputValues()).as("every key is new").hasSize(3 * live);
            int groups = KeyGroupRangeAssignment.computeDefaultMaxParallelism(1);
            assertThat(most).as("keys held past the first time to live, with " + live + " alive at any time")
                    .isGreaterThan(live).isLessThanOrEqualTo(3L * live / 2 + 13L * groups);
        }
    }

    /** A checkpoint writes only live keys: a restore holds none that had expired, and reads every live one as seen. */
    @Test
    void aCheckpointHoldsOnlyLiveKeys() throws Exception {
        int keys = 1_000;
        int fresh = keys / 20;
        OperatorSubtaskState snapshot;
        try (var h = harness(new DeduplicateOperator(TTL), DedupKey.ID, "hashmap")) {
            for (int i = 0; i < keys; i++) h.processElement(post(MentionBuilder.post("m:" + i).text("acme")), i);
            h.at(TTL.toMillis() + 1);
            for (int i = 0; i < fresh; i++) h.processElement(post(MentionBuilder.post("n:" + i).text("acme")), keys + i);
            assertThat(h.held()).as("expired keys not cleared yet").isGreaterThan(fresh);
            snapshot = h.snapshot(1L, keys + fresh);
        }
        try (var h = restored(new DeduplicateOperator(TTL), DedupKey.ID, "hashmap", snapshot)) {
            assertThat(h.held()).as("the live keys alone").isEqualTo(fresh);
            h.at(TTL.toMillis() + 2);
            for (int i = 0; i < keys; i++) h.processElement(post(MentionBuilder.post("m:" + i).text("acme")), i);
            for (int i = 0; i < fresh; i++) h.processElement(post(MentionBuilder.post("n:" + i).text("acme")), keys + i);
            assertThat(h.extractOutputValues()).as("every expired key passes again, every live one is dropped").hasSize(keys);
        }
    }

    /** Ids of every length the parser lets through, and of any script, come back from a checkpoint as they went in. */
    @Test
    void firstIdsOfAnyLengthAndScriptSurviveARestore() throws Exception {
        List<String> ids = List.of("m:" + "x".repeat(MentionParser.MAX_ID_CHARS - 2), "m:ünïcode✓", "m:\uD83D\uDE00", "m:");
        OperatorSubtaskState snapshot;
        try (var h = harness(new DeduplicateOperator(TTL, DedupKey.CANONICAL_URL), DedupKey.CANONICAL_URL, "hashmap")) {
            for (int i = 0; i < ids.size(); i++) h.processElement(post(MentionBuilder.post(ids.get(i)).url("https://blog.example/" + i)), i);
            snapshot = h.snapshot(1L, ids.size());
        }
        try (var h = restored(new DeduplicateOperator(TTL, DedupKey.CANONICAL_URL), DedupKey.CANONICAL_URL, "hashmap", snapshot)) {
            for (int i = 0; i < ids.size(); i++) h.processElement(post(MentionBuilder.post("copy:" + i).url("https://www.blog.example/" + i)), i);
            assertThat(out(h)).isEmpty();
            assertThat(h.getSideOutput(DeduplicateOperator.COPIES)).extracting(r -> r.getValue().originalId).containsExactlyElementsOf(ids);
        }
    }

    /**
     * A checkpoint from before the packed keys holds one Flink state per key: restored on the heap, those keys stay
     * seen until their time to live runs out, an edit of one still passes, and the job's next checkpoint carries them.
     */
    @Test
    void keysOfTheStateBeforeThePackedTablesStaySeenUntilTheyExpire() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(EarlierState.lastEdit(), DedupKey.ID, "hashmap")) {
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 1);
            h.processElement(post(MentionBuilder.post("m:2").text("acme")), 2);
            snapshot = h.snapshot(1L, 2);
        }
        try (var h = restored(new DeduplicateOperator(TTL), DedupKey.ID, "hashmap", snapshot)) {
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 3);
            h.processElement(post(MentionBuilder.post("m:2").text("acme!").editedAt("2026-01-01T00:05:00Z")), 4);
            assertThat(out(h)).as("a repeat dropped, an edit passed").containsExactly("m:2 (edit)");
            snapshot = h.snapshot(2L, 4);
        }
        try (var h = restored(new DeduplicateOperator(TTL), DedupKey.ID, "hashmap", snapshot)) {
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 5);
            h.processElement(post(MentionBuilder.post("m:2").text("acme!").editedAt("2026-01-01T00:05:00Z")), 6);
            h.at(TTL.toMillis() + 1);
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 7);
            assertThat(out(h)).as("after the next checkpoint: both still seen, the old entry forgotten after its time to live")
                    .containsExactly("m:1");
        }
    }

    @Test
    void keysSeenBeforeTheStateWasOneEntryPerKeyStaySeen() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(EarlierState.seenOnly(), DedupKey.ID, "hashmap")) { // what 0.1 wrote for a post never edited
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 1);
            snapshot = h.snapshot(1L, 1);
        }
        try (var h = restored(new DeduplicateOperator(TTL), DedupKey.ID, "hashmap", snapshot)) {
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 2);
            h.processElement(post(MentionBuilder.post("m:1").text("acme!").editedAt("2026-01-01T00:05:00Z")), 3);
            h.processElement(post(MentionBuilder.post("m:2").text("new")), 4);
            h.at(TTL.toMillis() + 1);
            h.processElement(post(MentionBuilder.post("m:1").text("acme")), 5);
            assertThat(out(h)).as("a repeat dropped, an edit passed, the old entry forgotten after its time to live")
                    .containsExactly("m:1 (edit)", "m:2", "m:1");
        }
    }

    @Test
    void copiesSeenBeforeTheBulkStringSerializerAreStillKnown() throws Exception {
        aCopyIsKnownAfterRestoring(new KeyedProcessOperator<>(EarlierState.firstIdWithFlinksSerializer()),
                "hashmap", "hashmap");
    }

    /** A post seen by {@code writer} on {@code from}, its state restored into the URL stage on {@code to}: a copy of it is dropped and reported. */
    private static void aCopyIsKnownAfterRestoring(OneInputStreamOperator<Mention, Mention> writer, String from, String to) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(writer, DedupKey.CANONICAL_URL, from)) {
            h.processElement(post(MentionBuilder.post("m:1").url("https://blog.example/post")), 1);
            snapshot = from.equals(to) ? h.snapshot(1L, 1) : h.savepoint();
        }
        try (var h = restored(new DeduplicateOperator(TTL, DedupKey.CANONICAL_URL), DedupKey.CANONICAL_URL, to, snapshot)) {
            h.processElement(post(MentionBuilder.post("reddit:t3").url("https://www.blog.example/post?utm_source=x")), 2);
            assertThat(out(h)).isEmpty();
            assertThat(h.getSideOutput(DeduplicateOperator.COPIES)).extracting(r -> r.getValue().originalId).containsExactly("m:1");
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

        /** The id stage's state from 0.2 until the packed tables: the latest edit time, {@code Long.MIN_VALUE} if none. */
        static EarlierState<Long> lastEdit() {
            return new EarlierState<>("last-edit", Types.LONG, expiry().cleanupIncrementally(8, false).build(),
                    m -> m.editedAt == null ? Long.MIN_VALUE : m.editedAt.toEpochMilli());
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
