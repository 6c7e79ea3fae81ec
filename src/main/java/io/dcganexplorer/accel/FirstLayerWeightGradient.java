package io.dcganexplorer.accel;

import java.nio.FloatBuffer;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weight and bias gradients of a convolution with kernel 4, stride 2 and padding 1 from a few input channels
 * (D's first layer in an RGB model), without the gradient with respect to its input. In the D step nobody reads
 * that input gradient (D's input is the data or a detached G(z)), but libnd4j's {@code conv2d_bp} always
 * computes it, and oneDNN pads the 3 channels to 16 on the way.
 *
 * <p>For each group of {@link #GROUP} images a Java {@code im2col} writes every output pixel's 4x4 input patch as
 * a row of {@code cols} [group * oh * ow, in * 16] (zeros outside the image), the images' errors are laid side by
 * side as [out, group * oh * ow], and one OpenBLAS {@code sgemm} adds their product to the weight gradient
 * [out, in * 16]. The images are split between the cores, each with its own partial sum. The bias gradient is the
 * error summed over images and pixels.
 */
final class FirstLayerWeightGradient {

    /**
     * Input channels from which this is used. With one channel the call alone is faster too
     * ({@code FastLayersBenchmark}: 5.7-6.9 against 11.8-12.0 ms at 32x32x1), yet whole steps were 2.4-3.5% slower in
     * four {@code StepPhasesBenchmark 32 1 weights} runs; with three, 6.0-6.3% faster at 64x64 and about the same at
     * 32x32 (docs/PERFORMANCE.md, item 11).
     */
    static final int MIN_INPUT_CHANNELS = 2;
    /** Input channels up to which this is used. */
    static final int MAX_INPUT_CHANNELS = 4;
    /** Images whose patches go into one product: larger products run nearer to gemm's speed. */
    private static final int GROUP = 8;
    /**
     * False leaves the D step's first layer to {@code conv2d_bp}; read at each call so that a benchmark can
     * alternate within one process ({@code StepPhasesBenchmark ... weights}, through {@link Accel#setKernelEnabled}).
     */
    static volatile boolean enabled = true;

    private FirstLayerWeightGradient() {
    }

    /**
     * Whether {@link #compute} is used for this case: float NCHW input and error, both contiguous, weights
     * [out, in, 4, 4] with {@link #MIN_INPUT_CHANNELS} to {@link #MAX_INPUT_CHANNELS} inputs, stride 2, padding 1, dilation 1, and an
     * output half the input's size.
     */
    static boolean applies(INDArray x, INDArray weights, INDArray delta, int[] kernel, int[] stride, int[] padding,
                           int[] dilation) {
        return enabled
                && x.rank() == 4 && delta.rank() == 4 && weights.rank() == 4
                && x.dataType() == DataType.FLOAT && delta.dataType() == DataType.FLOAT
                && weights.dataType() == DataType.FLOAT
                && RowPasses.contiguous(x) && RowPasses.contiguous(delta)
                && x.size(1) >= MIN_INPUT_CHANNELS && x.size(1) <= MAX_INPUT_CHANNELS && weights.size(1) == x.size(1) && weights.size(0) == delta.size(1)
                && weights.size(2) == 4 && weights.size(3) == 4 && delta.size(0) == x.size(0)
                && x.size(2) % 2 == 0 && x.size(3) % 2 == 0
                && delta.size(2) * 2 == x.size(2) && delta.size(3) * 2 == x.size(3)
                && kernel[0] == 4 && kernel[1] == 4 && stride[0] == 2 && stride[1] == 2
                && padding[0] == 1 && padding[1] == 1 && dilation[0] == 1 && dilation[1] == 1;
    }

    /**
     * Writes the weight gradient of {@code x} [n, in, h, w] against the error {@code delta} [n, out, h/2, w/2]
     * into {@code weightGrad} ([out, in, 4, 4], any order) and, if not null, the bias gradient into
     * {@code biasGrad} (out values).
     */
    static void compute(INDArray x, INDArray delta, INDArray weightGrad, INDArray biasGrad) {
        int n = (int) x.size(0);
        int in = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int out = (int) delta.size(1);
        int pixels = (h / 2) * (w / 2);
        int taps = in * 16;
        FloatBuffer images = x.data().asNioFloat();
        int firstImage = images.position();
        FloatBuffer errors = delta.data().asNioFloat();
        int firstError = errors.position();
        List<float[]> partials = RowPasses.inParallel(n, in * h * w + out * pixels, (from, to) -> {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                INDArray sum = Nd4j.zeros(DataType.FLOAT, out, taps);
                INDArray errorRows = Nd4j.createUninitialized(DataType.FLOAT, out, (long) GROUP * pixels);
                INDArray cols = Nd4j.createUninitialized(DataType.FLOAT, (long) GROUP * pixels, taps);
                FloatBuffer errorView = errorRows.data().asNioFloat();
                FloatBuffer colsView = cols.data().asNioFloat();
                FloatPointer errorPointer = new FloatPointer(errorRows.data().addressPointer());
                FloatPointer colsPointer = new FloatPointer(cols.data().addressPointer());
                FloatPointer sumPointer = new FloatPointer(sum.data().addressPointer());
                float[] plane = new float[in * h * w];
                float[] patches = new float[GROUP * pixels * taps];
                float[] error = new float[out * GROUP * pixels];
                for (int first = from; first < to; first += GROUP) {
                    int count = Math.min(GROUP, to - first);
                    int width = count * pixels;
                    for (int i = 0; i < count; i++) {
                        int image = first + i;
                        images.get(firstImage + image * in * h * w, plane, 0, plane.length);
                        im2col(plane, patches, i * pixels * taps, in, h, w);
                    }
                    colsView.put(colsView.position(), patches, 0, width * taps);
                    // The error as [out, count * pixels]: image i's [out, pixels] goes to columns i * pixels on.
                    for (int i = 0; i < count; i++) {
                        for (int o = 0; o < out; o++) {
                            errors.get(firstError + ((first + i) * out + o) * pixels, error, o * width + i * pixels,
                                    pixels);
                        }
                    }
                    errorView.put(errorView.position(), error, 0, out * width);
                    // OpenBLAS directly, on this thread: Nd4j.gemm goes through a libnd4j op, whose OpenMP threads
                    // then compete with the other Java thread's (whole steps 2-5% slower in the A/B).
                    openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasNoTrans,
                            out, taps, width, 1f, errorPointer, width, colsPointer, taps, 1f, sumPointer, taps);
                }
                float[] result = sum.data().asFloat();
                sum.close();
                errorRows.close();
                cols.close();
                return result;
            }
        });
        float[] total = partials.get(0);
        for (int p = 1; p < partials.size(); p++) {
            float[] part = partials.get(p);
            for (int i = 0; i < total.length; i++) {
                total[i] += part[i];
            }
        }
        weightGrad.assign(Nd4j.createFromArray(total).reshape('c', out, in, 4, 4));
        if (biasGrad != null) {
            biasGrad.assign(delta.sum(0, 2, 3).reshape(biasGrad.shape()));
        }
    }

    /**
     * Each output pixel's 4x4 patch of the image {@code plane} [in, h, w] as a row of {@code patches}
     * [(h/2) * (w/2), in * 16] from index {@code start} on, in the weights' [in, kh, kw] order; taps outside the
     * image are 0.
     */
    static void im2col(float[] plane, float[] patches, int start, int in, int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        int taps = in * 16;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                int row = start + (oy * ow + ox) * taps;
                for (int c = 0; c < in; c++) {
                    for (int kh = 0; kh < 4; kh++) {
                        int iy = 2 * oy - 1 + kh;
                        int at = row + c * 16 + kh * 4;
                        if (iy < 0 || iy >= h) {
                            patches[at] = 0f;
                            patches[at + 1] = 0f;
                            patches[at + 2] = 0f;
                            patches[at + 3] = 0f;
                            continue;
                        }
                        int src = (c * h + iy) * w + 2 * ox - 1;
                        patches[at] = ox > 0 ? plane[src] : 0f;
                        patches[at + 1] = plane[src + 1];
                        patches[at + 2] = plane[src + 2];
                        patches[at + 3] = ox < ow - 1 ? plane[src + 3] : 0f;
                    }
                }
            }
        }
    }
}
