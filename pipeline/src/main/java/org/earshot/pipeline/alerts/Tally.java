package org.earshot.pipeline.alerts;

import org.earshot.schemas.Subscription.Condition;

/** The mentions of one step of a window: all of them, those a threshold's filter keeps, and each sentiment. */
public class Tally {
    public long all;
    public long filtered;
    public long positive;
    public long negative;
    public long neutral;

    public Tally() {}

    void add(Hit hit, Condition c) {
        all++;
        String sentiment = hit.mention.sentiment;
        if ("positive".equals(sentiment)) positive++;
        else if ("negative".equals(sentiment)) negative++;
        else neutral++;
        if ((c.network == null || c.network.equals(hit.mention.network))
                && (c.language == null || c.language.equals(hit.mention.lang))
                && (c.sentiment == null || c.sentiment.equals(sentiment))) {
            filtered++;
        }
    }

    void addAll(Tally other) {
        all += other.all;
        filtered += other.filtered;
        positive += other.positive;
        negative += other.negative;
        neutral += other.neutral;
    }

    /** Positive minus negative, in points of percent of all. */
    double net() {
        return all == 0 ? 0 : 100.0 * (positive - negative) / all;
    }

    double negativeShare() {
        return all == 0 ? 0 : 100.0 * negative / all;
    }
}
