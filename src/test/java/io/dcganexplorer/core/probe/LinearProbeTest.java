package io.dcganexplorer.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

    /** Three classes in 20 dimensions: class k has mean +1.5 on dimensions 3k..3k+2, Gaussian noise elsewhere. */
    private static float[][] blobs(int n, int[] labels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][20];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 20; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            for (int j = 0; j < 3; j++) {
                x[i][3 * labels[i] + j] += 1.5f;
            }
        }
        return x;
    }

    @Test
    void probeBeatsChanceByAWideMarginOnASyntheticLabelledSet() {
        int[] trainY = new int[150];
        int[] testY = new int[150];
        float[][] train = blobs(150, trainY, 1);
        float[][] test = blobs(150, testY, 2);
        LinearProbe.Result result = LinearProbe.fitAndTest(train, trainY, test, testY, 3,
                LinearProbe.Options.defaults(7), Progress.NONE, () -> false);
        // Chance is 1/3; the Bayes rate here is above 90%.
        assertThat(result.accuracy()).isGreaterThan(0.8);
        assertThat(result.validation()).hasSize(5);
        assertThat(result.chosenC()).isIn(1e-4, 1e-3, 1e-2, 1e-1, 1.0);
        int total = 0;
        for (int[] row : result.confusion()) {
            for (int c : row) {
                total += c;
            }
        }
        assertThat(total).isEqualTo(150);
        assertThat(result.confusion()[0][0]).isGreaterThan(40);
    }

    @Test
    void labelsThatCarryNoSignalGiveAboutChance() {
        int[] trainY = new int[150];
        int[] testY = new int[150];
        float[][] train = blobs(150, trainY, 1);
        float[][] test = blobs(150, testY, 2);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < testY.length; i++) {
            testY[i] = random.nextInt(3);
        }
        LinearProbe.Result result = LinearProbe.fitAndTest(train, trainY, test, testY, 3,
                LinearProbe.Options.defaults(7), Progress.NONE, () -> false);
        assertThat(result.accuracy()).isBetween(0.15, 0.55);
    }

    @Test
    void holdOutTakesTheFractionOfEveryClass() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i < 80 ? 0 : 1;
        }
        boolean[] held = LinearProbe.stratifiedHoldOut(labels, 2, 0.25, 3);
        int class0 = 0;
        int class1 = 0;
        for (int i = 0; i < 100; i++) {
            if (held[i]) {
                if (labels[i] == 0) {
                    class0++;
                } else {
                    class1++;
                }
            }
        }
        assertThat(class0).isEqualTo(20);
        assertThat(class1).isEqualTo(5);
    }
}
