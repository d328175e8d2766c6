package org.earshot.schemas;

import java.util.Objects;

/** A sentiment label ({@code negative}, {@code neutral}, {@code positive}) and the model's confidence in it. */
public class Sentiment {
    public String label;
    public double score;

    public Sentiment() {}

    public Sentiment(String label, double score) {
        this.label = label;
        this.score = score;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sentiment s && Objects.equals(label, s.label) && Double.compare(score, s.score) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, score);
    }
}
