package io.dcganexplorer.core.gan;

import io.dcganexplorer.accel.Accel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A generator and its discriminator, with the config they were built from.
 *
 * <p>Not thread-safe: DL4J networks keep per-call state. One thread owns a Dcgan at a time; the app
 * gives other panes a {@link #copyOfGenerator() copy of G} instead of sharing it.
 */
public final class Dcgan {

    private final DcganConfig config;
    private final MultiLayerNetwork generator;
    private final MultiLayerNetwork discriminator;

    public Dcgan(DcganConfig config, MultiLayerNetwork generator, MultiLayerNetwork discriminator) {
        this.config = Objects.requireNonNull(config, "config");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.discriminator = Objects.requireNonNull(discriminator, "discriminator");
        // New or restored networks alike: the same results, computed faster on the CPU.
        Accel.install(generator);
        Accel.install(discriminator);
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
        Accel.install(copy);
        return copy;
    }

    /**
     * Writes G and D in DL4J's own format to two files, with their updater state or without (a third of the
     * size). The files name only DL4J's classes (and D's loss, {@link SigmoidCrossEntropyLoss}), whatever the
     * live networks compute with, so any DL4J program can load G.
     */
    public void writeNetworks(Path generatorFile, Path discriminatorFile, boolean withUpdater) throws IOException {
        Accel.withStockClasses(generator, () -> ModelSerializer.writeModel(generator, generatorFile.toFile(), withUpdater));
        Accel.withStockClasses(discriminator, () ->
                ModelSerializer.writeModel(discriminator, discriminatorFile.toFile(), withUpdater));
    }
}
