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

    /** A tally of {@code minute} on its own: how matches too late for their window still count. */
    static RuleMinute of(MinuteTally tally, Instant minute) {
        RuleMinute row = new RuleMinute();
        row.ruleId = tally.ruleId;
        row.minute = minute;
        row.network = tally.network;
        row.lang = tally.lang;
        row.sentiment = tally.sentiment;
        row.mentions = tally.mentions;
        row.reach = tally.reach;
        for (int i = 0; i < row.emotions.length; i++) row.emotions[i] = Emotions.at(tally.emotions, i);
        row.authors = new ArrayList<>(tally.authors);
        return row;
    }
}
