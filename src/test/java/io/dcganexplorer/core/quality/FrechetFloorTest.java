package io.dcganexplorer.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrechetFloorTest {

    private static float[][] gaussian(int n, int d, double shift, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (random.nextGaussian() + shift);
            }
        }
        return x;
    }

    @Test
    void floorOfOneGaussianIsSmallAndShrinksWithMoreImages() {
        float[][] real = gaussian(4000, 8, 0, 1);
        double small = SampleQuality.realFloor(real, 200, 3);
        double large = SampleQuality.realFloor(real, 2000, 3);
        assertThat(large).isGreaterThan(0).isLessThan(0.05);
        // The FD's small-sample bias: fewer images per half, a higher floor.
        assertThat(small).isGreaterThan(large);
    }

    @Test
    void aShiftedGaussianScoresItsSquaredShiftAboveTheFloor() {
        float[][] real = gaussian(4000, 8, 0, 1);
        float[][] shifted = gaussian(2000, 8, 0.5, 2);
        double floor = SampleQuality.realFloor(real, 2000, 3);
        double score = FrechetDistance.between(java.util.Arrays.copyOf(real, 2000), shifted);
        // |mu1 - mu2|² = 8 x 0.25 = 2, far above the floor.
        assertThat(score).isBetween(1.8, 2.3);
        assertThat(score).isGreaterThan(20 * floor);
    }

    @Test
    void halvesAreDisjointAndTooFewImagesAreRefusedWithAClearMessage() {
        // Two copies of one vector per half would give 0 only if the halves overlapped; distinct vectors give > 0.
        float[][] twoPoints = {{0f}, {1f}, {0f}, {1f}};
        assertThat(SampleQuality.realFloor(twoPoints, 2, 1)).isGreaterThanOrEqualTo(0);
        assertThatThrownBy(() -> SampleQuality.realFloor(gaussian(10, 2, 0, 1), 6, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 12");
    }

    @Test
    void summaryPrintsTheFloorBesideTheScore() {
        ClassCoverage coverage = ClassCoverage.of(new int[] {0, 1, 0, 1}, List.of("a", "b"));
        SampleQuality.Report report = new SampleQuality.Report(18.46, coverage, 10_000, 5_000).withFloor(0.27, 5_000);
        assertThat(report.summary()).contains("Frechet distance 18.460 (real vs real floor 0.270");
        assertThat(new SampleQuality.Report(18.46, coverage, 10_000, 5_000).summary()).doesNotContain("floor");
    }
}
