package org.earshot.pipeline.alerts;

import java.util.List;

/**
 * Whether a window's count stands out from the windows before it: above mean + k·σ. Counts of mentions are about
 * Poisson, so σ is at least √mean (and at least 1): a flat series of 10, 10, 10 does not make 12 a spike.
 */
record Baseline(double mean, double sigma, int windows) {
    static Baseline of(List<Double> counts) {
        double mean = counts.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double variance = counts.stream().mapToDouble(c -> (c - mean) * (c - mean)).average().orElse(0);
        return new Baseline(mean, Math.max(Math.sqrt(variance), Math.max(1, Math.sqrt(mean))), counts.size());
    }

    double limit(double k) {
        return mean + k * sigma;
    }
}
