package org.earshot.pipeline.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.earshot.schemas.Notification.Brief;

/** What a subscription's evaluation keeps between mentions, in Flink state (checkpointed). */
final class Kept {
    private Kept() {}

    /** Mentions gathered for the next every-match notification. */
    public static class Batch {
        public List<Brief> mentions = new ArrayList<>();
        /** Mentions beyond the notification's limit: counted, not listed. */
        public long more;
        /** Processing time it is sent at, 0 while none is set. */
        public long due;

        public Batch() {}
    }

    /** The raised alert of a window condition, until it completes. */
    public static class Open {
        public String alertId;
        public long raisedAt;
        public long windowStart;
        public String summary;

        public Open() {}
    }

    /** The few mentions with the most reach, for a notification to show. */
    public static class Top {
        static final int SIZE = 5;
        public List<Brief> mentions = new ArrayList<>();

        public Top() {}

        void add(Brief b) {
            mentions.add(b);
            mentions.sort(Comparator.comparingLong((Brief m) -> m.reach == null ? 0 : m.reach).reversed());
            if (mentions.size() > SIZE) mentions.remove(mentions.size() - 1);
        }

        /** Without those published before {@code since}. */
        void dropBefore(long since) {
            mentions.removeIf(m -> m.publishedAt != null && m.publishedAt.toEpochMilli() < since);
        }
    }

    /** One digest period so far. */
    public static class Period {
        /** Terms kept per period at most: the rarest are dropped first when there are more. */
        static final int TERMS = 2_000;
        public Tally tally = new Tally();
        public Top top = new Top();
        public Map<String, Long> terms = new HashMap<>();

        public Period() {}

        void add(Hit hit) {
            tally.all++;
            String sentiment = hit.mention.sentiment;
            if ("positive".equals(sentiment)) tally.positive++;
            else if ("negative".equals(sentiment)) tally.negative++;
            else tally.neutral++;
            top.add(hit.mention);
            for (String t : hit.terms) terms.merge(t, 1L, Long::sum);
            for (String h : hit.hashtags) terms.merge(h, 1L, Long::sum);
            if (terms.size() > TERMS) terms.values().removeIf(n -> n <= 1);
        }
    }
}
