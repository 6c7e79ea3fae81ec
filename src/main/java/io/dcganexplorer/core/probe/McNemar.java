package io.dcganexplorer.core.probe;

import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * McNemar's test of two classifiers scored on the same test images (McNemar 1947; Dietterich, "Approximate
 * Statistical Tests for Comparing Supervised Classification Learning Algorithms", 1998). Only the images
 * where exactly one of the two is right count: b (only A right) and c (only B right). Under "equally
 * accurate" each such image is a fair coin. With fewer than {@link #EXACT_BELOW} of them the two-sided
 * exact binomial p-value is used; otherwise the chi-square statistic with continuity correction,
 * (|b − c| − 1)² / (b + c), on one degree of freedom.
 */
public final class McNemar {

    /** Below this many discordant images the exact binomial test is used. */
    public static final int EXACT_BELOW = 25;

    /**
     * The test's outcome.
     *
     * @param onlyFirstRight b: images the first classifier gets right and the second wrong
     * @param onlySecondRight c: the other way round
     * @param statistic the chi-square statistic, NaN for the exact test
     * @param pValue two-sided p-value
     * @param exact whether the exact binomial test was used
     */
    public record Result(int onlyFirstRight, int onlySecondRight, double statistic, double pValue, boolean exact) {

        /** True when the difference could well be noise (p >= 0.05). */
        public boolean withinNoise() {
            return pValue >= 0.05;
        }

        /** One line, for example "McNemar: 412 vs 331 discordant images, chi² = 8.61, p = 0.0033". */
        public String summary() {
            return exact
                    ? String.format(Locale.ROOT, "McNemar (exact): %d vs %d discordant images, p = %s", onlyFirstRight,
                    onlySecondRight, formatP(pValue))
                    : String.format(Locale.ROOT, "McNemar: %d vs %d discordant images, chi² = %.2f, p = %s",
                    onlyFirstRight, onlySecondRight, statistic, formatP(pValue));
        }

        private static String formatP(double p) {
            return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
        }
    }

    private McNemar() {
    }

    /**
     * Compares two prediction vectors on the same images.
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static Result compare(int[] first, int[] second, int[] truth) {
        if (first.length != truth.length || second.length != truth.length) {
            throw new IllegalArgumentException("predictions for " + first.length + " and " + second.length
                    + " images, " + truth.length + " labels");
        }
        int b = 0;
        int c = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean a = first[i] == truth[i];
            boolean s = second[i] == truth[i];
            if (a && !s) {
                b++;
            } else if (s && !a) {
                c++;
            }
        }
        return test(b, c);
    }

    /** The test on the discordant counts b and c. */
    public static Result test(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts " + b + " and " + c + " must not be negative");
        }
        int n = b + c;
        if (n == 0) {
            return new Result(b, c, Double.NaN, 1, true);
        }
        if (n < EXACT_BELOW) {
            double tail = new BinomialDistribution(null, n, 0.5).cumulativeProbability(Math.min(b, c));
            return new Result(b, c, Double.NaN, Math.min(1, 2 * tail), true);
        }
        double diff = Math.abs(b - c) - 1;
        double chi2 = Math.max(0, diff) * Math.max(0, diff) / n;
        double p = 1 - new ChiSquaredDistribution(null, 1).cumulativeProbability(chi2);
        return new Result(b, c, chi2, p, false);
    }
}
