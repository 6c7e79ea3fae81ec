package io.dcganexplorer.accel;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.params.DeconvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's deconvolution layer without the second forward pass in its backward pass.
 *
 * <p>{@code Deconvolution2DLayer.backpropGradient} runs the whole deconvolution forward again, only to hand
 * the pre-activation to the activation's derivative. G's deconvolutions have the identity activation
 * (batchnorm and ReLU are layers of their own), whose derivative needs nothing, and G's output layer has
 * Tanh, whose derivative {@code 1 - tanh(z)^2} needs only the layer's own output, which this layer keeps from
 * its last training-mode forward pass. At 64x64x3, batch 128, that second forward pass cost 194 ms of a
 * 2.7 s GAN step (oneDNN's verbose log, docs/PERFORMANCE.md). The gradients are then DL4J's own:
 * the same {@code deconv2d_bp} op with the same arguments. Any other case (another activation, weight noise,
 * "same" mode, NHWC, or no kept output that matches) goes to DL4J's implementation unchanged.
 *
 * <p>Installed by {@link FastLayers} in place of the layer object DL4J built, over the same configuration,
 * parameter and gradient views, so the network's configuration and saved files do not change.
 */
final class OutputReusingDeconvolution2DLayer extends Deconvolution2DLayer {

    /** A Tanh layer's activation from its last training-mode forward pass: G(z) for G's output layer. */
    private INDArray lastTrainingOutput;

    private OutputReusingDeconvolution2DLayer(Deconvolution2DLayer original) {
        super(original.conf(), original.params().dataType());
    }

    /** A layer that takes over {@code original}'s configuration, parameters, gradient views and counters. */
    static OutputReusingDeconvolution2DLayer replacing(Deconvolution2DLayer original) {
        OutputReusingDeconvolution2DLayer layer = new OutputReusingDeconvolution2DLayer(original);
        layer.setListeners(original.getListeners());
        layer.setIndex(original.getIndex());
        layer.setParamTable(original.paramTable());
        layer.setParamsViewArray(original.params());
        if (original.getGradientsViewArray() != null) {
            layer.setBackpropGradientsViewArray(original.getGradientsViewArray());
        }
        layer.setIterationCount(original.getIterationCount());
        layer.setEpochCount(original.getEpochCount());
        return layer;
    }

    /**
     * The pre-activation; an output layer into a few channels (G's) goes through {@link SmallOutputDeconvolution}
     * instead of libnd4j's {@code deconv2d}.
     */
    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        INDArray weights = getParam(DeconvolutionParamInitializer.WEIGHT_KEY);
        if (layerConf().getWeightNoise() != null || layerConf().getCnn2dDataFormat() != CNN2DFormat.NCHW
                || layerConf().getConvolutionMode() == ConvolutionMode.Same || input == null
                || !SmallOutputDeconvolution.applies(input, weights, layerConf().getKernelSize(), layerConf().getStride(),
                        layerConf().getPadding(), layerConf().getDilation())) {
            return super.preOutput(training, forBackprop, workspaceMgr);
        }
        INDArray output = workspaceMgr.create(ArrayType.ACTIVATIONS, input.dataType(),
                new long[] {input.size(0), weights.size(1), 2 * input.size(2), 2 * input.size(3)}, 'c');
        float[] bias = layerConf().hasBias() ? getParam(DeconvolutionParamInitializer.BIAS_KEY).toFloatVector() : null;
        SmallOutputDeconvolution.forward(input, weights, bias, output);
        return new Pair<>(output, null);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = super.activate(training, workspaceMgr);
        // Only Tanh's derivative reads it; the identity layers keep nothing.
        lastTrainingOutput = training && layerConf().getActivationFn() instanceof ActivationTanH ? out : null;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray delta = deltaWithoutForwardPass(epsilon);
        if (delta == null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray weights = getParam(DeconvolutionParamInitializer.WEIGHT_KEY);
        long[] inputShape = input.shape();
        INDArray inputGradient = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, weights.dataType(), inputShape, 'c');
        INDArray weightGradient = gradientViews.get(DeconvolutionParamInitializer.WEIGHT_KEY);
        int[] kernel = layerConf().getKernelSize();
        int[] stride = layerConf().getStride();
        int[] padding = layerConf().getPadding();
        int[] dilation = layerConf().getDilation();
        // DL4J keeps deconvolution weights as [in, out, kH, kW]; libnd4j's deconv2d_bp wants [kH, kW, out, in].
        INDArray[] inputs;
        INDArray[] outputs;
        if (layerConf().hasBias()) {
            inputs = new INDArray[] {input, weights.permute(2, 3, 1, 0),
                getParam(DeconvolutionParamInitializer.BIAS_KEY), delta};
            outputs = new INDArray[] {inputGradient, weightGradient.permute(2, 3, 1, 0),
                gradientViews.get(DeconvolutionParamInitializer.BIAS_KEY)};
        } else {
            inputs = new INDArray[] {input, weights.permute(2, 3, 1, 0), delta};
            outputs = new INDArray[] {inputGradient, weightGradient.permute(2, 3, 1, 0)};
        }
        Nd4j.getExecutioner().exec(DynamicCustomOp.builder("deconv2d_bp")
                .addInputs(inputs)
                // kernel, strides, paddings, dilations, not "same" mode, NCHW
                .addIntegerArguments(kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1],
                        dilation[0], dilation[1], 0, 0)
                .addOutputs(outputs)
                .callInplace(false)
                .build());
        Gradient gradient = new DefaultGradient();
        if (layerConf().hasBias()) {
            gradient.setGradientFor(DeconvolutionParamInitializer.BIAS_KEY,
                    gradientViews.get(DeconvolutionParamInitializer.BIAS_KEY));
        }
        gradient.setGradientFor(DeconvolutionParamInitializer.WEIGHT_KEY, weightGradient, 'c');
        return new Pair<>(gradient, inputGradient);
    }

    /**
     * dLoss/dz from dLoss/d(output) without z: the gradient itself for the identity, {@code (1 - out^2) *
     * epsilon} for Tanh (the order of operations of libnd4j's TanhDerivative); null where DL4J's own path is
     * needed.
     */
    private INDArray deltaWithoutForwardPass(INDArray epsilon) {
        if (layerConf().getWeightNoise() != null || layerConf().getCnn2dDataFormat() != CNN2DFormat.NCHW
                || layerConf().getConvolutionMode() == ConvolutionMode.Same || input == null || input.rank() != 4) {
            return null;
        }
        IActivation fn = layerConf().getActivationFn();
        if (fn instanceof ActivationIdentity) {
            return epsilon;
        }
        if (fn instanceof ActivationTanH && lastTrainingOutput != null && !lastTrainingOutput.wasClosed()
                && Arrays.equals(lastTrainingOutput.shape(), epsilon.shape())) {
            return lastTrainingOutput.mul(lastTrainingOutput).rsubi(1).muli(epsilon);
        }
        return null;
    }
}
