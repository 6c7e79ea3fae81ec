package io.dcganexplorer.app.ablation;

import io.dcganexplorer.app.render.Frame;

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

    /**
     * What ablation changed, pixel by pixel: the mean absolute RGB difference on the same ramp, on a fixed
     * scale (a change of {@code fullScale} levels or more is white) so a small change looks small.
     */
    static Frame difference(Frame before, Frame after, double fullScale) {
        if (before.width() != after.width() || before.height() != after.height()) {
            throw new IllegalArgumentException("before is " + before.width() + "x" + before.height() + ", after "
                    + after.width() + "x" + after.height());
        }
        int[] argb = new int[before.argb().length];
        for (int i = 0; i < argb.length; i++) {
            int a = before.argb()[i];
            int b = after.argb()[i];
            double d = (Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF)) + Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF))
                    + Math.abs((a & 0xFF) - (b & 0xFF))) / 3.0;
            argb[i] = ramp(Math.min(1, d / fullScale));
        }
        return new Frame(before.width(), before.height(), argb, 0);
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
