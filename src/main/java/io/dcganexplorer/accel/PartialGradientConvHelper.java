package io.dcganexplorer.accel;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's oneDNN convolution helper, plus two modes for backward passes that need only part of the gradients.
 *
 * <p>Input gradient only: the G step back-propagates through D for dLoss/dG(z) and throws D's own gradient
 * away. The backward pass is then one transposed convolution of the error with the layer's weights (libnd4j's
 * {@code deconv2d}, the same numbers as {@code conv2d_bp}'s input gradient) instead of {@code conv2d_bp}, which
 * also computes the weight and bias gradients ({@code FastLayersBenchmark}, D's layers at 32x32, batch 128:
 * 9.0 -> 7.6, 25.7 -> 12.4 and 24.8 -> 9.4 ms). The weight and bias gradient views are left as they were.
 *
 * <p>Weight gradient only: in the D step nobody reads D's first layer's input gradient (D's input is data or a
 * detached G(z)). Where {@link FirstLayerWeightGradient} applies, it computes the weight and bias gradients and
 * the helper returns no input gradient.
 *
 * <p>Extends {@link MKLDNNConvHelper} rather than wrapping it because {@code ConvolutionLayer} gives that
 * class's instances the bias handling oneDNN supports. Not thread-safe, like its layer.
 */
final class PartialGradientConvHelper extends MKLDNNConvHelper {

    private boolean inputGradientOnly;
    private boolean weightGradientOnly;

    public PartialGradientConvHelper(DataType dataType) {
        super(dataType);
    }

    /** Whether the next backward passes compute only the gradient with respect to the input. */
    public void setInputGradientOnly(boolean inputGradientOnly) {
        this.inputGradientOnly = inputGradientOnly;
    }

    /**
     * Whether the next backward passes compute only the weight and bias gradients and return no input gradient
     * (null): for D's first layer in the D step, whose input is data or a detached G(z). Used where
     * {@link FirstLayerWeightGradient} applies (2-4 input channels); other cases still compute everything.
     */
    public void setWeightGradientOnly(boolean weightGradientOnly) {
        this.weightGradientOnly = weightGradientOnly;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
                                                     int[] kernel, int[] strides, int[] pad, INDArray biasGradView,
                                                     INDArray weightGradView, IActivation afn,
                                                     AlgoMode mode,
                                                     BwdFilterAlgo bwdFilterAlgo,
                                                     BwdDataAlgo bwdDataAlgo,
                                                     ConvolutionMode convolutionMode, int[] dilation,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        boolean plain = format == CNN2DFormat.NCHW && convolutionMode != ConvolutionMode.Same
                && input.dataType() == DataType.FLOAT && weights.dataType() == DataType.FLOAT
                && delta.dataType() == DataType.FLOAT;
        if (weightGradientOnly && plain
                && FirstLayerWeightGradient.applies(input, weights, delta, kernel, strides, pad, dilation)) {
            FirstLayerWeightGradient.compute(input, delta, weightGradView, biasGradView);
            return new Pair<>(gradients(biasGradView, weightGradView), null);
        }
        if (!inputGradientOnly || !plain) {
            return super.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView,
                    weightGradView, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format,
                    workspaceMgr);
        }
        INDArray gradAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape(), 'c');
        // A convolution's input gradient is the transposed convolution of the error with the same weights.
        // DL4J keeps them as [out, in, kH, kW], which is SmallOutputDeconvolution's [its in, its out, kH, kW] (D's
        // first layer, into 1 or 3 channels); deconv2d wants [kH, kW, its out = our in, its in = our out].
        if (SmallOutputDeconvolution.applies(delta, weights, kernel, strides, pad, dilation)) {
            SmallOutputDeconvolution.forward(delta, weights, null, gradAtInput);
        } else {
            deconvolve(delta, weights, kernel, strides, pad, dilation, gradAtInput);
        }
        return new Pair<>(gradients(biasGradView, weightGradView), gradAtInput);
    }

    /** The layer's gradient views, named as DL4J's helper names them (bias first). */
    private static Gradient gradients(INDArray biasGradView, INDArray weightGradView) {
        Gradient gradient = new DefaultGradient();
        if (biasGradView != null) {
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return gradient;
    }

    private static void deconvolve(INDArray delta, INDArray weights, int[] kernel, int[] strides, int[] pad,
                                   int[] dilation, INDArray gradAtInput) {
        Nd4j.exec(DynamicCustomOp.builder("deconv2d")
                .addInputs(delta, weights.permute(2, 3, 1, 0))
                .addOutputs(gradAtInput)
                .addIntegerArguments(kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1],
                        dilation[0], dilation[1], 0, 0)
                .build());
    }
}
