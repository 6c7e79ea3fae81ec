package io.dcganexplorer.core.latent;

import java.util.ArrayList;
import java.util.List;

/**
 * Paths through Z between keyframes (the paper's figure 4 walks through 9 random points).
 *
 * <p>Spherical interpolation (Shoemake 1985; suggested for GAN latents by White 2016, "Sampling
 * Generative Networks") moves along the great circle between the two directions and interpolates the
 * length linearly, so intermediate points keep a typical norm instead of passing near the origin, where a
 * high-dimensional prior has almost no mass.
 */
public final class Interpolation {

    /** How to move between two keyframes. */
    public enum Mode {
        LINEAR, SPHERICAL
    }

    private Interpolation() {
    }

    /** (1 - t) a + t b. */
    public static float[] lerp(float[] a, float[] b, double t) {
        requireSameLength(a, b);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) ((1 - t) * a[i] + t * b[i]);
        }
        return out;
    }

    /**
     * Great-circle interpolation of the directions of a and b, with the norm interpolated linearly; falls
     * back to {@link #lerp} when the directions are (anti)parallel or a vector is zero.
     */
    public static float[] slerp(float[] a, float[] b, double t) {
        requireSameLength(a, b);
        double na = norm(a);
        double nb = norm(b);
        if (na < 1e-12 || nb < 1e-12) {
            return lerp(a, b, t);
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * (double) b[i];
        }
        double cos = Math.max(-1, Math.min(1, dot / (na * nb)));
        double omega = Math.acos(cos);
        double sin = Math.sin(omega);
        if (sin < 1e-6) {
            return lerp(a, b, t);
        }
        double wa = Math.sin((1 - t) * omega) / sin / na;
        double wb = Math.sin(t * omega) / sin / nb;
        double length = (1 - t) * na + t * nb;
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (length * (wa * a[i] + wb * b[i]));
        }
        return out;
    }

    /** One point between a and b. */
    public static float[] between(float[] a, float[] b, double t, Mode mode) {
        return mode == Mode.SPHERICAL ? slerp(a, b, t) : lerp(a, b, t);
    }

    /**
     * A walk through all keyframes: {@code stepsPerSegment} points per segment, starting exactly at the first
     * keyframe and ending exactly at the last; every keyframe appears exactly once.
     */
    public static List<float[]> path(List<float[]> keyframes, int stepsPerSegment, Mode mode) {
        if (keyframes.size() < 2) {
            throw new IllegalArgumentException("a walk needs at least 2 keyframes, got " + keyframes.size());
        }
        if (stepsPerSegment < 1) {
            throw new IllegalArgumentException("steps per segment = " + stepsPerSegment + ": must be at least 1");
        }
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k + 1 < keyframes.size(); k++) {
            for (int s = 0; s < stepsPerSegment; s++) {
                out.add(s == 0 ? keyframes.get(k).clone()
                        : between(keyframes.get(k), keyframes.get(k + 1), s / (double) stepsPerSegment, mode));
            }
        }
        out.add(keyframes.get(keyframes.size() - 1).clone());
        return out;
    }

    public static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * (double) x;
        }
        return Math.sqrt(s);
    }

    static void requireSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of different length: " + a.length + " and " + b.length);
        }
    }
}
