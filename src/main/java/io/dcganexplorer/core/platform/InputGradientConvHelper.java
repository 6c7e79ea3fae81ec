package io.dcganexplorer.core.platform;

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
 * DL4J's oneDNN convolution helper, plus a mode for passes that only need the gradient with respect to the
 * layer's input: the G step back-propagates through D for dLoss/dG(z) and throws D's own gradient away.
 *
 * <p>In that mode the backward pass is one transposed convolution of the error with the layer's weights
 * (libnd4j's {@code deconv2d}, the same numbers as {@code conv2d_bp}'s input gradient) instead of
 * {@code conv2d_bp}, which also computes the weight and bias gradients: on D's three layers at batch 128,
 * 44 ms instead of 90 ms. The weight and bias gradient views are left as they were.
 *
 * <p>Extends {@link MKLDNNConvHelper} rather than wrapping it because {@code ConvolutionLayer} gives that
 * class's instances the bias handling oneDNN supports. Not thread-safe, like its layer.
 */
public final class InputGradientConvHelper extends MKLDNNConvHelper {

    private boolean inputGradientOnly;
    private boolean parameterGradientsOnly;

    public InputGradientConvHelper(DataType dataType) {
        super(dataType);
    }

    /** Whether the next backward passes compute only the gradient with respect to the input. */
    public void setInputGradientOnly(boolean inputGradientOnly) {
        this.inputGradientOnly = inputGradientOnly;
    }

    public boolean inputGradientOnly() {
        return inputGradientOnly;
    }

    /**
     * Whether the next backward passes compute only the weight and bias gradients; the input gradient they
     * return is then zeros. For a network's first layer, whose input gradient a D step never uses.
     */
    public void setParameterGradientsOnly(boolean parameterGradientsOnly) {
        this.parameterGradientsOnly = parameterGradientsOnly;
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
        if (parameterGradientsOnly && plain && !inputGradientOnly) {
            return parameterGradients(input, delta, kernel, strides, pad, dilation, biasGradView, weightGradView,
                    workspaceMgr);
        }
        if (!inputGradientOnly || !plain) {
            return super.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView,
                    weightGradView, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format,
                    workspaceMgr);
        }
        INDArray gradAtInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape(), 'c');
        // A convolution's input gradient is the transposed convolution of the error with the same weights.
        // DL4J keeps them as [out, in, kH, kW]; deconv2d wants [kH, kW, its out = our in, its in = our out].
        Nd4j.exec(DynamicCustomOp.builder("deconv2d")
                .addInputs(delta, weights.permute(2, 3, 1, 0))
                .addOutputs(gradAtInput)
                .addIntegerArguments(kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1],
                        dilation[0], dilation[1], 0, 0)
                .build());
        Gradient gradient = new DefaultGradient();
        if (biasGradView != null) {
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(gradient, gradAtInput);
    }

    /**
     * dLoss/dW and dLoss/db as im2col and one gemm: for D's first layer (1 or 3 input channels) libnd4j's
     * {@code conv2d_bp} took 22 ms at 32x32, batch 128, mostly on the input gradient nobody reads.
     */
    private static Pair<Gradient, INDArray> parameterGradients(INDArray input, INDArray delta, int[] kernel,
                                                               int[] strides, int[] pad, int[] dilation,
                                                               INDArray biasGradView, INDArray weightGradView,
                                                               LayerWorkspaceMgr workspaceMgr) {
        long n = input.size(0);
        long in = input.size(1);
        long out = delta.size(1);
        long pixels = delta.size(2) * delta.size(3);
        long taps = in * kernel[0] * kernel[1];
        INDArray cols = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                new long[] {n, in, kernel[0], kernel[1], delta.size(2), delta.size(3)}, 'c');
        Nd4j.exec(DynamicCustomOp.builder("im2col")
                .addInputs(input)
                .addOutputs(cols)
                .addIntegerArguments(kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1],
                        dilation[0], dilation[1], 0)
                .build());
        // Sum over images of delta_n [out, pixels] x cols_n^T [pixels, taps], as one product of
        // [out, n*pixels] and [n*pixels, taps].
        INDArray errors = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                new long[] {out, n, pixels}, 'c');
        errors.assign(delta.reshape('c', n, out, pixels).permute(1, 0, 2));
        INDArray patches = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                new long[] {taps, n, pixels}, 'c');
        patches.assign(cols.reshape('c', n, taps, pixels).permute(1, 0, 2));
        Nd4j.gemm(errors.reshape('c', out, n * pixels), patches.reshape('c', taps, n * pixels),
                weightGradView.reshape('c', out, taps), false, true, 1.0, 0.0);
        Gradient gradient = new DefaultGradient();
        if (biasGradView != null) {
            biasGradView.assign(errors.reshape('c', out, n * pixels).sum(1).reshape(biasGradView.shape()));
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        INDArray unused = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        return new Pair<>(gradient, unused);
    }
}
