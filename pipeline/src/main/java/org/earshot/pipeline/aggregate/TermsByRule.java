package org.earshot.pipeline.aggregate;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.earshot.schemas.Mention;

/** A matched mention's terms and hashtags, found once, as one {@link RuleTerms} per rule it matched. */
public final class TermsByRule extends ProcessFunction<Mention, RuleTerms> {
    private transient TrendingTerms trending;

    @Override
    public void open(OpenContext context) {
        trending = new TrendingTerms();
    }

    @Override
    public void processElement(Mention m, Context ctx, Collector<RuleTerms> out) {
        // An edit of a post already counted: the counts keep what was first said.
        if (m.ruleIds == null || m.ruleIds.isEmpty() || Boolean.TRUE.equals(m.edit)) return;
        List<String> terms = trending.terms(m);
        List<String> hashtags = trending.hashtags(m);
        if (terms.isEmpty() && hashtags.isEmpty()) return;
        Instant at = Instant.ofEpochMilli(ctx.timestamp() != null ? ctx.timestamp() : m.eventTimeMillis(System.currentTimeMillis()));
        for (String ruleId : m.ruleIds) {
            RuleTerms rt = new RuleTerms();
            rt.ruleId = ruleId;
            rt.publishedAt = at;
            rt.terms = terms;
            rt.hashtags = hashtags;
            out.collect(rt);
        }
    }
}
