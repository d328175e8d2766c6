package org.earshot.pipeline.aggregate;

import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.earshot.schemas.Mention;

/** A matched mention as one {@link RuleMatch} per rule it matched, at the mention's event time. */
public final class MatchesByRule extends ProcessFunction<Mention, RuleMatch> {
    @Override
    public void processElement(Mention m, Context ctx, Collector<RuleMatch> out) {
        // An edit of a post already counted: the counts keep what was first said.
        if (m.ruleIds == null || m.ruleIds.isEmpty() || Boolean.TRUE.equals(m.edit)) return;
        Instant at = Instant.ofEpochMilli(ctx.timestamp() != null ? ctx.timestamp() : m.eventTimeMillis(System.currentTimeMillis()));
        for (String ruleId : m.ruleIds) {
            RuleMatch match = new RuleMatch();
            match.ruleId = ruleId;
            match.mentionId = m.id;
            match.publishedAt = at;
            match.network = orEmpty(m.network);
            match.lang = m.lang == null ? "und" : m.lang;
            match.sentiment = m.sentiment == null ? "" : orEmpty(m.sentiment.label);
            match.emotion = orEmpty(m.emotion);
            match.reach = m.reach == null ? 0 : m.reach;
            match.author = author(m);
            out.collect(match);
        }
    }

    static String author(Mention m) {
        if (m.author == null) return "";
        if (m.author.handle != null && !m.author.handle.isEmpty()) return m.author.handle;
        return orEmpty(m.author.name);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
