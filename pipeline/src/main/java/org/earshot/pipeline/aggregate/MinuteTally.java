package org.earshot.pipeline.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** The running count of one rule's cell in one minute: the window's accumulator, written by {@link MinuteTallySerializer}. */
@TypeInfo(MinuteTallySerializer.Factory.class)
public class MinuteTally implements Tally<RuleMatch, MinuteTally> {
    public String ruleId;
    public String network;
    public String lang;
    public String sentiment;
    public long mentions;
    public long reach;
    /** Mentions per emotion, in {@link Emotions#LABELS} order (null in state from before they were counted). */
    public long[] emotions = new long[Emotions.LABELS.length];
    /** Distinct authors, sorted. */
    public List<String> authors = new ArrayList<>();

    public MinuteTally() {}

    @Override
    public void add(RuleMatch match) {
        takeCell(match.ruleId, match.network, match.lang, match.sentiment);
        mentions++;
        reach += match.reach;
        emotions = Emotions.count(emotions, match.emotion);
        addAuthor(match.author);
    }

    @Override
    public void addAll(MinuteTally other) {
        takeCell(other.ruleId, other.network, other.lang, other.sentiment);
        mentions += other.mentions;
        reach += other.reach;
        emotions = Emotions.plus(emotions, other.emotions);
        other.authors.forEach(this::addAuthor);
    }

    /** The key of the cell this tally counts ({@link RuleMatch#cell}). */
    public String cell() {
        return RuleMatch.cell(ruleId, network, lang, sentiment);
    }

    /** The cell this tally counts, taken from the first record. */
    private void takeCell(String rule, String net, String language, String sentimentLabel) {
        if (ruleId != null) return;
        ruleId = rule;
        network = net;
        lang = language;
        sentiment = sentimentLabel;
    }

    private void addAuthor(String author) {
        if (author == null || author.isEmpty()) return;
        int at = Collections.binarySearch(authors, author);
        if (at < 0) authors.add(-at - 1, author);
    }
}
