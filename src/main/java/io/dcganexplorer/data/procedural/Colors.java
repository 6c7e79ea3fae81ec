package io.dcganexplorer.data.procedural;

import java.awt.Color;
import java.util.SplittableRandom;

/** Small colour helpers shared by the room and face painters. */
final class Colors {

    private Colors() {
    }

    static Color rgb(int r, int g, int b) {
        return new Color(clamp(r), clamp(g), clamp(b));
    }

    /** Linear blend from {@code a} (t = 0) to {@code b} (t = 1). */
    static Color lerp(Color a, Color b, double t) {
        return rgb(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    /** Multiplies every channel by {@code k}: k < 1 darkens (shadowed faces of a box), k > 1 lightens. */
    static Color shade(Color c, double k) {
        return rgb((int) Math.round(c.getRed() * k), (int) Math.round(c.getGreen() * k),
                (int) Math.round(c.getBlue() * k));
    }

    static Color withAlpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), clamp((int) Math.round(alpha * 255)));
    }

    /** One colour from the palette, each channel nudged by up to {@code jitter} so palettes do not repeat. */
    static Color pick(SplittableRandom rng, Color[] palette, int jitter) {
        Color c = palette[rng.nextInt(palette.length)];
        return rgb(c.getRed() + rng.nextInt(-jitter, jitter + 1), c.getGreen() + rng.nextInt(-jitter, jitter + 1),
                c.getBlue() + rng.nextInt(-jitter, jitter + 1));
    }

    static double uniform(SplittableRandom rng, double min, double max) {
        return min + (max - min) * rng.nextDouble();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
