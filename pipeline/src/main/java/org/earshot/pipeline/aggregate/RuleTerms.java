package org.earshot.pipeline.aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** The trending-term candidates of one mention matched by one rule. */
@TypeInfo(RuleTermsSerializer.Factory.class)
public class RuleTerms {
    public String ruleId;
    /** The mention's event time. */
    public Instant publishedAt;
    public List<String> terms = new ArrayList<>();
    public List<String> hashtags = new ArrayList<>();

    public RuleTerms() {}
}
