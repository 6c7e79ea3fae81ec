package io.dcganexplorer.core.ablation;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.GeneratorFactory;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.core.latent.LatentSampler;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Tiny random generators for the ablation tests. */
final class TinyGenerators {

    private TinyGenerators() {
    }

    /** 16x16xchannels, nz 4, 4 filters: layers relu0 (8 maps, 4x4) and relu1 (4 maps, 8x8). */
    static MultiLayerNetwork generator(int size, int channels, long seed) {
        MultiLayerNetwork g = GeneratorFactory.create(
                new DcganConfig(size, channels, 4, 4, 4, 8, 2e-4, 0.5, LatentDistribution.UNIFORM, seed));
        // Untrained N(0, 0.02) weights draw nearly flat images; larger ones make every map matter.
        g.params().muli(4);
        return g;
    }

    static INDArray z(int n, long seed) {
        return new LatentSampler(4, LatentDistribution.UNIFORM).batch(seed, LatentSampler.SAMPLING_STREAM, 0, n);
    }
}
