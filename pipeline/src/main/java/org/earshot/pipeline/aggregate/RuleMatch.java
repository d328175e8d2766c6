package org.earshot.pipeline.aggregate;

import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** A mention matched by a rule: one row of {@code mention_rules}, and what minute tallies count. */
@TypeInfo(RuleMatchSerializer.Factory.class)
public class RuleMatch {
    public String ruleId;
    public String mentionId;
    /** The mention's event time. */
    public Instant publishedAt;
    public String network;
    public String lang;
    public String sentiment;
    /** anger, joy, optimism, sadness or none. */
    public String emotion;
    public long reach;
    /** The author's handle (or name); empty when unknown. */
    public String author;

    public RuleMatch() {}

    /** The minute × network × language × sentiment cell of one rule this match counts in. */
    public String cell() {
        return cell(ruleId, network, lang, sentiment);
    }

    /** The key of a rule's cell, as the minute windows are keyed. */
    static String cell(String ruleId, String network, String lang, String sentiment) {
        return ruleId + '\u001f' + network + '\u001f' + lang + '\u001f' + sentiment;
    }
}
