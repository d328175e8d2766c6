package org.earshot.pipeline.aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one rule's cell gained in one minute since it was last written: a row of
 * {@code rule_minute_input}, summed (and its authors merged) into {@code rule_minute}.
 */
public class RuleMinute {
    public String ruleId;
    public Instant minute;
    public String network;
    public String lang;
    public String sentiment;
    public long mentions;
    public long reach;
    /** Mentions per emotion, in {@link Emotions#LABELS} order. */
    public long[] emotions = new long[Emotions.LABELS.length];
    /** Authors seen in the minute; ClickHouse counts them once however often they are sent. */
    public List<String> authors = new ArrayList<>();

    public RuleMinute() {}

    /** A single match on its own: how a mention too late for its window still counts. */
    static RuleMinute of(RuleMatch match) {
        RuleMinute row = new RuleMinute();
        row.ruleId = match.ruleId;
        row.minute = Minutes.startOf(match.publishedAt);
        row.network = match.network;
        row.lang = match.lang;
        row.sentiment = match.sentiment;
        row.mentions = 1;
        row.reach = match.reach;
        row.emotions = Emotions.count(null, match.emotion);
        if (!match.author.isEmpty()) row.authors.add(match.author);
        return row;
    }
}
