package io.dcganexplorer.core.gan;

import io.dcganexplorer.core.platform.FastReLU;
import java.util.ArrayList;
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
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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
 * matrix. A 4x4 stride-2 padding-1 deconvolution of a [C, H, W] input is then one matrix product
 * ({@code cols = W' x}, [outC * 16, H * W]), libnd4j's {@code col2im} (which sums the overlapping kernel
 * windows into [outC, 2H, 2W]), a per-channel bias add and the activation, all into buffers allocated once.
 *
 * <p>Only networks of {@link GeneratorFactory}'s shape are compiled ({@link #compile} returns empty for
 * anything else, and callers use the network itself). The weights are copied: later changes to the network
 * are not seen. Not thread-safe: one thread per instance.
 */
public final class GeneratorInference {

    private static final int KERNEL = 4;
    private static final int STRIDE = 2;
    private static final int PADDING = 1;

    /** One deconvolution stage: folded weights [outC * 16, inC], bias [outC, 1], and its buffers. */
    private record Stage(INDArray weights, INDArray bias, boolean tanh, int inChannels, int outChannels, int inSize,
            INDArray cols, INDArray output) {
    }

    private final int nz;
    private final int baseChannels;
    private final INDArray projectWeights;
    private final INDArray projectBias;
    private final INDArray z;
    private final INDArray projected;
    private final List<Stage> stages;

    private GeneratorInference(INDArray projectWeights, INDArray projectBias, int baseChannels, List<Stage> stages) {
        this.nz = (int) projectWeights.size(0);
        this.baseChannels = baseChannels;
        this.projectWeights = projectWeights;
        this.projectBias = projectBias;
        this.stages = stages;
        this.z = Nd4j.create(DataType.FLOAT, 1, nz);
        this.projected = Nd4j.create(DataType.FLOAT, 1, projectWeights.size(1));
    }

    /**
     * Compiles {@code generator} (FLOAT, inference mode) if it has {@link GeneratorFactory}'s layer sequence;
     * empty otherwise.
     */
    public static Optional<GeneratorInference> compile(MultiLayerNetwork generator) {
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
        INDArray w = param(generator, 0, DefaultParamInitializer.WEIGHT_KEY).dup('c');
        INDArray perColumnScale = Nd4j.create(DataType.FLOAT, 1, 16L * channels);
        INDArray projectBias = Nd4j.create(DataType.FLOAT, 1, 16L * channels);
        for (int c = 0; c < channels; c++) {
            for (int j = 0; j < 16; j++) {
                perColumnScale.putScalar(0, c * 16L + j, scale[c]);
                projectBias.putScalar(0, c * 16L + j, shift[c]);
            }
        }
        w.muliRowVector(perColumnScale);

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
                java.util.Arrays.fill(stageScale, 1f);
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
            INDArray bias = Nd4j.createFromArray(stageShift).reshape(out, 1);
            stages.add(new Stage(folded, bias, tanh, channels, out, size,
                    Nd4j.create(DataType.FLOAT, out * 16L, (long) size * size),
                    Nd4j.create(DataType.FLOAT, 1, out, 2L * size, 2L * size)));
            channels = out;
            size *= 2;
        }
        if (stages.isEmpty() || !stages.get(stages.size() - 1).tanh()) {
            return Optional.empty();
        }
        return Optional.of(new GeneratorInference(w, projectBias, (int) reshape.getNumChannels(), stages));
    }

    /** Latent size this generator takes. */
    public int nz() {
        return nz;
    }

    /**
     * G(z) for one z as [1, channels, size, size] in [-1, 1]. The array is this instance's buffer: it is
     * overwritten by the next call, so copy what must outlive it.
     */
    public INDArray generate(float[] latent) {
        if (latent.length != nz) {
            throw new IllegalArgumentException("z has " + latent.length + " values; this generator takes " + nz);
        }
        for (int i = 0; i < nz; i++) {
            z.putScalar(0, i, latent[i]);
        }
        Nd4j.gemm(z, projectWeights, projected, false, false, 1.0, 0.0);
        projected.addiRowVector(projectBias);
        Transforms.relu(projected, false);
        INDArray x = projected.reshape('c', baseChannels, 16);
        INDArray result = null;
        for (Stage s : stages) {
            Nd4j.gemm(s.weights(), x, s.cols(), false, false, 1.0, 0.0);
            int outSize = 2 * s.inSize();
            CustomOp col2im = DynamicCustomOp.builder("col2im")
                    .addInputs(s.cols().reshape('c', 1, s.outChannels(), KERNEL, KERNEL, s.inSize(), s.inSize()))
                    .addOutputs(s.output())
                    // strides, paddings, image height and width, dilations, not "same" mode
                    .addIntegerArguments(STRIDE, STRIDE, PADDING, PADDING, outSize, outSize, 1, 1, 0)
                    .build();
            Nd4j.getExecutioner().exec(col2im);
            INDArray flat = s.output().reshape('c', s.outChannels(), (long) outSize * outSize);
            flat.addiColumnVector(s.bias());
            if (s.tanh()) {
                Transforms.tanh(flat, false);
            } else {
                Transforms.relu(flat, false);
            }
            x = flat;
            result = s.output();
        }
        return result;
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
