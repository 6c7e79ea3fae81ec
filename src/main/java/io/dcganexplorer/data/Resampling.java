package io.dcganexplorer.data;

/**
 * Square single-channel image geometry on float planes (row-major, values 0..255): crop, pad, resize.
 *
 * <p>Resizing is separable. Shrinking averages each output pixel's footprint in the source, with
 * fractional weights at its edges (a box filter), which is what keeps thin strokes from aliasing away;
 * enlarging interpolates bilinearly between pixel centres, because a box filter would only repeat pixels.
 */
final class Resampling {

    private Resampling() {
    }

    /** The centred square of side min(width, height) of a width x height plane. */
    static float[] centerCropSquare(float[] plane, int width, int height) {
        int side = Math.min(width, height);
        if (side == width && side == height) {
            return plane;
        }
        int x0 = (width - side) / 2;
        int y0 = (height - side) / 2;
        float[] out = new float[side * side];
        for (int y = 0; y < side; y++) {
            System.arraycopy(plane, (y0 + y) * width + x0, out, y * side, side);
        }
        return out;
    }

    /** The plane with {@code border} pixels of {@code background} added on every side. */
    static float[] pad(float[] plane, int size, int border, float background) {
        int padded = size + 2 * border;
        float[] out = new float[padded * padded];
        java.util.Arrays.fill(out, background);
        for (int y = 0; y < size; y++) {
            System.arraycopy(plane, y * size, out, (y + border) * padded + border, size);
        }
        return out;
    }

    /** A size x size plane resized to target x target (box filter down, bilinear up). */
    static float[] resize(float[] plane, int size, int target) {
        if (size == target) {
            return plane;
        }
        Taps taps = target < size ? Taps.area(size, target) : Taps.bilinear(size, target);
        float[] rows = new float[size * target];
        for (int y = 0; y < size; y++) {
            taps.apply(plane, y * size, 1, rows, y * target, 1);
        }
        float[] out = new float[target * target];
        for (int x = 0; x < target; x++) {
            taps.apply(rows, x, target, out, x, target);
        }
        return out;
    }

    /** Rounds 0..255 floats to uint8 bytes, clamping what filtering pushed out of range. */
    static void toBytes(float[] plane, byte[] dest, int offset) {
        for (int i = 0; i < plane.length; i++) {
            dest[offset + i] = (byte) Math.max(0, Math.min(255, Math.round(plane[i])));
        }
    }

    /** For each output sample, the source indices and weights (summing to 1) that make it. */
    private record Taps(int[][] indices, float[][] weights) {

        static Taps area(int size, int target) {
            double scale = (double) size / target;
            int[][] indices = new int[target][];
            float[][] weights = new float[target][];
            for (int d = 0; d < target; d++) {
                double start = d * scale;
                double end = start + scale;
                int first = (int) Math.floor(start);
                int last = Math.min(size - 1, (int) Math.ceil(end) - 1);
                indices[d] = new int[last - first + 1];
                weights[d] = new float[last - first + 1];
                for (int s = first; s <= last; s++) {
                    double overlap = Math.min(end, s + 1) - Math.max(start, s);
                    indices[d][s - first] = s;
                    weights[d][s - first] = (float) (overlap / scale);
                }
            }
            return new Taps(indices, weights);
        }

        static Taps bilinear(int size, int target) {
            double scale = (double) size / target;
            int[][] indices = new int[target][];
            float[][] weights = new float[target][];
            for (int d = 0; d < target; d++) {
                // Align pixel centres, and hold the edge value beyond the outermost centres.
                double position = Math.max(0, Math.min(size - 1, (d + 0.5) * scale - 0.5));
                int left = (int) Math.floor(position);
                int right = Math.min(size - 1, left + 1);
                float fraction = (float) (position - left);
                indices[d] = new int[] {left, right};
                weights[d] = new float[] {1 - fraction, fraction};
            }
            return new Taps(indices, weights);
        }

        void apply(float[] src, int srcOffset, int srcStride, float[] dest, int destOffset, int destStride) {
            for (int d = 0; d < indices.length; d++) {
                float sum = 0;
                int[] index = indices[d];
                float[] weight = weights[d];
                for (int t = 0; t < index.length; t++) {
                    sum += weight[t] * src[srcOffset + index[t] * srcStride];
                }
                dest[destOffset + d * destStride] = sum;
            }
        }
    }
}
