package org.earshot.jobs.training;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A classifier's answers against the gold labels: a confusion matrix and the figures read from
 * it, among them macro-averaged recall (TweetEval's sentiment metric) and SemEval's F1 of
 * positive and negative.
 */
public final class Evaluation {
    private final List<String> labels;
    /** [gold][predicted]. */
    private final long[][] counts;

    /** For these labels; a gold or predicted label outside them is added as it comes. */
    public Evaluation(List<String> labels) {
        this.labels = new ArrayList<>(new TreeSet<>(labels));
        this.counts = new long[64][64];
    }

    public void add(String gold, String predicted) {
        counts[index(gold)][index(predicted)]++;
    }

    private int index(String label) {
        int at = labels.indexOf(label);
        if (at >= 0) return at;
        if (labels.size() == counts.length) throw new IllegalStateException("more than " + counts.length + " labels");
        labels.add(label);
        return labels.size() - 1;
    }

    public List<String> labels() {
        return List.copyOf(labels);
    }

    public long total() {
        long n = 0;
        for (int g = 0; g < labels.size(); g++) for (int p = 0; p < labels.size(); p++) n += counts[g][p];
        return n;
    }

    public double accuracy() {
        long right = 0;
        for (int i = 0; i < labels.size(); i++) right += counts[i][i];
        return ratio(right, total());
    }

    public double precision(String label) {
        int i = labels.indexOf(label);
        if (i < 0) return 0;
        long predicted = 0;
        for (int g = 0; g < labels.size(); g++) predicted += counts[g][i];
        return ratio(counts[i][i], predicted);
    }

    public double recall(String label) {
        int i = labels.indexOf(label);
        if (i < 0) return 0;
        long gold = 0;
        for (int p = 0; p < labels.size(); p++) gold += counts[i][p];
        return ratio(counts[i][i], gold);
    }

    public double f1(String label) {
        double p = precision(label);
        double r = recall(label);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The mean recall over the classes that occur in the gold labels. */
    public double macroRecall() {
        return goldLabels().stream().mapToDouble(this::recall).average().orElse(0);
    }

    public double macroF1() {
        return goldLabels().stream().mapToDouble(this::f1).average().orElse(0);
    }

    /** SemEval 2017 task 4A's second metric: the mean F1 of positive and negative. */
    public double semEvalF1PN() {
        return (f1("positive") + f1("negative")) / 2;
    }

    private List<String> goldLabels() {
        List<String> out = new ArrayList<>();
        for (int g = 0; g < labels.size(); g++) {
            long gold = 0;
            for (int p = 0; p < labels.size(); p++) gold += counts[g][p];
            if (gold > 0) out.add(labels.get(g));
        }
        return out;
    }

    /** One figure per line with its name, then per-class figures and the confusion matrix. */
    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "documents: %d%n", total());
        out.printf(Locale.ROOT, "macro-averaged recall: %.3f%n", macroRecall());
        out.printf(Locale.ROOT, "macro-F1: %.3f%n", macroF1());
        if (labels.contains("positive") && labels.contains("negative")) out.printf(Locale.ROOT, "SemEval F1 (positive, negative): %.3f%n", semEvalF1PN());
        out.printf(Locale.ROOT, "accuracy: %.3f%n", accuracy());
        for (String label : labels) {
            out.printf(Locale.ROOT, "%s: precision %.3f, recall %.3f, F1 %.3f%n", label, precision(label), recall(label), f1(label));
        }
        int width = Math.max(9, labels.stream().mapToInt(String::length).max().orElse(0));
        out.println("confusion matrix (rows: gold, columns: predicted):");
        StringBuilder header = new StringBuilder(String.format("%-" + width + "s", ""));
        for (String label : labels) header.append(String.format(" %" + width + "s", label));
        out.println(header);
        for (int g = 0; g < labels.size(); g++) {
            StringBuilder row = new StringBuilder(String.format("%-" + width + "s", labels.get(g)));
            for (int p = 0; p < labels.size(); p++) row.append(String.format(" %" + width + "d", counts[g][p]));
            out.println(row);
        }
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
