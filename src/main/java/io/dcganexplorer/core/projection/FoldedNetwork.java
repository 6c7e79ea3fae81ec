package io.dcganexplorer.core.projection;

import io.dcganexplorer.accel.Accel;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A copy of (the first layers of) a network with every batchnorm folded into the layer before it, so that the
 * copy computes the network's inference-mode function (running statistics) and can be differentiated with
 * respect to its input by DL4J's own backward pass.
 *
 * <p>Why a copy: DL4J's batchnorm backward pass always differentiates the batch statistics, which is the
 * training-mode function; an inference-mode forward pass followed by it gives a gradient of a different
 * function. Folding ({@code w' = w * gamma / sqrt(var + eps)}, {@code b' = beta - mean * gamma / sqrt(var +
 * eps)} per output channel, as {@code GeneratorInference} does for speed) leaves only dense, convolution,
 * deconvolution and activation layers, whose backward pass is exact. The source network is only read: its
 * parameters and statistics never change, and later changes to it are not seen.
 *
 * <p>Not thread-safe: one thread per instance.
 */
public final class FoldedNetwork {

    private final MultiLayerNetwork network;

    private FoldedNetwork(MultiLayerNetwork network) {
        this.network = network;
    }

    /** The whole of {@code source} (a generator: dense / deconvolution layers, batchnorm, activations). */
    public static FoldedNetwork of(MultiLayerNetwork source) {
        return of(source, source.getnLayers());
    }

    /**
     * The first {@code layers} layers of {@code source}, folded; an output layer ends the copy (a
     * discriminator's features are what its convolutions compute before it).
     *
     * @throws IllegalArgumentException naming the layer when one cannot be folded
     */
    public static FoldedNetwork of(MultiLayerNetwork source, int layers) {
        List<Layer> kept = new ArrayList<>();
        List<INDArray[]> params = new ArrayList<>();
        List<InputPreProcessor> preprocessors = new ArrayList<>();
        InputPreProcessor pending = null;
        MultiLayerConfiguration conf = source.getLayerWiseConfigurations();
        for (int i = 0; i < Math.min(layers, source.getnLayers()); i++) {
            Layer layer = source.getLayer(i).conf().getLayer();
            if (layer instanceof BaseOutputLayer) {
                break;
            }
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null) {
                if (pending != null) {
                    throw new IllegalArgumentException("layer " + i + " (" + layer.getLayerName()
                            + "): two input preprocessors in a row cannot be folded");
                }
                pending = pre;
            }
            if (layer instanceof BatchNormalization bn) {
                if (kept.isEmpty() || params.get(params.size() - 1) == null) {
                    throw new IllegalArgumentException("layer " + i + " (" + bn.getLayerName()
                            + "): a batchnorm that does not follow a dense or convolution layer cannot be folded");
                }
                fold(source, i, bn, kept.get(kept.size() - 1), params.get(params.size() - 1), pending);
                // The preprocessor before the batchnorm now sits before the next kept layer.
                continue;
            }
            preprocessors.add(pending);
            pending = null;
            if (layer instanceof ActivationLayer) {
                kept.add(layer.clone());
                params.add(null);
            } else if (layer instanceof DenseLayer || layer instanceof ConvolutionLayer) {
                kept.add(withBias(layer));
                params.add(copyParams(source.getLayer(i), layer));
            } else {
                throw new IllegalArgumentException("layer " + i + " (" + layer.getLayerName() + "): "
                        + layer.getClass().getSimpleName() + " layers cannot be folded");
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no layers to fold");
        }
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        for (int i = 0; i < kept.size(); i++) {
            list.layer(i, kept.get(i));
            if (preprocessors.get(i) != null) {
                list.inputPreProcessor(i, preprocessors.get(i).clone());
            }
        }
        MultiLayerNetwork folded = new MultiLayerNetwork(list.build());
        folded.init();
        for (int i = 0; i < kept.size(); i++) {
            if (params.get(i) != null) {
                folded.getLayer(i).setParam(DefaultParamInitializer.WEIGHT_KEY, params.get(i)[0]);
                folded.getLayer(i).setParam(DefaultParamInitializer.BIAS_KEY, params.get(i)[1]);
            }
        }
        Accel.install(folded);
        return new FoldedNetwork(folded);
    }

    /** The folded network (for tests and inference). */
    public MultiLayerNetwork network() {
        return network;
    }

    /** The network's output for {@code input}, keeping each layer's input for {@link #backward}. */
    public INDArray forward(INDArray input) {
        network.setInput(input);
        // Training mode only makes the layers keep what their backward pass needs: nothing here depends on it
        // (no batchnorm, no dropout).
        List<INDArray> activations = network.feedForward(true, false);
        return activations.get(activations.size() - 1);
    }

