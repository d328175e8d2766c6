package org.earshot.pipeline.aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The trending-term candidates of one mention matched by one rule. */
public class RuleTerms {
    public String ruleId;
    /** The mention's event time. */
    public Instant publishedAt;
    public List<String> terms = new ArrayList<>();
    public List<String> hashtags = new ArrayList<>();

    public RuleTerms() {}
}
