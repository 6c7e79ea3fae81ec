package io.dcganexplorer.accel;

/**
 * The overlap sum of a transposed convolution with kernel 4, stride 2 and padding 1 (libnd4j's {@code col2im} for
 * that geometry), written once for the two kernels that compute such a layer as a matrix product followed by this
 * sum: {@link SmallOutputDeconvolution} (training, a batch) and {@link GeneratorInference} (one z).
 *
 * <p>{@code cols} holds the product {@code W^T x}: for each output channel its 16 kernel taps, tap
 * {@code kh * 4 + kw}, each an input-sized plane [h, w]. Output row {@code oy = 2 * iy - 1 + kh}, so an even row
 * 2n takes kernel row 1 at input row n and kernel row 3 at input row n - 1, and an odd row 2n + 1 takes kernel row 0
 * at input row n + 1 and kernel row 2 at input row n; the same holds for columns. Taps that fall outside the input
 * count 0. Each output value is computed once, in one pass.
 */
final class Col2Im {

    private Col2Im() {
    }

    /**
     * Sums each output pixel's four taps from {@code cols} [out * 16, h * w] into {@code out} [out, 2h, 2w], starting
     * from {@code bias} (one value per output channel, or null for none).
     */
    static void sum(float[] cols, float[] out, int outChannels, int h, int w, float[] bias) {
        int hw = h * w;
        int oh = 2 * h;
        int ow = 2 * w;
        for (int ch = 0; ch < outChannels; ch++) {
            float b = bias == null ? 0f : bias[ch];
            for (int oy = 0; oy < oh; oy++) {
                int kh0 = (oy + 1) & 1;
                int iy0 = (oy + 1 - kh0) >> 1;
                int iy1 = iy0 - 1;
                boolean row0 = iy0 < h;
                boolean row1 = iy1 >= 0;
                int base = (ch * oh + oy) * ow;
                for (int ox = 0; ox < ow; ox++) {
                    int kw0 = (ox + 1) & 1;
                    int ix0 = (ox + 1 - kw0) >> 1;
                    int ix1 = ix0 - 1;
                    boolean col0 = ix0 < w;
                    boolean col1 = ix1 >= 0;
                    float s = b;
                    if (row0) {
                        s += twoTaps(cols, (ch * 16 + kh0 * 4 + kw0) * hw + iy0 * w, hw, ix0, ix1, col0, col1);
                    }
                    if (row1) {
                        s += twoTaps(cols, (ch * 16 + (kh0 + 2) * 4 + kw0) * hw + iy1 * w, hw, ix0, ix1, col0, col1);
                    }
                    out[base + ox] = s;
                }
            }
        }
    }

    /** One kernel row's two taps: column kw0 at ix0 and column kw0 + 2 (two planes further) at ix1. */
    private static float twoTaps(float[] cols, int tap, int hw, int ix0, int ix1, boolean col0, boolean col1) {
        float s = 0f;
        if (col0) {
            s += cols[tap + ix0];
        }
        if (col1) {
            s += cols[tap + 2 * hw + ix1];
        }
        return s;
    }
}
