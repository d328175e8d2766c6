package org.earshot.pipeline.aggregate;

import java.util.HashMap;
import java.util.Map;

/** How often each term and hashtag occurred in one rule's minute: the window's accumulator. */
public class TermTally implements Tally<RuleTerms, TermTally> {
    public String ruleId;
    public Map<String, Long> terms = new HashMap<>();
    public Map<String, Long> hashtags = new HashMap<>();

    public TermTally() {}

    @Override
    public void add(RuleTerms rt) {
        if (ruleId == null) ruleId = rt.ruleId;
        rt.terms.forEach(t -> terms.merge(t, 1L, Long::sum));
        rt.hashtags.forEach(t -> hashtags.merge(t, 1L, Long::sum));
    }

    @Override
    public void addAll(TermTally other) {
        if (ruleId == null) ruleId = other.ruleId;
        other.terms.forEach((t, n) -> terms.merge(t, n, Long::sum));
        other.hashtags.forEach((t, n) -> hashtags.merge(t, n, Long::sum));
    }
}
