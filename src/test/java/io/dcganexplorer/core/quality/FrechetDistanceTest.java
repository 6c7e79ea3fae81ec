package io.dcganexplorer.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    /** Correlated Gaussian-ish vectors: x = A g + shift, with a fixed random A. */
    private static float[][] sample(int n, int d, double shift, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom mixing = new SplittableRandom(99);
        double[][] a = new double[d][d];
        for (double[] row : a) {
            for (int j = 0; j < d; j++) {
                row[j] = mixing.nextGaussian() / Math.sqrt(d);
            }
        }
        float[][] x = new float[n][d];
        double[] g = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                g[j] = random.nextGaussian();
            }
            for (int r = 0; r < d; r++) {
                double v = shift;
                for (int j = 0; j < d; j++) {
                    v += a[r][j] * g[j];
                }
                x[i][r] = (float) v;
            }
        }
        return x;
    }

    @Test
    void distanceOfASetToItselfIsZero() {
        float[][] x = sample(500, 32, 0, 1);
        assertThat(FrechetDistance.between(x, x)).isCloseTo(0, within(1e-6));
    }

    @Test
    void distanceGrowsWithAMeanShift() {
        float[][] base = sample(500, 16, 0, 1);
        double small = FrechetDistance.between(base, sample(500, 16, 0.5, 2));
        double large = FrechetDistance.between(base, sample(500, 16, 2, 2));
        assertThat(small).isLessThan(large);
        // The mean term of a shift s on all 16 dimensions is 16 s^2 = 64 for s = 2.
        assertThat(large).isCloseTo(64, within(8.0));
    }

    @Test
    void distanceIsSymmetric() {
        float[][] a = sample(400, 16, 0, 1);
        float[][] b = sample(300, 16, 0.3, 2);
        assertThat(FrechetDistance.between(a, b)).isCloseTo(FrechetDistance.between(b, a), within(1e-8));
    }

    @Test
    void distanceOfKnownGaussiansMatchesTheClosedForm() {
        // Diagonal covariances: FD = |mu1 - mu2|^2 + sum (sqrt(s1) - sqrt(s2))^2.
        FrechetDistance.Gaussian a = new FrechetDistance.Gaussian(new double[] {0, 0},
                new double[][] {{4, 0}, {0, 1}}, 10);
        FrechetDistance.Gaussian b = new FrechetDistance.Gaussian(new double[] {1, 2},
                new double[][] {{1, 0}, {0, 9}}, 10);
        assertThat(FrechetDistance.between(a, b)).isCloseTo(5 + 1 + 4, within(1e-9));
    }
}
