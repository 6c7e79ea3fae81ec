package io.dcganexplorer.core.gan;

import io.dcganexplorer.core.platform.FastLayers;
import io.dcganexplorer.core.platform.NativeBackend;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A generator and its discriminator, with the config they were built from.
 *
 * <p>Not thread-safe: DL4J networks keep per-call state. One thread owns a Dcgan at a time; the app
 * gives other panes a {@link #copyOfGenerator() copy of G} instead of sharing it.
 */
public final class Dcgan {

    static {
        // For code that reaches the networks through Dcgan without the factories. A loader that restores
        // networks before touching this class must call NativeBackend.configure() itself.
        NativeBackend.configure();
    }

    private final DcganConfig config;
    private final MultiLayerNetwork generator;
    private final MultiLayerNetwork discriminator;

    public Dcgan(DcganConfig config, MultiLayerNetwork generator, MultiLayerNetwork discriminator) {
        this.config = Objects.requireNonNull(config, "config");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.discriminator = Objects.requireNonNull(discriminator, "discriminator");
        // New or restored networks alike: the same results, computed faster on the CPU.
        FastLayers.install(generator);
        FastLayers.install(discriminator);
    }

    /** New, untrained networks for a config. */
    public static Dcgan create(DcganConfig config) {
        return new Dcgan(config, GeneratorFactory.create(config), DiscriminatorFactory.create(config));
    }

    public DcganConfig config() {
        return config;
    }

    public MultiLayerNetwork generator() {
        return generator;
    }

    public MultiLayerNetwork discriminator() {
        return discriminator;
    }

    /** G(z) in inference mode (batchnorm running statistics): [n, C, H, W] in [-1, 1]. */
    public INDArray generate(INDArray z) {
        return generator.output(z, false);
    }

    /** D(x) in inference mode: [n, 1] probabilities that x is real. */
    public INDArray discriminate(INDArray images) {
        return discriminator.output(images, false);
    }

    /** An independent copy of G (parameters and batchnorm statistics) for use on another thread. */
    public MultiLayerNetwork copyOfGenerator() {
        MultiLayerNetwork copy = generator.clone();
        FastLayers.install(copy);
        return copy;
    }
}
