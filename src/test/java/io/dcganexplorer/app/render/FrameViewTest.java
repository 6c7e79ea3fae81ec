package io.dcganexplorer.app.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The nearest-neighbour enlargement FrameView does itself, because the software pipeline ignores setSmooth(false). */
class FrameViewTest {

    @Test
    void factorIsTheLargestIntegerThatFits() {
        assertThat(FrameView.scaleFactor(32, 32, 320)).isEqualTo(10);
        assertThat(FrameView.scaleFactor(64, 64, 320)).isEqualTo(5);
        assertThat(FrameView.scaleFactor(28, 28, 320)).isEqualTo(11);
        assertThat(FrameView.scaleFactor(64, 64, 48)).isEqualTo(1);
    }

    @Test
    void everySourcePixelBecomesASolidSquare() {
        int[] src = {1, 2, 3, 4, 5, 6};
        Frame frame = new Frame(3, 2, src, 0);
        int f = 3;
        int[] out = FrameView.upscale(frame, f, new int[3 * f * 2 * f]);
        for (int y = 0; y < 2 * f; y++) {
            for (int x = 0; x < 3 * f; x++) {
                assertThat(out[y * 3 * f + x]).as("pixel %d,%d", x, y).isEqualTo(src[(y / f) * 3 + x / f]);
            }
        }
    }
}
