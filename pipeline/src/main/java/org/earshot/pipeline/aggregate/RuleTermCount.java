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

    /** A single mention's terms on their own: how a mention too late for its window still counts. */
    static List<RuleTermCount> of(RuleTerms rt) {
        Instant hour = Minutes.hourOf(rt.publishedAt);
        List<RuleTermCount> rows = new ArrayList<>();
        rt.terms.forEach(t -> rows.add(new RuleTermCount(rt.ruleId, hour, TERM, t, 1)));
        rt.hashtags.forEach(t -> rows.add(new RuleTermCount(rt.ruleId, hour, HASHTAG, t, 1)));
        return rows;
    }
}
