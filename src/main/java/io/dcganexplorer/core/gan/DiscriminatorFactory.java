package io.dcganexplorer.core.gan;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;

/**
 * Builds the DCGAN discriminator (Radford et al. 2015): strided 4x4 stride-2 convolutions halve the
 * size and double the channels down to 4x4, LeakyReLU with slope 0.2 everywhere, batchnorm on every
 * layer but the input layer, then a single sigmoid output. The output layer sees the whole 4x4 x C
 * tensor, which is the same function as the paper's final 4x4 convolution to one value.
 *
 * <p>Layer names: {@code conv1} (input layer, with its LeakyReLU), then {@code convK}, {@code bnK},
 * {@code lreluK}, and {@code output}.
 */
public final class DiscriminatorFactory {

    /** The paper: "LeakyReLU ... with the slope of the leak set to 0.2". */
    public static final double LEAKY_SLOPE = 0.2;
    static final long SEED_OFFSET = 0xD1;

    private DiscriminatorFactory() {
    }

    /** Channels of the last convolutional layer (its output is 4x4). */
    public static int topChannels(DcganConfig config) {
        return config.ndf() << (config.upsamplingLayers() - 1);
    }

    /** The configuration, without weights. */
    public static MultiLayerConfiguration configuration(DcganConfig config) {
        int stages = config.upsamplingLayers();
        NeuralNetConfiguration.ListBuilder list = NetworkDefaults.builder(config, config.seed() + SEED_OFFSET);
        int layer = 0;
        int channels = config.ndf();
        list.layer(layer++, conv("conv1", config.channels(), channels, true, new ActivationLReLU(LEAKY_SLOPE)));
        for (int stage = 2; stage <= stages; stage++) {
            int out = channels * 2;
            list.layer(layer++, conv("conv" + stage, channels, out, false, Activation.IDENTITY.getActivationFunction()));
            list.layer(layer++, NetworkDefaults.batchNorm("bn" + stage, out));
            list.layer(layer++, new ActivationLayer.Builder().name("lrelu" + stage)
                    .activation(new ActivationLReLU(LEAKY_SLOPE)).build());
            channels = out;
        }
        list.inputPreProcessor(layer, new CnnToFeedForwardPreProcessor(4, 4, channels));
        list.layer(layer, new OutputLayer.Builder(new SigmoidCrossEntropyLoss()).name("output")
                .nIn(16 * channels).nOut(1)
                .activation(Activation.SIGMOID)
                .build());
        return list.build();
    }

    /** A freshly initialised discriminator: weights N(0, 0.02), batchnorm gamma N(1, 0.02). */
    public static MultiLayerNetwork create(DcganConfig config) {
        return NetworkDefaults.initialise(new MultiLayerNetwork(configuration(config)), config.seed() + SEED_OFFSET);
    }

    private static ConvolutionLayer conv(String name, int in, int out, boolean bias,
                                         org.nd4j.linalg.activations.IActivation activation) {
        // Kernel 4, stride 2, padding 1: output = input / 2, exactly as Conv2d(4, 2, 1).
        return new ConvolutionLayer.Builder().name(name)
                .nIn(in).nOut(out)
                .kernelSize(4, 4).stride(2, 2).padding(1, 1)
                .convolutionMode(ConvolutionMode.Truncate)
                .hasBias(bias)
                .activation(activation)
                .build();
    }
}