    /** dLoss/dInput for dLoss/dOutput {@code epsilon}, after {@link #forward}; the parameters do not change. */
    public INDArray backward(INDArray epsilon) {
        // Weight gradients are never used: the parameters are never updated.
        try (Accel.Scope only = Accel.inputGradientOnly(network)) {
            Pair<org.deeplearning4j.nn.gradient.Gradient, INDArray> result =
                    network.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces());
            return result.getSecond();
        } finally {
            network.clearLayersStates();
        }
    }

    /** The network's output for {@code input}, keeping nothing. */
    public INDArray output(INDArray input) {
        return network.output(input, false);
    }

    private static Layer withBias(Layer layer) {
        Layer copy = layer.clone();
        if (copy instanceof DenseLayer dense) {
            dense.setHasBias(true);
        } else if (copy instanceof ConvolutionLayer conv) {
            conv.setHasBias(true);
        }
        return copy;
    }

    /** The layer's weights and bias (zeros when it has none), copied. */
    private static INDArray[] copyParams(org.deeplearning4j.nn.api.Layer layer, Layer conf) {
        INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dup('c');
        long out = outputAxisSize(conf, w);
        INDArray b = layer.paramTable().containsKey(DefaultParamInitializer.BIAS_KEY)
                ? layer.getParam(DefaultParamInitializer.BIAS_KEY).dup('c').reshape(1, out)
                : Nd4j.zeros(DataType.FLOAT, 1, out);
        return new INDArray[] {w, b};
    }

    /** Index of the output-channel axis of a weight array: 1 for dense [in, out] and deconvolution [in, out, kh, kw]. */
    private static int outputAxis(Layer conf) {
        return conf instanceof Deconvolution2D || conf instanceof DenseLayer ? 1 : 0;
    }

    private static long outputAxisSize(Layer conf, INDArray w) {
        return w.size(outputAxis(conf));
    }

    /**
     * Folds batchnorm layer {@code index} into the previous layer's weights and bias. A dense layer's
     * outputs reach the batchnorm through a reshape to channels: unit {@code u} belongs to channel
     * {@code u / (height * width)}.
     */
    private static void fold(MultiLayerNetwork source, int index, BatchNormalization conf, Layer previous,
                             INDArray[] params, InputPreProcessor reshape) {
        if (!(previous instanceof DenseLayer || previous instanceof ConvolutionLayer)
                || !((previous instanceof DenseLayer dense ? dense.getActivationFn()
                        : ((ConvolutionLayer) previous).getActivationFn()) instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("layer " + index + " (" + conf.getLayerName()
                    + "): the layer before a batchnorm must be linear to fold it");
        }
        float[][] scaleShift = scaleAndShift(source.getLayer(index), conf);
        float[] scale = scaleShift[0];
        float[] shift = scaleShift[1];
        int channels = scale.length;
        INDArray w = params[0];
        INDArray b = params[1];
        int axis = outputAxis(previous);
        long units = w.size(axis);
        long perChannel = units / channels;
        if (previous instanceof DenseLayer && !(reshape instanceof FeedForwardToCnnPreProcessor)
                && perChannel != 1) {
            throw new IllegalArgumentException("layer " + index + " (" + conf.getLayerName()
                    + "): dense outputs do not match the batchnorm's channels");
        }
        for (int c = 0; c < channels; c++) {
            for (long u = c * perChannel; u < (c + 1) * perChannel; u++) {
                INDArray slice = axis == 0 ? w.get(NDArrayIndex.point(u)) : w.get(NDArrayIndex.all(), NDArrayIndex.point(u));
                slice.muli(scale[c]);
                b.putScalar(0, u, b.getDouble(0, u) * scale[c] + shift[c]);
            }
        }
    }

    /**
     * Inference-mode batchnorm as a per-channel scale {@code gamma / sqrt(var + eps)} and shift {@code beta - mean *
     * scale}. (accel's compiled generator folds the same way for its own use; the core may not reach into accel.)
     */
    private static float[][] scaleAndShift(org.deeplearning4j.nn.api.Layer bn, BatchNormalization conf) {
        float[] gamma = bn.getParam(BatchNormalizationParamInitializer.GAMMA).toFloatVector();
        float[] beta = bn.getParam(BatchNormalizationParamInitializer.BETA).toFloatVector();
        float[] mean = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).toFloatVector();
        float[][] out = new float[2][gamma.length];
        for (int c = 0; c < gamma.length; c++) {
            double variance;
            if (conf.isUseLogStd()) {
                double std = Math.pow(10.0, bn.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).getDouble(c));
                variance = std * std;
            } else {
                variance = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).getDouble(c);
            }
            double scale = gamma[c] / Math.sqrt(variance + conf.getEps());
            out[0][c] = (float) scale;
            out[1][c] = (float) (beta[c] - mean[c] * scale);
        }
        return out;
    }
}
