package org.earshot.pipeline.matching;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.pipeline.query.QueryCompiler;
import org.earshot.pipeline.query.QueryException;
import org.earshot.pipeline.query.QueryParser;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Rule;
import org.earshot.schemas.Topics;

/**
 * Reads {@code earshot.rules} records into {@link RuleUpdate}s: a rule JSON under its id is a put,
 * an empty value under an id a delete. A record without a key, with a key that is not its id, or
 * with a query that does not parse and compile leaves as a dead letter, and the rule's previous
 * version stays live. Runs before the broadcast, so each record is judged once.
 */
public final class ParseRulesFunction extends ProcessFunction<RawRecord, RuleUpdate> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("rule-dead-letters") {};
    static final String STAGE = "rules";

    private transient QueryCompiler compiler;

    @Override
    public void open(OpenContext context) {
        compiler = new QueryCompiler(MentionFields.queryAnalyzer());
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<RuleUpdate> out) {
        try {
            out.collect(update(record.key == null ? null : new String(record.key, StandardCharsets.UTF_8), record.value)
                    .at(record.partition, record.offset));
        } catch (Refused e) {
            ctx.output(DEAD_LETTERS, new DeadLetter(record.value, record.topic, record.partition, record.offset,
                    STAGE, e.getMessage(), Instant.now()));
            out.collect(RuleUpdate.skip().at(record.partition, record.offset)); // the matcher counts it as read
        }
    }

    /** The change the record asks for, or {@link Refused} saying what is wrong with it. */
    private RuleUpdate update(String key, byte[] value) throws Refused {
        if (key == null || key.isEmpty()) throw new Refused("a rule record needs the rule id as its Kafka key");
        if (!Rule.validId(key)) throw new Refused("rule id '" + abbreviate(key) + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
        if (value.length == 0) return RuleUpdate.delete(key);
        Rule rule;
        try {
            rule = Topics.RULES.deserialize(value);
        } catch (IOException e) {
            throw new Refused("rule " + key + " is not a valid rule JSON: " + e.getMessage());
        }
        if (rule == null) throw new Refused("rule " + key + " is JSON null; delete a rule with an empty (tombstone) value");
        if (rule.id != null && !rule.id.equals(key)) {
            throw new Refused("rule id '" + abbreviate(rule.id) + "' differs from its Kafka key '" + key + "'");
        }
        if (rule.query == null || rule.query.isBlank()) throw new Refused("rule " + key + " has no query");
        try {
            compiler.compile(QueryParser.parse(rule.query));
        } catch (QueryException e) {
            throw new Refused("rule " + key + " has an invalid query: " + e.getMessage());
        }
        return RuleUpdate.put(key, rule.query);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    /** A record that is no rule change, with the reason. */
    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
