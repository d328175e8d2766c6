package org.earshot.pipeline.aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** What a term or hashtag gained in one rule's hour: a row of {@code rule_hour_terms}, summed there. */
@TypeInfo(RuleTermCountSerializer.Factory.class)
public class RuleTermCount {
    public static final String TERM = "term";
    public static final String HASHTAG = "hashtag";

    public String ruleId;
    public Instant hour;
    /** {@link #TERM} or {@link #HASHTAG}. */
    public String kind;
    public String term;
    public long count;

    public RuleTermCount() {}

    RuleTermCount(String ruleId, Instant hour, String kind, String term, long count) {
        this.ruleId = ruleId;
        this.hour = hour;
        this.kind = kind;
        this.term = term;
        this.count = count;
    }

    /** A minute's tally of terms on its own: how mentions too late for their window still count, in its hour. */
    static List<RuleTermCount> of(TermTally tally, Instant minute) {
        Instant hour = Minutes.hourOf(minute);
        List<RuleTermCount> rows = new ArrayList<>();
        tally.terms.forEach((t, n) -> rows.add(new RuleTermCount(tally.ruleId, hour, TERM, t, n)));
        tally.hashtags.forEach((t, n) -> rows.add(new RuleTermCount(tally.ruleId, hour, HASHTAG, t, n)));
        return rows;
    }
}
