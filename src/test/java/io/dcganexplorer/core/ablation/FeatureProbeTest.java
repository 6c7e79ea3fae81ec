package io.dcganexplorer.core.ablation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcganexplorer.data.procedural.PixelBox;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FeatureProbeTest {

    /**
     * Two 8x8 images seen by a 4x4 grid of 2 channels: cell (r, c) covers pixels [2c, 2c + 2) x [2r, 2r + 2),
     * centre (2c + 1, 2r + 1). Channel 0 holds 100 * image + 10 * row + column, channel 1 its negative.
     */
    private static INDArray activations() {
        float[] a = new float[2 * 2 * 4 * 4];
        for (int i = 0; i < 2; i++) {
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    float v = 100 * i + 10 * r + c;
                    a[((i * 2) * 4 + r) * 4 + c] = v;
                    a[((i * 2 + 1) * 4 + r) * 4 + c] = -v;
                }
            }
        }
        return Nd4j.create(a, new long[] {2, 2, 4, 4}, 'c');
    }

    @Test
    void positivesAreTheCellsWhoseCentreIsInsideABox() {
        // Box 0 covers centres (1, 1), (3, 1), (1, 3), (3, 3): cells (0,0), (0,1), (1,0), (1,1). Box 1 is one
        // pixel wide at x = 7, y = 5: it holds the centre (7, 5) of cell (2, 3) only. Image 1 has no boxes.
        List<List<PixelBox>> boxes = List.of(List.of(new PixelBox(0, 0, 4, 4), new PixelBox(7, 5, 1, 1)), List.of());
        FeatureProbe.ProbeData data = FeatureProbe.assemble(activations(), 8, boxes, 3);
        List<FeatureProbe.Position> positives = data.positions().stream().filter(FeatureProbe.Position::window).toList();
        assertThat(positives).containsExactly(new FeatureProbe.Position(0, 0, 0, true),
                new FeatureProbe.Position(0, 0, 1, true), new FeatureProbe.Position(0, 1, 0, true),
                new FeatureProbe.Position(0, 1, 1, true), new FeatureProbe.Position(0, 2, 3, true));
        List<FeatureProbe.Position> negatives = data.positions().stream().filter(p -> !p.window()).toList();
        // As many negatives as positives, all from image 0 (the image with windows), none inside a box, no repeats.
        assertThat(negatives).hasSize(5).allSatisfy(p -> {
            assertThat(p.sample()).isZero();
            assertThat(p.row() < 2 && p.column() < 2).isFalse();
            assertThat(p.row() == 2 && p.column() == 3).isFalse();
        });
        Set<FeatureProbe.Position> distinct = new HashSet<>(negatives);
        assertThat(distinct).hasSize(5);
        // Features are the channel values at each position.
        for (int p = 0; p < data.positions().size(); p++) {
            FeatureProbe.Position pos = data.positions().get(p);
            float v = 100 * pos.sample() + 10 * pos.row() + pos.column();
            assertThat(data.features()[p]).containsExactly(v, -v);
        }
        assertThat(FeatureProbe.assemble(activations(), 8, boxes, 3).positions()).isEqualTo(data.positions());
    }

    @Test
    void negativesAreCappedByTheCellsOutsideBoxes() {
        // 12 of 16 cells inside: only 4 outside remain as negatives.
        List<List<PixelBox>> boxes = List.of(List.of(new PixelBox(0, 0, 8, 6)), List.of());
        FeatureProbe.ProbeData data = FeatureProbe.assemble(activations(), 8, boxes, 1);
        assertThat(data.positives()).isEqualTo(12);
        assertThat(data.negatives()).isEqualTo(4);
    }

    @Test
    void theFitGivesWindowMapsPositiveWeights() {
        // Channel 0 is high inside windows, channel 1 low there, channel 2 noise.
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        int n = 10;
        float[] a = new float[n * 3 * 8 * 8];
        List<List<PixelBox>> boxes = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            PixelBox box = new PixelBox(random.nextInt(8), random.nextInt(8), 6, 6);
            boxes.add(List.of(box));
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    boolean inside = box.contains(2 * c + 1, 2 * r + 1);
                    a[((i * 3) * 8 + r) * 8 + c] = (inside ? 1f : 0f) + 0.5f * (float) random.nextDouble();
                    a[((i * 3 + 1) * 8 + r) * 8 + c] = (inside ? 0f : 1f) + 0.5f * (float) random.nextDouble();
                    a[((i * 3 + 2) * 8 + r) * 8 + c] = (float) random.nextDouble();
                }
            }
        }
        FeatureProbe.ProbeData data = FeatureProbe.assemble(Nd4j.create(a, new long[] {n, 3, 8, 8}, 'c'), 16, boxes, 2);
        FeatureProbe.Result result = FeatureProbe.fit("relu1", data, FeatureProbe.DEFAULT_C);
        assertThat(result.weights()[0]).isPositive();
        assertThat(result.weights()[1]).isNegative();
        assertThat(result.selected(result.weights()[2] + 1e-9)).containsExactly(0);
        assertThat(result.trainingAccuracy()).isGreaterThan(0.95);
        assertThat(result.positives()).isEqualTo(result.negatives());
    }

    @Test
    void aProbeWithoutWindowsSaysWhatIsMissing() {
        FeatureProbe.ProbeData data = FeatureProbe.assemble(activations(), 8, List.of(List.of(), List.of()), 1);
        assertThatThrownBy(() -> FeatureProbe.fit("relu1", data, 1)).hasMessageContaining("0 inside window boxes");
    }
}
