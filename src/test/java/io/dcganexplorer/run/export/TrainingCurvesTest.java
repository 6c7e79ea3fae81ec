package io.dcganexplorer.run.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dcganexplorer.run.MetricsRow;
import io.dcganexplorer.run.QualityLog;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingCurvesTest {

    @Test
    void smoothingIsTensorBoardsDebiasedMovingAverage() {
        // s1 = 0.5 * 1 / (1 - 0.5) = 1; s2 = (0.25 + 0) / (1 - 0.25) = 1/3; s3 = (0.125 + 0.5 * 4) / (1 - 0.125).
        double[] s = TrainingCurves.smooth(new double[] {1, 0, 4}, 0.5);
        assertThat(s[0]).isCloseTo(1, within(1e-12));
        assertThat(s[1]).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(s[2]).isCloseTo(2.125 / 0.875, within(1e-12));
    }

    @Test
    void aConstantSeriesStaysConstantFromTheFirstPointAndZeroWeightIsRaw() {
        assertThat(TrainingCurves.smooth(new double[] {3, 3, 3, 3}, 0.9)).containsExactly(new double[] {3, 3, 3, 3},
                within(1e-12));
        assertThat(TrainingCurves.smooth(new double[] {5, -1, 2}, 0)).containsExactly(5, -1, 2);
    }

    @Test
    void aNanIsCarriedOverWithoutPoisoningTheAverage() {
        double[] s = TrainingCurves.smooth(new double[] {2, Double.NaN, 2}, 0.9);
        assertThat(s[1]).isNaN();
        assertThat(s[2]).isCloseTo(2, within(1e-12));
    }

    @Test
    void aWeightOfOneOrMoreIsRefused() {
        assertThatThrownBy(() -> TrainingCurves.smooth(new double[] {1}, 1.0))
                .hasMessageContaining("smoothing = 1.0");
    }

    @Test
    void theQualityPanelAppearsOnlyWhenTheRunScoredItsSamples() {
        List<MetricsRow> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(new MetricsRow(i, 0, 1.4 - i * 0.01, 0.7 + Math.sin(i) * 0.2, 0.6, 0.4, 100, i));
        }
        BufferedImage without = TrainingCurves.render("t", rows, List.of(), 0.6, 600, 500);
        BufferedImage with = TrainingCurves.render("t", rows, List.of(new QualityLog.Row(20, 30, 1, 2, 0.5, 100),
                new QualityLog.Row(40, 12, 2, 2, 0.9, 100)), 0.6, 600, 500);
        assertThat(without.getWidth()).isEqualTo(600);
        assertThat(without.getHeight()).isEqualTo(500);
        assertThat(greenPixels(without)).isZero();
        assertThat(greenPixels(with)).as("the Fréchet distance is drawn in green").isGreaterThan(50);
    }

    private static int greenPixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (g > 120 && r < 90 && b < 90) {
                    n++;
                }
            }
        }
        return n;
    }
}
