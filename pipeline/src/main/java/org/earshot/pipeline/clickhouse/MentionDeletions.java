package org.earshot.pipeline.clickhouse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;

/**
 * Applies deleted posts to ClickHouse: the mention and its rule matches go (ClickHouse's
 * lightweight {@code DELETE}, 23.3 and newer). Ids are collected and deleted at each checkpoint,
 * before it completes; a failure fails the checkpoint and the job replays them from the last one.
 * Deleting twice is deleting once, so at-least-once is exact here. Counts already aggregated per
 * minute keep the post: it was said, and then withdrawn.
 */
public final class MentionDeletions implements Sink<String> {
    static final int CHUNK = 1_000;
    private final ClickHouseSinkOptions options;

    public MentionDeletions(ClickHouseSinkOptions options) {
        this.options = options;
    }

    @Override
    public SinkWriter<String> createWriter(WriterInitContext context) {
        return new Writer(options);
    }

    private static final class Writer implements SinkWriter<String> {
        private final ClickHouseSinkOptions options;
        private final List<String> pending = new ArrayList<>();

        Writer(ClickHouseSinkOptions options) {
            this.options = options;
        }

        @Override
        public void write(String mentionId, Context context) {
            pending.add(mentionId);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (pending.isEmpty()) return;
            try (Connection c = options.connect()) {
                for (int from = 0; from < pending.size(); from += CHUNK) {
                    List<String> ids = pending.subList(from, Math.min(pending.size(), from + CHUNK));
                    delete(c, "DELETE FROM mentions WHERE id IN (", ids);
                    delete(c, "DELETE FROM mention_rules WHERE mention_id IN (", ids);
                }
            } catch (SQLException e) {
                throw new IOException("cannot delete " + pending.size() + " deleted mention(s) from ClickHouse: " + e.getMessage(), e);
            }
            pending.clear();
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
}
