package io.dcganexplorer.core.probe;

import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An L2-regularised L2-loss (squared hinge) linear SVM, one-vs-rest, on dense float rows: the same
 * objective as LIBLINEAR's {@code L2R_L2LOSS_SVC} (Fan et al., "LIBLINEAR: A Library for Large Linear
 * Classification", JMLR 2008), for every class k
 * <pre>  min_w  ½ wᵀw + C Σᵢ max(0, 1 − yᵢₖ wᵀxᵢ)²,   yᵢₖ = +1 if label i = k, else −1,</pre>
 * where the last column of x is a constant bias (regularised, as LIBLINEAR's bias feature is).
 *
 * <p>Solved in the primal by L-BFGS (Nocedal 1980; memory {@link #MEMORY}) per class, with an exact line
 * search: along a direction p the objective is a convex piecewise quadratic in the step, so its minimum is
 * found by safeguarded Newton steps on O(n) numbers. The classes run in lockstep so that the two products
 * with the data per iteration ({@code X P} for the line search and {@code Xᵀ R} for the gradient) are one
 * matrix-matrix product each over all classes: ND4J's BLAS reads the n x d matrix once per product instead
 * of once per class. A class stops when its gradient norm falls below {@code tolerance} times its norm at
 * w = 0 (as LIBLINEAR's primal solvers). Rows are held once, as one float matrix off the Java heap
 * (60,000 x 3,585 floats: 860 MB).
 *
 * <p>Not thread-safe; one fit at a time per instance of the arrays it is given.
 */
public final class DenseLinearSvm {

    /** L-BFGS correction pairs kept per class. */
    public static final int MEMORY = 10;
    /** Rows per block when copying Java rows into the native matrix. */
    private static final int COPY_BLOCK = 2048;
    /** Scores are recomputed from scratch this often, so that incremental updates never drift. */
    private static final int REFRESH_EVERY = 25;

    /**
     * A fitted model: one weight vector (bias last) per class.
     *
     * @param weights weights[k] has the data's column count (the bias column included)
     * @param iterations L-BFGS iterations the fit took
     */
    public record Model(double[][] weights, int iterations) {

        /** Copies the weights. */
        public Model {
            weights = java.util.Arrays.stream(weights).map(double[]::clone).toArray(double[][]::new);
        }

        /** The weights (a copy). */
        @Override
        public double[][] weights() {
            return java.util.Arrays.stream(weights).map(double[]::clone).toArray(double[][]::new);
        }

        /** Decision values x W, [rows, classes]. */
        public INDArray scores(INDArray x) {
            return x.mmul(weightMatrix(weights, x.dataType()));
        }

        /** The class of largest decision value for each row (LIBLINEAR's one-vs-rest rule). */
        public int[] predict(INDArray x) {
            return scores(x).argMax(1).toIntVector();
        }
    }

    private DenseLinearSvm() {
    }

    /**
     * Copies rows into a native float matrix with a constant last column {@code bias}, each value mapped by
     * {@code (v - mean[j]) * scale[j]}.
     *
     * @param order which rows, in this order
     */
    public static INDArray matrix(float[][] rows, int[] order, double[] mean, double[] scale, double bias) {
        int d = mean.length;
        INDArray x = Nd4j.create(DataType.FLOAT, order.length, d + 1);
        for (int start = 0; start < order.length; start += COPY_BLOCK) {
            int n = Math.min(COPY_BLOCK, order.length - start);
            float[] block = new float[n * (d + 1)];
            for (int r = 0; r < n; r++) {
                float[] row = rows[order[start + r]];
                if (row.length != d) {
                    throw new IllegalArgumentException("feature vector of length " + row.length + ", expected " + d);
                }
                int o = r * (d + 1);
                for (int j = 0; j < d; j++) {
                    block[o + j] = (float) ((row[j] - mean[j]) * scale[j]);
                }
                block[o + d] = (float) bias;
            }
            x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, start + n),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(Nd4j.create(block, new long[] {n, d + 1}, 'c'));
        }
        return x;
    }

    /**
     * Fits one-vs-rest SVMs.
     *
     * @param x [n, d] rows (bias column included), float
     * @param labels n labels in [0, numClasses)
     * @param start weights to start from (a fit with a nearby C), or null for zeros
     * @param tolerance stop a class when |gradient| &lt;= tolerance · |gradient at w = 0|
     * @param maxIterations iteration cap
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true
     */
    public static Model fit(INDArray x, int[] labels, int numClasses, double c, Model start, double tolerance,
                            int maxIterations, BooleanSupplier cancelled) {
        int n = (int) x.size(0);
        int d = (int) x.size(1);
        if (labels.length != n) {
            throw new IllegalArgumentException(n + " rows and " + labels.length + " labels");
        }
        if (!(c > 0)) {
            throw new IllegalArgumentException("C = " + c + ": must be positive");
        }
        int k = numClasses;
        double[][] w = new double[k][d];
        if (start != null) {
            if (start.weights.length != k || start.weights[0].length != d) {
                throw new IllegalArgumentException("start weights do not fit " + k + " classes x " + d + " columns");
            }
            for (int cl = 0; cl < k; cl++) {
                w[cl] = start.weights[cl].clone();
            }
        }
        // sign[i*k + cl] = +1 for the row's own class, -1 otherwise; s holds the scores x_i . w_cl.
        double[] sign = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int cl = 0; cl < k; cl++) {
                sign[i * k + cl] = labels[i] == cl ? 1 : -1;
            }
        }
        // As LIBLINEAR's primal solvers: the tolerance is relative to the gradient at w = 0, so that a warm
        // start from a good solution stops at once instead of chasing rounding noise.
        double[][] g = gradient(x, new double[k][d], new double[n * k], sign, c);
        double[] g0 = new double[k];
        for (int cl = 0; cl < k; cl++) {
            g0[cl] = norm(g[cl]);
        }
        double[] s = scores(x, w);
        if (start != null) {
            g = gradient(x, w, s, sign, c);
        }
        boolean[] active = new boolean[k];
        for (int cl = 0; cl < k; cl++) {
            active[cl] = norm(g[cl]) > tolerance * g0[cl];
        }
        double[][][] memS = new double[k][MEMORY][];
        double[][][] memY = new double[k][MEMORY][];
        double[][] rho = new double[k][MEMORY];
        int[] stored = new int[k];
        int[] next = new int[k];
        int iteration = 0;
        while (iteration < maxIterations && anyTrue(active)) {
            Progress.checkCancelled(cancelled);
            iteration++;
            double[][] p = new double[k][];
            for (int cl = 0; cl < k; cl++) {
                p[cl] = active[cl]
                        ? direction(g[cl], memS[cl], memY[cl], rho[cl], stored[cl], next[cl]) : new double[d];
            }
            double[] q = scores(x, p);
            double[] step = new double[k];
            for (int cl = 0; cl < k; cl++) {
                if (active[cl]) {
                    step[cl] = lineSearch(w[cl], p[cl], s, q, sign, cl, k, n, c);
                }
            }
            for (int cl = 0; cl < k; cl++) {
                for (int j = 0; j < d; j++) {
                    w[cl][j] += step[cl] * p[cl][j];
                }
            }
            if (iteration % REFRESH_EVERY == 0) {
                s = scores(x, w);
            } else {
                for (int i = 0; i < n * k; i++) {
                    s[i] += step[i % k] * q[i];
                }
            }
            double[][] gNew = gradient(x, w, s, sign, c);
            for (int cl = 0; cl < k; cl++) {
                if (!active[cl]) {
                    continue;
                }
                double[] sv = new double[d];
                double[] yv = new double[d];
                double sy = 0;
                for (int j = 0; j < d; j++) {
                    sv[j] = step[cl] * p[cl][j];
                    yv[j] = gNew[cl][j] - g[cl][j];
                    sy += sv[j] * yv[j];
                }
                // The objective is strongly convex (the ½wᵀw term), so sy > 0 but for rounding.
                if (sy > 1e-12) {
                    memS[cl][next[cl]] = sv;
                    memY[cl][next[cl]] = yv;
                    rho[cl][next[cl]] = 1 / sy;
                    next[cl] = (next[cl] + 1) % MEMORY;
                    stored[cl] = Math.min(MEMORY, stored[cl] + 1);
                }
                g[cl] = gNew[cl];
                if (norm(g[cl]) <= tolerance * g0[cl] || step[cl] == 0) {
                    active[cl] = false;
                }
            }
        }
        return new Model(w, iteration);
    }

    /** The primal objective of class {@code cl} (for tests and checks). */
    public static double objective(INDArray x, int[] labels, int cl, double c, double[] w) {
        double[] s = x.mmul(Nd4j.create(toFloat(w), new long[] {w.length, 1}, 'c')).castTo(DataType.DOUBLE)
                .data().asDouble();
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            double xi = Math.max(0, 1 - (labels[i] == cl ? 1 : -1) * s[i]);
            sum += xi * xi;
        }
        double ww = 0;
        for (double v : w) {
            ww += v * v;
        }
        return 0.5 * ww + c * sum;
    }

    /** L-BFGS two-loop recursion: −H g with the stored pairs, scaled by sᵀy / yᵀy of the newest pair. */
    private static double[] direction(double[] g, double[][] memS, double[][] memY, double[] rho, int stored,
                                      int next) {
        int d = g.length;
        double[] q = g.clone();
        double[] alpha = new double[MEMORY];
        for (int t = 1; t <= stored; t++) {
            int m = Math.floorMod(next - t, MEMORY);
            alpha[m] = rho[m] * dot(memS[m], q);
            axpy(-alpha[m], memY[m], q);
        }
        if (stored > 0) {
            int newest = Math.floorMod(next - 1, MEMORY);
            double gamma = 1 / (rho[newest] * dot(memY[newest], memY[newest]));
            for (int j = 0; j < d; j++) {
                q[j] *= gamma;
            }
        }
        for (int t = stored; t >= 1; t--) {
            int m = Math.floorMod(next - t, MEMORY);
            double beta = rho[m] * dot(memY[m], q);
            axpy(alpha[m] - beta, memS[m], q);
        }
        for (int j = 0; j < d; j++) {
            q[j] = -q[j];
        }
        return q;
    }

    /**
     * The step a >= 0 minimising φ(a) = ½|w + a p|² + C Σᵢ max(0, 1 − yᵢ(sᵢ + a qᵢ))², a convex,
     * continuously differentiable piecewise quadratic: Newton steps kept inside a shrinking bracket [lo, hi] with
     * φ'(lo) &lt; 0 &lt; φ'(hi).
     */
    private static double lineSearch(double[] w, double[] p, double[] s, double[] q, double[] sign, int cl, int k,
                                     int n, double c) {
        double wp = dot(w, p);
        double pp = dot(p, p);
        if (pp == 0) {
            return 0;
        }
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double a = 1;
        for (int iter = 0; iter < 60; iter++) {
            double d1 = wp + a * pp;
            double d2 = pp;
            for (int i = 0; i < n; i++) {
                int at = i * k + cl;
                double y = sign[at];
                double xi = 1 - y * (s[at] + a * q[at]);
                if (xi > 0) {
                    d1 -= 2 * c * y * q[at] * xi;
                    d2 += 2 * c * q[at] * q[at];
                }
            }
            if (Math.abs(d1) <= 1e-12 * Math.max(1, Math.abs(wp))) {
                return a;
            }
            if (d1 < 0) {
                lo = a;
            } else {
                hi = a;
            }
            double newton = a - d1 / d2;
            if (newton > lo && newton < hi) {
                if (Math.abs(newton - a) <= 1e-10 * Math.max(1, a)) {
                    return newton;
                }
                a = newton;
            } else {
                a = Double.isInfinite(hi) ? 2 * Math.max(a, lo) : 0.5 * (lo + hi);
            }
            if (hi - lo <= 1e-12 * Math.max(1, hi)) {
                return lo;
            }
        }
        return lo > 0 ? lo : a;
    }

    /** Scores [n, k] in row order (s[i*k + cl]) for weights w[cl]. */
    private static double[] scores(INDArray x, double[][] w) {
        return x.mmul(weightMatrix(w, x.dataType())).castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** g[cl] = w[cl] + Xᵀ r[:, cl], r = −2C y ξ with ξ = max(0, 1 − y s). */
    private static double[][] gradient(INDArray x, double[][] w, double[] s, double[] sign, double c) {
        int k = w.length;
        int n = s.length / k;
        float[] r = new float[n * k];
        for (int i = 0; i < n * k; i++) {
            double xi = 1 - sign[i] * s[i];
            r[i] = xi > 0 ? (float) (-2 * c * sign[i] * xi) : 0f;
        }
        INDArray rx = Nd4j.gemm(x, Nd4j.create(r, new long[] {n, k}, 'c'), true, false);
        double[] flat = rx.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int d = w[0].length;
        double[][] g = new double[k][d];
        for (int j = 0; j < d; j++) {
            for (int cl = 0; cl < k; cl++) {
                g[cl][j] = w[cl][j] + flat[j * k + cl];
            }
        }
        return g;
    }

    private static INDArray weightMatrix(double[][] w, DataType type) {
        int k = w.length;
        int d = w[0].length;
        float[] flat = new float[d * k];
        for (int j = 0; j < d; j++) {
            for (int cl = 0; cl < k; cl++) {
                flat[j * k + cl] = (float) w[cl][j];
            }
        }
        return Nd4j.create(flat, new long[] {d, k}, 'c').castTo(type);
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static boolean anyTrue(boolean[] b) {
        for (boolean v : b) {
            if (v) {
                return true;
            }
        }
        return false;
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
