package org.earshot.pipeline.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The running count of one rule's cell in one minute: the window's accumulator. */
public class MinuteTally {
    public String ruleId;
    public String network;
    public String lang;
    public String sentiment;
    public long mentions;
    public long reach;
    /** Distinct authors, sorted (a list so Flink serializes it without Kryo). */
    public List<String> authors = new ArrayList<>();

    public MinuteTally() {}

    void add(RuleMatch match) {
        if (ruleId == null) {
            ruleId = match.ruleId;
            network = match.network;
            lang = match.lang;
            sentiment = match.sentiment;
        }
        mentions++;
        reach += match.reach;
        addAuthor(match.author);
    }

    void addAll(MinuteTally other) {
        if (ruleId == null) {
            ruleId = other.ruleId;
            network = other.network;
            lang = other.lang;
            sentiment = other.sentiment;
        }
        mentions += other.mentions;
        reach += other.reach;
        other.authors.forEach(this::addAuthor);
    }

    private void addAuthor(String author) {
        if (author == null || author.isEmpty()) return;
        int at = Collections.binarySearch(authors, author);
        if (at < 0) authors.add(-at - 1, author);
    }
}
