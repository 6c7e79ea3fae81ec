package io.dcganexplorer.core.quality;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Fréchet distance between two Gaussians fitted to feature vectors, as in the FID of Heusel et al.,
 * "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium" (2017):
 * FD = |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)).
 *
 * <p>Tr((S1 S2)^(1/2)) is computed from symmetric matrices only: S1 S2 is similar to
 * S1^(1/2) S2 S1^(1/2), which is symmetric positive semi-definite, so the trace is the sum of the square
 * roots of its eigenvalues. Both eigendecompositions are Commons Math's symmetric solver, in double
 * precision; eigenvalues that rounding makes slightly negative are clamped to 0.
 */
public final class FrechetDistance {

    /**
     * The mean and covariance of a set of feature vectors.
     *
     * @param mean the mean vector
     * @param covariance the unbiased (n - 1) covariance, as numpy.cov and the reference FID code use
     * @param count how many vectors
     */
    public record Gaussian(double[] mean, double[][] covariance, int count) {

        /** Copies the arrays. */
        public Gaussian {
            mean = mean.clone();
            covariance = java.util.Arrays.stream(covariance).map(double[]::clone).toArray(double[][]::new);
        }

        /** The mean (a copy). */
        @Override
        public double[] mean() {
            return mean.clone();
        }

        /** The covariance (a copy). */
        @Override
        public double[][] covariance() {
            return java.util.Arrays.stream(covariance).map(double[]::clone).toArray(double[][]::new);
        }

        /**
         * Fits mean and covariance.
         *
         * @throws IllegalArgumentException with fewer than two vectors or vectors of different lengths
         */
        public static Gaussian fit(float[][] features) {
            int n = features.length;
            if (n < 2) {
                throw new IllegalArgumentException("a covariance needs at least 2 vectors, got " + n);
            }
            int d = features[0].length;
            double[] mean = new double[d];
            for (float[] row : features) {
                if (row.length != d) {
                    throw new IllegalArgumentException("feature vectors of lengths " + d + " and " + row.length);
                }
                for (int j = 0; j < d; j++) {
                    mean[j] += row[j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= n;
            }
            double[][] cov = new double[d][d];
            double[] centred = new double[d];
            for (float[] row : features) {
                for (int j = 0; j < d; j++) {
                    centred[j] = row[j] - mean[j];
                }
                for (int a = 0; a < d; a++) {
                    double ca = centred[a];
                    double[] covRow = cov[a];
                    for (int b = a; b < d; b++) {
                        covRow[b] += ca * centred[b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] /= n - 1;
                    cov[b][a] = cov[a][b];
                }
            }
            return new Gaussian(mean, cov, n);
        }
    }

    private FrechetDistance() {
    }

    /** FD between the Gaussians of two feature sets. */
    public static double between(float[][] a, float[][] b) {
        return between(Gaussian.fit(a), Gaussian.fit(b));
    }

    /**
     * FD between two Gaussians; 0 for identical ones, symmetric in its arguments.
     *
     * @throws IllegalArgumentException when the dimensions differ
     */
    public static double between(Gaussian a, Gaussian b) {
        int d = a.mean.length;
        if (b.mean.length != d) {
            throw new IllegalArgumentException("feature dimensions differ: " + d + " and " + b.mean.length);
        }
        double meanTerm = 0;
        for (int j = 0; j < d; j++) {
            double diff = a.mean[j] - b.mean[j];
            meanTerm += diff * diff;
        }
        RealMatrix s1 = new Array2DRowRealMatrix(a.covariance, false);
        RealMatrix s2 = new Array2DRowRealMatrix(b.covariance, false);
        RealMatrix root1 = sqrtPsd(s1);
        RealMatrix inner = symmetrise(root1.multiply(s2).multiply(root1));
        double[] eigen = new EigenDecomposition(inner).getRealEigenvalues();
        double traceRoot = 0;
        for (double e : eigen) {
            traceRoot += Math.sqrt(Math.max(0, e));
        }
        double fd = meanTerm + s1.getTrace() + s2.getTrace() - 2 * traceRoot;
        // Rounding can leave a tiny negative value for identical inputs; a distance is never negative.
        return Math.max(0, fd);
    }

    /** The symmetric positive semi-definite square root, by eigendecomposition (negative eigenvalues clamped). */
    static RealMatrix sqrtPsd(RealMatrix m) {
        EigenDecomposition eig = new EigenDecomposition(symmetrise(m));
        RealMatrix v = eig.getV();
        double[] values = eig.getRealEigenvalues();
        int d = values.length;
        RealMatrix scaled = v.copy();
        for (int c = 0; c < d; c++) {
            double root = Math.sqrt(Math.max(0, values[c]));
            for (int r = 0; r < d; r++) {
                scaled.setEntry(r, c, scaled.getEntry(r, c) * root);
            }
        }
        return symmetrise(scaled.multiply(v.transpose()));
    }

    /** (M + M^T) / 2: removes the asymmetry rounding leaves, which Commons Math's symmetric solver requires. */
    private static RealMatrix symmetrise(RealMatrix m) {
        return m.add(m.transpose()).scalarMultiply(0.5);
    }
}
