package io.dcganexplorer.accel;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A transposed convolution with kernel 4, stride 2 and padding 1 into a few output channels, as one matrix
 * product per image plus {@link Col2Im}: G's output layer (64 to 1 or 3 channels) and the input gradient
 * of D's first layer in the G step, which is the same operation, for 64x64 models.
 *
 * <p>Why: oneDNN's kernel for these shapes pads the 1 or 3 channels to 16: 36 ms a call at 64x64x3 in its
 * verbose log, two calls a step, for 403 million multiply-adds (docs/PERFORMANCE.md).
 *
 * <p>Per image {@code cols = W^T x} with {@code W} the weights as [in, out * 16] (DL4J's deconvolution layout
 * [in, out, kH, kW], which is also a convolution's [out, in, kH, kW] seen from its input gradient) and {@code x}
 * the image's [in, h * w] plane, then each output pixel sums its four taps: output row {@code oy} takes kernel
 * rows {@code kh} with {@code oy + 1 - kh} even, from input row {@code (oy + 1 - kh) / 2}, and likewise for
 * columns. Images are split between the cores.
 */
final class SmallOutputDeconvolution {

    /**
     * Input planes smaller than this (h * w) stay with libnd4j: from G's 64 channels at 16x16 (32x32 models) the
     * per-image products are too small to pay for their calls ({@code FastLayersBenchmark}, batch 128: libnd4j
     * 7.7 ms a call, this path 13.5-15.7 ms), while from 32x32 (64x64 models) this path takes 22.2-23.6 ms
     * against libnd4j's 51.1-52.6.
     */
    static final int MIN_PLANE = 32 * 32;
    /** Output channels up to which this is used. */
    static final int MAX_OUTPUT_CHANNELS = 4;
    /**
     * False leaves these cases to libnd4j; read at each call so that a benchmark can alternate within one process
     * ({@code StepPhasesBenchmark ... deconv}, through {@link Accel#setKernelEnabled}).
     */
    static volatile boolean enabled = true;

    private SmallOutputDeconvolution() {
    }

    /**
     * Whether {@link #forward} computes this case: float NCHW input, contiguous, weights [in, out, 4, 4] with at
     * most {@link #MAX_OUTPUT_CHANNELS} outputs, stride 2, padding 1, dilation 1.
     */
    static boolean applies(INDArray x, INDArray weights, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return enabled && x.rank() == 4 && x.dataType() == DataType.FLOAT && weights.dataType() == DataType.FLOAT
                && RowPasses.contiguous(x)
                && x.size(2) * x.size(3) >= MIN_PLANE && weights.rank() == 4 && weights.size(0) == x.size(1) && weights.size(1) <= MAX_OUTPUT_CHANNELS
                && weights.size(2) == 4 && weights.size(3) == 4
                && kernel[0] == 4 && kernel[1] == 4 && stride[0] == 2 && stride[1] == 2
                && padding[0] == 1 && padding[1] == 1 && dilation[0] == 1 && dilation[1] == 1;
    }

    /**
     * Writes the transposed convolution of {@code x} [n, in, h, w] with {@code weights} [in, out, 4, 4], plus
     * {@code bias} (per output channel, or null), into {@code out} [n, out, 2h, 2w] (c order, contiguous).
     */
    static void forward(INDArray x, INDArray weights, float[] bias, INDArray out) {
        int n = (int) x.size(0);
        int in = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int outChannels = (int) weights.size(1);
        INDArray weightMatrix = weights.dup('c').reshape('c', in, outChannels * 16L);
        FloatBuffer target = out.data().asNioFloat();
        int outPlane = outChannels * 4 * h * w;
        RowPasses.inParallel(n, in * h * w, (from, to) -> {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                INDArray cols = Nd4j.createUninitialized(DataType.FLOAT, outChannels * 16L, (long) h * w);
                FloatBuffer colsView = cols.data().asNioFloat();
                float[] c = new float[outChannels * 16 * h * w];
                float[] o = new float[outPlane];
                for (int image = from; image < to; image++) {
                    INDArray plane = Nd4j.create(x.data(), new long[] {in, (long) h * w}, new long[] {(long) h * w, 1},
                            x.offset() + (long) image * in * h * w, 'c');
                    Nd4j.gemm(weightMatrix, plane, cols, true, false, 1.0, 0.0);
                    colsView.get(colsView.position(), c, 0, c.length);
                    Col2Im.sum(c, o, outChannels, h, w, bias);
                    target.put(target.position() + image * outPlane, o, 0, outPlane);
                }
                cols.close();
            }
            return null;
        });
    }
}
