package io.dcganexplorer.core.latent;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Vector arithmetic on concepts (Radford et al. 2015, section 6.3, figure 7): each concept is the mean
 * of a few exemplar vectors (the paper used three, because single samples were unstable), the result is
 * a signed sum of concept means, and it is shown with neighbours at uniform noise of +-0.25.
 *
 * <p>The same arithmetic applies to images (pixel space) for comparison: it blends pictures rather than
 * concepts, which is the paper's point.
 */
public final class ConceptArithmetic {

    /** The paper's noise scale for the neighbours of a result. */
    public static final double PAPER_NOISE = 0.25;

    /** One signed term: +mean(exemplars) or -mean(exemplars). */
    public record Term(int sign, List<float[]> exemplars) {
        public Term {
            if (sign != 1 && sign != -1) {
                throw new IllegalArgumentException("sign = " + sign + ": must be +1 or -1");
            }
            if (exemplars.isEmpty()) {
                throw new IllegalArgumentException("a concept needs at least one exemplar");
            }
            exemplars = List.copyOf(exemplars);
        }

        public static Term plus(List<float[]> exemplars) {
            return new Term(1, exemplars);
        }

        public static Term minus(List<float[]> exemplars) {
            return new Term(-1, exemplars);
        }
    }

    private ConceptArithmetic() {
    }

    /** Element-wise mean. */
    public static float[] mean(List<float[]> vectors) {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("mean of no vectors");
        }
        int n = vectors.get(0).length;
        double[] sum = new double[n];
        for (float[] v : vectors) {
            if (v.length != n) {
                throw new IllegalArgumentException("vectors of different length: " + n + " and " + v.length);
            }
            for (int i = 0; i < n; i++) {
                sum[i] += v[i];
            }
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (sum[i] / vectors.size());
        }
        return out;
    }

    /** Sum over terms of sign * mean(exemplars), e.g. A - B + C. */
    public static float[] combine(List<Term> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("an expression needs at least one term");
        }
        float[] result = null;
        for (Term t : terms) {
            float[] m = mean(t.exemplars());
            if (result == null) {
                result = new float[m.length];
            }
            if (m.length != result.length) {
                throw new IllegalArgumentException("terms of different length: " + result.length + " and " + m.length);
            }
            for (int i = 0; i < m.length; i++) {
                result[i] += t.sign() * m[i];
            }
        }
        return result;
    }

    /** The same sum on images (values in [-1, 1]), clamped back to that range. */
    public static float[] combineInPixelSpace(List<Term> terms) {
        float[] sum = combine(terms);
        for (int i = 0; i < sum.length; i++) {
            sum[i] = Math.max(-1f, Math.min(1f, sum[i]));
        }
        return sum;
    }

    /** {@code count} copies of y with independent uniform noise in [-scale, scale] per coordinate. */
    public static List<float[]> noisyVariants(float[] y, int count, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            float[] v = y.clone();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) ((random.nextDouble() * 2 - 1) * scale);
            }
            out.add(v);
        }
        return out;
    }
}
