package io.dcganexplorer.accel;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * G(z) for one z at a time, several times faster than {@code MultiLayerNetwork.output} for the
 * interactive panes, with the same result to float rounding.
 *
 * <p>At batch 1 the generator's cost is not arithmetic but per-call overhead: DL4J runs every batchnorm as
 * its own op and hands each deconvolution's weights to libnd4j as a permuted view that the op lays out
 * again on every call (the 512-to-256-channel layer of the paper's 64x64 generator moves 8 MB of weights per
 * call that way). Here, once per network, every inference-mode batchnorm is folded into the layer before it
 * (per output channel: {@code w' = w * gamma / sqrt(var + eps)}, {@code b' = beta - mean * gamma / sqrt(var
 * + eps)}) and each deconvolution's weights are stored as one contiguous [outChannels * 16, inChannels]
 * matrix. A 4x4 stride-2 padding-1 deconvolution of a [C, H, W] input is then one native matrix product
 * ({@code cols = W' x}, [outC * 16, H * W]) followed by a Java pass that sums the overlapping kernel
 * windows into [outC, 2H, 2W] and adds the bias ({@link Col2Im}), and one that applies the activation, all into
 * buffers allocated once. Done in Java, that costs a fraction of libnd4j's {@code col2im}, bias and activation ops (three
 * calls, each going through libnd4j's thread pool), and the image ends in a Java array, so the caller reads
 * no native memory. The projection of z is Java too, and follows a slider incrementally (see {@link
 * #project}). The paper's 64x64 G went from 4.7 to 2.3-3.2 ms per image this way (idle machine, median).
 *
 * <p>Each call runs on one OpenMP thread: at batch 1 a second thread saves less than it costs to wake (32x32:
 * 1.3 ms instead of 2.3 ms median while dragging a slider; 64x64: the same within the noise), and it leaves the
 * other core to JavaFX's painting and to a training run.
 *
 * <p>Only networks of the shape {@code core.gan.GeneratorFactory} builds are compiled ({@link Accel#compile} is
 * empty for anything else, and callers use the network itself). The weights are copied: later changes to the
 * network are not seen. Not thread-safe: one thread per instance.
 */
public final class GeneratorInference {

    private static final int KERNEL = 4;
    private static final int STRIDE = 2;
    private static final int PADDING = 1;
    /** Most z values that may change between calls for the projection to be updated rather than recomputed. */
    private static final int MAX_INCREMENTAL_DIMENSIONS = 4;
    /** Incremental projection updates between two full sums. */
    private static final int MAX_INCREMENTAL_UPDATES = 64;

    /**
     * One deconvolution stage: folded weights [outC * 16, inC] and its input [inC, inSize^2] and column
     * [outC * 16, inSize^2] buffers in native memory (for the matrix product), with Java views and copies for
     * the fused col2im, bias and activation.
     */
    private static final class Stage {
        final INDArray weights;
        final float[] bias;
        final boolean tanh;
        final int outChannels;
        final int inSize;
        final INDArray input;
        final INDArray cols;
        final FloatBuffer inputView;
        final FloatBuffer colsView;
        final float[] colsCopy;
        final float[] output;

        Stage(INDArray weights, float[] bias, boolean tanh, int inChannels, int outChannels, int inSize) {
            this.weights = weights;
            this.bias = bias;
            this.tanh = tanh;
            this.outChannels = outChannels;
            this.inSize = inSize;
            int plane = inSize * inSize;
            this.input = Nd4j.create(DataType.FLOAT, inChannels, plane);
            this.cols = Nd4j.create(DataType.FLOAT, (long) outChannels * KERNEL * KERNEL, plane);
            this.inputView = nativeView(input);
            this.colsView = nativeView(cols);
            this.colsCopy = new float[outChannels * KERNEL * KERNEL * plane];
            this.output = new float[outChannels * 4 * plane];
        }
    }

    private final int nz;
    private final float[] projectWeights;
    private final float[] projectBias;
    /** The projection before its ReLU, for {@link #projectedFor}; updated incrementally by {@link #project}. */
    private final float[] projected;
    /** The z that {@link #projected} belongs to; NaN before the first call, so that one sums in full. */
    private final float[] projectedFor;
    private final float[] rectified;
    private int incrementalUpdates = MAX_INCREMENTAL_UPDATES;
    private final List<Stage> stages;
    private final int channels;
    private final int size;
    private INDArray image;

    private GeneratorInference(float[] projectWeights, float[] projectBias, List<Stage> stages) {
        this.projectBias = projectBias;
        this.nz = projectWeights.length / projectBias.length;
        this.projectWeights = projectWeights;
        this.projected = new float[projectBias.length];
        this.rectified = new float[projectBias.length];
        this.projectedFor = new float[nz];
        Arrays.fill(projectedFor, Float.NaN);
        this.stages = stages;
        Stage last = stages.get(stages.size() - 1);
        this.channels = last.outChannels;
        this.size = 2 * last.inSize;
    }

    /**
     * Compiles {@code generator} (FLOAT, inference mode) if it has the DCGAN generator's layer sequence (dense
     * projection, then deconvolution, batchnorm and ReLU stages, Tanh at the end); empty otherwise.
     */
    static Optional<GeneratorInference> compile(MultiLayerNetwork generator) {
        if (generator.params().dataType() != DataType.FLOAT) {
            return Optional.empty();
        }
        int n = generator.getnLayers();
        if (n < 4 || !(layer(generator, 0) instanceof DenseLayer dense) || dense.hasBias()
                || !(dense.getActivationFn() instanceof ActivationIdentity)) {
            return Optional.empty();
        }
        InputPreProcessor pre = generator.getLayerWiseConfigurations().getInputPreProcess(1);
        if (!(pre instanceof FeedForwardToCnnPreProcessor reshape) || reshape.getInputHeight() != KERNEL
                || reshape.getInputWidth() != KERNEL) {
            return Optional.empty();
        }
        int channels = (int) reshape.getNumChannels();
        if (!isBatchNorm(generator, 1) || !isRelu(generator, 2)) {
            return Optional.empty();
        }
        // Project: [nz, C*16] with column c*16 + j feeding channel c (the preprocessor's 'c'-order reshape).
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        foldedBatchNorm(generator, 1, scale, shift);
        // Java arrays: the projection is a sum of z_i times row i, cheaper here than a native call.
        float[] w = param(generator, 0, DefaultParamInitializer.WEIGHT_KEY).dup('c').data().asFloat();
        float[] projectBias = new float[16 * channels];
        for (int row = 0; row < w.length / projectBias.length; row++) {
            for (int c = 0; c < channels; c++) {
                for (int j = 0; j < 16; j++) {
                    w[row * projectBias.length + c * 16 + j] *= scale[c];
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            Arrays.fill(projectBias, c * 16, c * 16 + 16, shift[c]);
        }

        List<Stage> stages = new ArrayList<>();
        int size = KERNEL;
        int index = 3;
        while (index < n) {
            if (!(layer(generator, index) instanceof Deconvolution2D deconv) || !standardDeconv(deconv)
                    || generator.getLayerWiseConfigurations().getInputPreProcess(index) != null) {
                return Optional.empty();
            }
            INDArray weights = param(generator, index, DefaultParamInitializer.WEIGHT_KEY);
            if (weights.size(0) != channels || weights.size(2) != KERNEL || weights.size(3) != KERNEL) {
                return Optional.empty();
            }
            int out = (int) weights.size(1);
            float[] stageScale = new float[out];
            float[] stageShift = new float[out];
            boolean last = index == n - 1;
            boolean tanh;
            if (last) {
                if (!(deconv.getActivationFn() instanceof ActivationTanH)) {
                    return Optional.empty();
                }
                tanh = true;
                Arrays.fill(stageScale, 1f);
                if (deconv.hasBias()) {
                    float[] b = param(generator, index, DefaultParamInitializer.BIAS_KEY).toFloatVector();
                    System.arraycopy(b, 0, stageShift, 0, out);
                }
                index++;
            } else {
                if (deconv.hasBias() || !(deconv.getActivationFn() instanceof ActivationIdentity)
                        || index + 2 >= n || !isBatchNorm(generator, index + 1) || !isRelu(generator, index + 2)) {
                    return Optional.empty();
                }
                tanh = false;
                foldedBatchNorm(generator, index + 1, stageScale, stageShift);
                index += 3;
            }
            // [inC, outC, 4, 4] -> [outC * 16, inC], each output channel's 16 rows scaled by its factor.
            INDArray folded = weights.reshape('c', channels, out * 16L).transpose().dup('c');
            INDArray rowScale = Nd4j.create(DataType.FLOAT, out * 16L, 1);
            for (int o = 0; o < out; o++) {
                for (int j = 0; j < 16; j++) {
                    rowScale.putScalar(o * 16L + j, 0, stageScale[o]);
                }
            }
            folded.muliColumnVector(rowScale);
            stages.add(new Stage(folded, stageShift, tanh, channels, out, size));
            channels = out;
            size *= 2;
        }
        if (stages.isEmpty() || !stages.get(stages.size() - 1).tanh) {
            return Optional.empty();
        }
        return Optional.of(new GeneratorInference(w, projectBias, stages));
    }

    /** Latent size this generator takes. */
    public int nz() {
        return nz;
    }

    /** Channels of the images this generator draws. */
    public int channels() {
        return channels;
    }

    /** Width and height of the images this generator draws. */
    public int size() {
        return size;
    }

    /**
     * G(z) for one z as [1, channels, size, size] in [-1, 1]. The array is this instance's buffer: it is
     * overwritten by the next call, so copy what must outlive it.
     */
    public INDArray generate(float[] latent) {
        float[] pixels = generatePlanes(latent);
        if (image == null) {
            image = Nd4j.create(DataType.FLOAT, 1, channels, size, size);
        }
        nativeView(image).put(0, pixels);
        return image;
    }

    /**
     * G(z) for one z as channel planes ({@code channels * size * size} values, [c][y][x]) in [-1, 1], without
     * a trip through native memory for the result. The array is this instance's buffer: it is overwritten by
     * the next call.
     */
    public float[] generatePlanes(float[] latent) {
        if (latent.length != nz) {
            throw new IllegalArgumentException("z has " + latent.length + " values; this generator takes " + nz);
        }
        int previousThreads = NativeBackend.setOpenMpThreadsOfThisThread(1);
        try {
            return generateOnThisThread(latent);
        } finally {
            if (previousThreads > 0) {
                NativeBackend.setOpenMpThreadsOfThisThread(previousThreads);
            }
        }
    }

    private float[] generateOnThisThread(float[] latent) {
        project(latent);
        int width = projected.length;
        for (int j = 0; j < width; j++) {
            rectified[j] = Math.max(projected[j], 0f);
        }
        stages.get(0).inputView.put(0, rectified);
        float[] result = null;
        for (int k = 0; k < stages.size(); k++) {
            Stage s = stages.get(k);
            Nd4j.gemm(s.weights, s.input, s.cols, false, false, 1.0, 0.0);
            s.colsView.get(0, s.colsCopy);
            col2imBiasActivation(s);
            if (k + 1 < stages.size()) {
                stages.get(k + 1).inputView.put(0, s.output);
            }
            result = s.output;
        }
        return result;
    }

    /**
     * Brings {@link #projected} (before the ReLU) to {@code latent}. A slider moves one value at a time, so
     * when only a few values changed since the last call the change is added row by row ({@code delta_i *
     * row i}): 32 KB of weights read instead of all of them (3.2 MB for the paper's 64x64 G, which does not
     * stay in cache and costs ~0.4 ms to stream). A full sum every {@link #MAX_INCREMENTAL_UPDATES} calls
     * keeps the rounding of the running sums from drifting.
     */
    private void project(float[] latent) {
        int width = projected.length;
        int changed = 0;
        for (int i = 0; i < nz && changed <= MAX_INCREMENTAL_DIMENSIONS; i++) {
            if (!Float.isFinite(latent[i]) || !Float.isFinite(projectedFor[i])) {
                // NaN or infinity in either z: only a full sum gives the right (poisoned or clean) result.
                changed = MAX_INCREMENTAL_DIMENSIONS + 1;
            } else if (latent[i] != projectedFor[i]) {
                changed++;
            }
        }
        if (incrementalUpdates < MAX_INCREMENTAL_UPDATES && changed <= MAX_INCREMENTAL_DIMENSIONS) {
            for (int i = 0; i < nz; i++) {
                float delta = latent[i] - projectedFor[i];
                if (delta != 0f) {
                    axpy(delta, projectWeights, i * width, projected);
                }
            }
            incrementalUpdates++;
        } else {
            System.arraycopy(projectBias, 0, projected, 0, width);
            for (int i = 0; i < nz; i++) {
                axpy(latent[i], projectWeights, i * width, projected);
            }
            incrementalUpdates = 0;
        }
        System.arraycopy(latent, 0, projectedFor, 0, nz);
    }

    /** {@code y += a * x[offset .. offset + y.length)}. */
    private static void axpy(float a, float[] x, int offset, float[] y) {
        for (int j = 0; j < y.length; j++) {
            y[j] += a * x[offset + j];
        }
    }

    /**
     * The stage's overlap sum and bias ({@link Col2Im}), then its activation: ReLU after a folded batchnorm, Tanh
     * for the output layer.
     */
    private static void col2imBiasActivation(Stage s) {
        Col2Im.sum(s.colsCopy, s.output, s.outChannels, s.inSize, s.inSize, s.bias);
        float[] out = s.output;
        if (s.tanh) {
            for (int i = 0; i < out.length; i++) {
                out[i] = tanh(out[i]);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(out[i], 0f);
            }
        }
    }

    /** tanh through one exp (Math.tanh is not an intrinsic and costs several times more); exact to float rounding. */
    private static float tanh(float x) {
        double e = Math.exp(2.0 * x);
        return (float) (1.0 - 2.0 / (e + 1.0));
    }

    /** A live float view of an array's native memory (c order, offset 0). */
    private static FloatBuffer nativeView(INDArray array) {
        return array.data().asNioFloat();
    }

    private static Layer layer(MultiLayerNetwork network, int index) {
        return network.getLayer(index).conf().getLayer();
    }

    private static INDArray param(MultiLayerNetwork network, int index, String key) {
        return network.getLayer(index).getParam(key);
    }

    /** A plain NCHW batchnorm; only layer 1 (after the project's reshape) may have a preprocessor. */
    private static boolean isBatchNorm(MultiLayerNetwork network, int index) {
        return layer(network, index) instanceof BatchNormalization bn && !bn.isLockGammaBeta()
                && bn.getCnn2DFormat() == CNN2DFormat.NCHW
                && (index == 1 || network.getLayerWiseConfigurations().getInputPreProcess(index) == null);
    }

    private static boolean isRelu(MultiLayerNetwork network, int index) {
        if (!(layer(network, index) instanceof ActivationLayer act)
                || network.getLayerWiseConfigurations().getInputPreProcess(index) != null) {
            return false;
        }
        IActivation fn = act.getActivationFn();
        return fn instanceof ActivationReLU relu && FastReLU.isPlain(relu);
    }

    private static boolean standardDeconv(Deconvolution2D d) {
        return d.getKernelSize()[0] == KERNEL && d.getKernelSize()[1] == KERNEL && d.getStride()[0] == STRIDE
                && d.getStride()[1] == STRIDE && d.getPadding()[0] == PADDING && d.getPadding()[1] == PADDING
                && d.getDilation()[0] == 1 && d.getDilation()[1] == 1
                && d.getConvolutionMode() == ConvolutionMode.Truncate && d.getCnn2dDataFormat() == CNN2DFormat.NCHW;
    }

    /** Inference-mode batchnorm of layer {@code index} as a per-channel scale and shift. */
    private static void foldedBatchNorm(MultiLayerNetwork network, int index, float[] scale, float[] shift) {
        BatchNormalization conf = (BatchNormalization) layer(network, index);
        float[] gamma = param(network, index, BatchNormalizationParamInitializer.GAMMA).toFloatVector();
        float[] beta = param(network, index, BatchNormalizationParamInitializer.BETA).toFloatVector();
        float[] mean = param(network, index, BatchNormalizationParamInitializer.GLOBAL_MEAN).toFloatVector();
        float[] var;
        if (conf.isUseLogStd()) {
            float[] log10Std = param(network, index, BatchNormalizationParamInitializer.GLOBAL_LOG_STD).toFloatVector();
            var = new float[log10Std.length];
            for (int c = 0; c < var.length; c++) {
                double std = Math.pow(10.0, log10Std[c]);
                var[c] = (float) (std * std);
            }
        } else {
            var = param(network, index, BatchNormalizationParamInitializer.GLOBAL_VAR).toFloatVector();
        }
        for (int c = 0; c < scale.length; c++) {
            double s = gamma[c] / Math.sqrt(var[c] + conf.getEps());
            scale[c] = (float) s;
            shift[c] = (float) (beta[c] - mean[c] * s);
        }
    }
}
