package io.dcganexplorer.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

class GuidedBackpropTest {

    private static final double SLOPE = 0.2;
    // conv1: 2 output channels, 2x2 kernels on one input channel; conv2: one output from 2 x 2x2.
    private static final float[] W1 = {0.5f, -1.0f, 0.8f, 0.3f, -0.6f, 0.9f, 0.4f, -0.2f};
    private static final float[] B1 = {0.1f, -0.05f};
    private static final float[] W2 = {0.7f, -0.4f, 0.2f, 0.9f, -0.5f, 0.6f, 0.3f, -0.8f};
    private static final float GAMMA = 1.5f;
    private static final float BETA = 2.0f;
    private static final float[] X = {0.2f, -0.7f, 0.5f, 0.9f, 0.1f, -0.3f, -0.4f, 0.8f, 0.6f};

    /** conv1 (LeakyReLU) -> conv2 -> batchnorm -> LeakyReLU -> output: D's shape in miniature on 3x3 images. */
    private static MultiLayerNetwork tinyDiscriminator() {
        var conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(2, 2).name("conv1").nIn(1).nOut(2).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate).activation(new ActivationLReLU(SLOPE)).build())
                .layer(new ConvolutionLayer.Builder(2, 2).name("conv2").nOut(1).stride(1, 1).hasBias(false)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn2").nOut(1).build())
                .layer(new ActivationLayer.Builder().name("lrelu2").activation(new ActivationLReLU(SLOPE)).build())
                .layer(new OutputLayer.Builder(new LossBinaryXENT()).name("output").nOut(1)
                        .activation(Activation.SIGMOID).build())
                .setInputType(InputType.convolutional(3, 3, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).setParam("W", Nd4j.create(W1, new long[] {2, 1, 2, 2}, 'c'));
        net.getLayer(0).setParam("b", Nd4j.create(B1, new long[] {1, 2}, 'c'));
        net.getLayer(1).setParam("W", Nd4j.create(W2, new long[] {1, 2, 2, 2}, 'c'));
        net.getLayer(2).setParam("gamma", Nd4j.create(new float[] {GAMMA}, new long[] {1, 1}, 'c'));
        net.getLayer(2).setParam("beta", Nd4j.create(new float[] {BETA}, new long[] {1, 1}, 'c'));
        return net;
    }

    /** The input gradient computed by hand, guided (positive gradients through positive units only) or plain. */
    private static double[] byHand(boolean guided) {
        double[][][] h = new double[2][2][2];
        double z2 = 0;
        for (int o = 0; o < 2; o++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    double z = B1[o];
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            z += W1[o * 4 + dy * 2 + dx] * X[(y + dy) * 3 + x + dx];
                        }
                    }
                    h[o][y][x] = z > 0 ? z : SLOPE * z;
                    z2 += W2[o * 4 + y * 2 + x] * h[o][y][x];
                }
            }
        }
        // Batchnorm at its initial running statistics (mean 0, variance 1, epsilon 1e-5).
        double s = GAMMA / Math.sqrt(1 + 1e-5);
        assertThat(s * z2 + BETA).as("the unit fires, so its own rectifier passes the gradient").isPositive();
        double[] grad = new double[9];
        for (int o = 0; o < 2; o++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    double delta = s * W2[o * 4 + y * 2 + x];
                    if (guided) {
                        delta = delta > 0 && h[o][y][x] > 0 ? delta : 0;
                    } else {
                        delta *= h[o][y][x] > 0 ? 1 : SLOPE;
                    }
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            grad[(y + dy) * 3 + x + dx] += delta * W1[o * 4 + dy * 2 + dx];
                        }
                    }
                }
            }
        }
        return grad;
    }

    @Test
    void guidedMapOfATinyNetworkEqualsTheHandComputation() {
        GuidedBackprop guided = new GuidedBackprop(tinyDiscriminator());
        assertThat(guided.units()).isEqualTo(1);
        INDArray map = guided.map(Nd4j.create(X, new long[] {1, 1, 3, 3}, 'c'), 0);
        double[] got = map.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] expected = byHand(true);
        for (int i = 0; i < 9; i++) {
            assertThat(got[i]).as("pixel " + i).isCloseTo(expected[i], within(1e-5));
        }
        // The guided rule matters here: the plain gradient is different.
        double[] plain = byHand(false);
        double diff = 0;
        for (int i = 0; i < 9; i++) {
            diff += Math.abs(plain[i] - expected[i]);
        }
        assertThat(diff).isGreaterThan(0.1);
    }

    @Test
    void responsesAreTheUnitsStrongestValueAndMapsLeaveTheNetworkUnchanged() {
        MultiLayerNetwork net = tinyDiscriminator();
        INDArray params = net.params().dup();
        GuidedBackprop guided = new GuidedBackprop(net);
        INDArray images = Nd4j.rand(DataType.FLOAT, 5, 1, 3, 3).subi(0.5).muli(2);
        float[][] r = guided.responses(images);
        assertThat(r).hasDimensions(5, 1);
        var views = guided.topImages(images, new int[] {0}, 3, Progress.NONE, () -> false);
        float[] top = views.get(0).responses();
        assertThat(top[0]).isGreaterThanOrEqualTo(top[1]);
        assertThat(top[1]).isGreaterThanOrEqualTo(top[2]);
        for (float[] map : views.get(0).maps()) {
            for (float v : map) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo(1f);
            }
        }
        assertThat(net.params()).isEqualTo(params);
    }
}
