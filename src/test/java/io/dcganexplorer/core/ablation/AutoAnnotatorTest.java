package io.dcganexplorer.core.ablation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.data.procedural.PixelBox;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class AutoAnnotatorTest {

    @Test
    void eachLargeEnoughRegionBecomesItsBoundingBox() {
        int size = 8;
        float[] p = new float[2 * size * size];
        // Image 0: an L-shaped region (5 pixels), a diagonal neighbour that is a region of its own (1 pixel).
        for (int[] xy : new int[][] {{1, 1}, {2, 1}, {3, 1}, {1, 2}, {1, 3}, {4, 4}}) {
            p[xy[1] * size + xy[0]] = 0.9f;
        }
        // Image 1: a 2x3 block at the edge and a pixel just at the threshold (not a window).
        for (int y = 5; y < 8; y++) {
            for (int x = 6; x < 8; x++) {
                p[size * size + y * size + x] = 0.7f;
            }
        }
        p[size * size] = 0.5f;
        WindowAnnotations a = AutoAnnotator.annotate(Nd4j.create(p, new long[] {2, size, size}, 'c'), 9, 100, 2);
        assertThat(a.seed()).isEqualTo(9);
        assertThat(a.imageSize()).isEqualTo(8);
        assertThat(a.boxes(100)).containsExactly(new PixelBox(1, 1, 3, 3));
        assertThat(a.boxes(101)).containsExactly(new PixelBox(6, 5, 2, 3));
        assertThat(a.samples()).hasSize(2);
        assertThat(AutoAnnotator.defaultMinArea(64)).isEqualTo(24);
    }
}
