package io.dcganexplorer.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class DenseLinearSvmTest {

    /** Small C values: LIBLINEAR's dual solver is slow on separable data with a large C. */
    private static final double[] GRID = {1e-3, 1e-2};

    /** Four overlapping classes in 30 dimensions: class k adds {@code shift} on dimensions 4k..4k+3. */
    private static float[][] blobs(int n, int[] labels, double shift, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][30];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
            for (int j = 0; j < 30; j++) {
                x[i][j] = (float) (random.nextGaussian() + 0.3 * j / 30);
            }
            for (int j = 0; j < 4; j++) {
                x[i][4 * labels[i] + j] += (float) shift;
            }
        }
        return x;
    }

    @Test
    void denseSolverMatchesLiblinearAccuracyWithinHalfAPoint() {
        int[] trainY = new int[800];
        int[] testY = new int[2000];
        float[][] train = blobs(800, trainY, 0.8, 1);
        float[][] test = blobs(2000, testY, 0.8, 2);
        for (double c : new double[] {1e-3, 1e-1}) {
            LinearProbe.Result dense = LinearProbe.fitAndTest(train, trainY, test, testY, 4,
                    LinearProbe.Options.defaults(3).withGrid(new double[] {c}), Progress.NONE, () -> false);
            LinearProbe.Result liblinear = LinearProbe.fitAndTest(train, trainY, test, testY, 4,
                    LinearProbe.Options.liblinear(3).withGrid(new double[] {c}), Progress.NONE, () -> false);
            // Hard enough that neither is perfect, so agreement is not trivial.
            assertThat(dense.accuracy()).isBetween(0.5, 0.95);
            assertThat(Math.abs(dense.accuracy() - liblinear.accuracy())).isLessThanOrEqualTo(0.005);
            int same = 0;
            for (int i = 0; i < testY.length; i++) {
                if (dense.predictions()[i] == liblinear.predictions()[i]) {
                    same++;
                }
            }
            assertThat(same).isGreaterThan(testY.length * 98 / 100);
        }
    }

    @Test
    void onASeparableSetBothSolversGiveTheSamePredictions() {
        int[] trainY = new int[200];
        int[] testY = new int[200];
        float[][] train = blobs(200, trainY, 8, 4);
        float[][] test = blobs(200, testY, 8, 5);
        LinearProbe.Result dense = LinearProbe.fitAndTest(train, trainY, test, testY, 4,
                LinearProbe.Options.defaults(3).withGrid(GRID), Progress.NONE, () -> false);
        LinearProbe.Result liblinear = LinearProbe.fitAndTest(train, trainY, test, testY, 4,
                LinearProbe.Options.liblinear(3).withGrid(GRID), Progress.NONE, () -> false);
        assertThat(dense.predictions()).containsExactly(liblinear.predictions());
        assertThat(dense.accuracy()).isEqualTo(1.0);
    }

    @Test
    void theFitReachesTheObjectivesMinimumWhereTheGradientVanishes() {
        int[] y = new int[300];
        float[][] rows = blobs(300, y, 0.8, 6);
        double[] mean = new double[30];
        double[] scale = new double[30];
        java.util.Arrays.fill(scale, 1);
        INDArray x = DenseLinearSvm.matrix(rows, FeatureExtractor.all(300), mean, scale, 1);
        DenseLinearSvm.Model model = DenseLinearSvm.fit(x, y, 4, 0.1, null, 1e-5, 2000, () -> false);
        double[] w = model.weights()[2];
        double at = DenseLinearSvm.objective(x, y, 2, 0.1, w);
        // Any small move in any coordinate makes the objective larger: w is the minimum.
        for (int j = 0; j < w.length; j += 5) {
            for (double h : new double[] {1e-2, -1e-2}) {
                double[] moved = w.clone();
                moved[j] += h;
                assertThat(DenseLinearSvm.objective(x, y, 2, 0.1, moved)).isGreaterThan(at - 1e-4);
            }
        }
        // A warm start from the solution stops at once.
        assertThat(DenseLinearSvm.fit(x, y, 4, 0.1, model, 1e-3, 2000, () -> false).iterations())
                .isLessThanOrEqualTo(2);
    }
}
