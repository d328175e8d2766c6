package org.earshot.pipeline.clickhouse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;

/**
 * Applies deleted posts to ClickHouse: the mention and its rule matches go (ClickHouse's
 * lightweight {@code DELETE}, 23.3 and newer). Counts already aggregated per minute keep the
 * post: it was said, and then withdrawn.
 *
 * <p>A deletion waits one checkpoint. The mention sinks insert a checkpoint's rows after it
 * completes, and have finished before the next one completes; a post deleted soon after it was
 * published may have its mention and its deletion in the same checkpoint, and deleting at once
 * would run before the insert and leave the mention. So the ids collected up to checkpoint N are
 * kept in this writer's state and handed to the committer at N + 1, which deletes them once N + 1
 * completes. Deleting twice is deleting once, so a replayed commit is harmless.
 */
public final class MentionDeletions
        implements Sink<String>, SupportsWriterState<String, List<String>>, SupportsCommitter<List<String>> {
    static final int CHUNK = 1_000;
    private final ClickHouseSinkOptions options;

    public MentionDeletions(ClickHouseSinkOptions options) {
        this.options = options;
    }

    @Override
    public Writer createWriter(WriterInitContext context) {
        return new Writer(List.of());
    }

    @Override
    public Writer restoreWriter(WriterInitContext context, Collection<List<String>> recovered) {
        List<String> waiting = new ArrayList<>();
        recovered.forEach(waiting::addAll);
        return new Writer(waiting);
    }

    @Override
    public Committer<List<String>> createCommitter(CommitterInitContext context) {
        return new Deleter(options);
    }

    @Override
    public SimpleVersionedSerializer<List<String>> getWriterStateSerializer() {
        return new IdsSerializer();
    }

    @Override
    public SimpleVersionedSerializer<List<String>> getCommittableSerializer() {
        return new IdsSerializer();
    }

    /** Collects ids; hands over at each checkpoint those collected before the previous one. */
    static final class Writer implements StatefulSinkWriter<String, List<String>>, CommittingSinkWriter<String, List<String>> {
        /** Collected before the last checkpoint: they go at the next one. */
        private List<String> waiting;
        private List<String> collecting = new ArrayList<>();

        Writer(List<String> waiting) {
            this.waiting = new ArrayList<>(waiting);
        }

        @Override
        public void write(String mentionId, Context context) {
            collecting.add(mentionId);
        }

        @Override
        public void flush(boolean endOfInput) {
            if (endOfInput) {
                // No checkpoint follows the end of a bounded input: everything goes now.
                waiting.addAll(collecting);
                collecting = new ArrayList<>();
            }
        }

        @Override
        public Collection<List<String>> prepareCommit() {
            List<String> due = waiting;
            waiting = collecting;
            collecting = new ArrayList<>();
            return due.isEmpty() ? List.of() : List.of(due);
        }

        @Override
        public List<List<String>> snapshotState(long checkpointId) {
            List<String> pending = new ArrayList<>(waiting);
            pending.addAll(collecting);
            return pending.isEmpty() ? List.of() : List.of(pending);
        }

        @Override
        public void close() {}
    }

    /** Deletes the ids of a completed checkpoint; a failure fails the job, which commits them again. */
    private static final class Deleter implements Committer<List<String>> {
        private final ClickHouseSinkOptions options;

        Deleter(ClickHouseSinkOptions options) {
            this.options = options;
        }

        @Override
        public void commit(Collection<CommitRequest<List<String>>> requests) throws IOException {
            List<String> ids = new ArrayList<>();
            for (CommitRequest<List<String>> request : requests) ids.addAll(request.getCommittable());
            if (ids.isEmpty()) return;
            try (Connection c = options.connect()) {
                for (int from = 0; from < ids.size(); from += CHUNK) {
                    List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                    delete(c, "DELETE FROM mentions WHERE id IN (", chunk);
                    delete(c, "DELETE FROM mention_rules WHERE mention_id IN (", chunk);
                }
            } catch (SQLException e) {
                throw new IOException("cannot delete " + ids.size() + " deleted mention(s) from ClickHouse: " + e.getMessage(), e);
            }
        }

        /** The ids travel as parameters, never as SQL text. */
        private static void delete(Connection c, String prefix, List<String> ids) throws SQLException {
            String sql = prefix + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < ids.size(); i++) s.setString(i + 1, ids.get(i));
                s.execute();
            }
        }

        @Override
        public void close() {}
    }

    /** Ids in checkpoints: a count, then each id. */
    private static final class IdsSerializer implements SimpleVersionedSerializer<List<String>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<String> ids) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(16 + ids.size() * 48);
            out.writeInt(ids.size());
            for (String id : ids) out.writeUTF(id);
            return out.getCopyOfBuffer();
        }

        @Override
        public List<String> deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) throw new IOException("unknown deletion ids version " + version);
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int n = in.readInt();
            List<String> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) ids.add(in.readUTF());
            return ids;
        }
    }
}
