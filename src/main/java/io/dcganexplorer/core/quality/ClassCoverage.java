package io.dcganexplorer.core.quality;

import java.util.List;
import java.util.Locale;

/**
 * The predicted-class distribution of generated samples: a model that covers the data set draws every
 * class about as often as the data does; a collapsed one draws few. For a balanced data set such as
 * Fashion-MNIST the ideal is a flat histogram, entropy log2(classes) bits.
 *
 * @param counts samples predicted as each class
 * @param classNames the classes, index = label
 * @param covered classes with at least {@link #MIN_SHARE_FACTOR} / classes of the samples
 * @param entropyBits entropy of the predicted-class histogram, in bits
 */
public record ClassCoverage(int[] counts, List<String> classNames, int covered, double entropyBits) {

    /** A class counts as covered with at least a quarter of its fair share (1 / classes) of the samples. */
    public static final double MIN_SHARE_FACTOR = 0.25;

    /** Copies the array and list. */
    public ClassCoverage {
        counts = counts.clone();
        classNames = List.copyOf(classNames);
    }

    /** Counts per class (a copy). */
    @Override
    public int[] counts() {
        return counts.clone();
    }

    /**
     * The histogram of predictions.
     *
     * @param predicted predicted class of each sample, in [0, classNames.size())
     */
    public static ClassCoverage of(int[] predicted, List<String> classNames) {
        int k = classNames.size();
        int[] counts = new int[k];
        for (int p : predicted) {
            if (p < 0 || p >= k) {
                throw new IllegalArgumentException("predicted class " + p + " outside [0, " + k + ")");
            }
            counts[p]++;
        }
        int total = predicted.length;
        int covered = 0;
        double entropy = 0;
        for (int c : counts) {
            double share = total == 0 ? 0 : (double) c / total;
            if (total > 0 && share >= MIN_SHARE_FACTOR / k) {
                covered++;
            }
            if (c > 0) {
                entropy -= share * Math.log(share) / Math.log(2);
            }
        }
        return new ClassCoverage(counts, classNames, covered, entropy);
    }

    /** Share of the classes covered, from 0 to 1. */
    public double coveredFraction() {
        return (double) covered / counts.length;
    }

    /** The largest possible entropy, log2(classes): every class equally often. */
    public double maxEntropyBits() {
        return Math.log(counts.length) / Math.log(2);
    }

    /** Sample count. */
    public int total() {
        int t = 0;
        for (int c : counts) {
            t += c;
        }
        return t;
    }

    /** One line: covered classes, entropy, and the share of each class. */
    public String summary() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d of %d classes covered, entropy %.3f of %.3f bits:",
                covered, counts.length, entropyBits, maxEntropyBits()));
        int total = Math.max(1, total());
        for (int i = 0; i < counts.length; i++) {
            sb.append(String.format(Locale.ROOT, " %s %.1f%%", classNames.get(i), 100.0 * counts[i] / total));
            if (i < counts.length - 1) {
                sb.append(',');
            }
        }
        return sb.toString();
    }
}
