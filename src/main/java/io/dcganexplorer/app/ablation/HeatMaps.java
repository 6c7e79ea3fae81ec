package io.dcganexplorer.app.ablation;

import io.dcganexplorer.app.walk.Frame;

/**
 * One feature map as a picture: values scaled to [0, max] of the map and coloured black, red, yellow,
 * white (a heat ramp, legible at 16x16 and monotone in brightness, so it also reads in gray).
 */
final class HeatMaps {

    private HeatMaps() {
    }

    /** A frame of {@code size x size} from row-major values; all-zero (a dead map) is black. */
    static Frame frame(float[] values, int size) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, v);
        }
        int[] argb = new int[size * size];
        for (int i = 0; i < argb.length; i++) {
            double t = max > 0 ? Math.max(0, values[i]) / max : 0;
            argb[i] = ramp(t);
        }
        return new Frame(size, size, argb, 0);
    }

    /** t in [0, 1]: black to red (first third), to yellow (second), to white (last). */
    static int ramp(double t) {
        int r = channel(t * 3);
        int g = channel(t * 3 - 1);
        int b = channel(t * 3 - 2);
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private static int channel(double x) {
        return (int) Math.round(255 * Math.max(0, Math.min(1, x)));
    }
}
