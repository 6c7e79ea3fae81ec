package io.dcganexplorer.core.gan;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;

/**
 * Builds the DCGAN generator (Radford et al. 2015, figure 1): z is projected by one matrix multiply
 * and reshaped to 4x4 x C, then fractional-strided 4x4 stride-2 convolutions double the size and halve
 * the channels until the image size is reached. Batchnorm and ReLU follow every layer but the last,
 * which is a Tanh. No pooling and no fully connected hidden layers.
 *
 * <p>Layers are named so the ablation tools can address them: {@code project}, then per stage
 * {@code deconvK}, {@code bnK}, {@code reluK}, and the output {@code output}.
 */
public final class GeneratorFactory {

    /** Seed offset so G and D of one config get different initial weights. */
    static final long SEED_OFFSET = 0x6E;

    private GeneratorFactory() {
    }

    /** Channels of the 4x4 tensor that z is projected to. */
    public static int baseChannels(DcganConfig config) {
        return config.ngf() << (config.upsamplingLayers() - 1);
    }

    /** The configuration, without weights. */
    public static MultiLayerConfiguration configuration(DcganConfig config) {
        int stages = config.upsamplingLayers();
        int channels = baseChannels(config);
        NeuralNetConfiguration.ListBuilder list = NetworkDefaults.builder(config, config.seed() + SEED_OFFSET);
        int layer = 0;
        // Biases before batchnorm are redundant: its beta plays that role.
        list.layer(layer++, new DenseLayer.Builder().name("project").nIn(config.nz()).nOut(16 * channels)
                .activation(Activation.IDENTITY).hasBias(false).build());
        list.inputPreProcessor(layer, new FeedForwardToCnnPreProcessor(4, 4, channels));
        list.layer(layer++, NetworkDefaults.batchNorm("bn0", channels));
        list.layer(layer++, new ActivationLayer.Builder().name("relu0").activation(Activation.RELU).build());
        for (int stage = 1; stage < stages; stage++) {
            int out = channels / 2;
            list.layer(layer++, deconv("deconv" + stage, channels, out, false, Activation.IDENTITY));
            list.layer(layer++, NetworkDefaults.batchNorm("bn" + stage, out));
            list.layer(layer++, new ActivationLayer.Builder().name("relu" + stage).activation(Activation.RELU).build());
            channels = out;
        }
        list.layer(layer, deconv("output", channels, config.channels(), true, Activation.TANH));
        return list.build();
    }

    /** A freshly initialised generator: weights N(0, 0.02), batchnorm gamma N(1, 0.02). */
    public static MultiLayerNetwork create(DcganConfig config) {
        return NetworkDefaults.initialise(new MultiLayerNetwork(configuration(config)), config.seed() + SEED_OFFSET);
    }

    private static Deconvolution2D deconv(String name, int in, int out, boolean bias, Activation activation) {
        // Kernel 4, stride 2, padding 1: output = 2 x input, exactly as ConvTranspose2d(4, 2, 1).
        return new Deconvolution2D.Builder().name(name)
                .nIn(in).nOut(out)
                .kernelSize(4, 4).stride(2, 2).padding(1, 1)
                .convolutionMode(ConvolutionMode.Truncate)
                .hasBias(bias)
                .activation(activation)
                .build();
    }
}
