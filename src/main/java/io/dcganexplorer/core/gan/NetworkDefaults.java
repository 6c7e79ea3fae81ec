package io.dcganexplorer.core.gan;

import io.dcganexplorer.accel.Accel;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/** What the generator and the discriminator share: the paper's initialisation and optimiser. */
final class NetworkDefaults {

    /** The paper: "All weights were initialized from a zero-centered Normal distribution with standard deviation 0.02". */
    static final double INIT_STD = 0.02;
    /** PyTorch's batchnorm momentum 0.1, in DL4J's terms. */
    static final double BATCHNORM_DECAY = 0.9;
    static final double BATCHNORM_EPS = 1e-5;

    private NetworkDefaults() {
    }

    static NeuralNetConfiguration.ListBuilder builder(DcganConfig config, long seed) {
        // Before any layer exists: the oneDNN helpers are chosen when a layer is created.
        Accel.prepareBackend();
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(new NormalDistribution(0, INIT_STD))
                .updater(new Adam(config.learningRate(), config.beta1(), DcganConfig.BETA2, 1e-8))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.DEVICE)
                .list();
    }

    static BatchNormalization batchNorm(String name, int channels) {
        return new BatchNormalization.Builder()
                .name(name)
                .nIn(channels).nOut(channels)
                .decay(BATCHNORM_DECAY)
                .eps(BATCHNORM_EPS)
                .build();
    }

    /**
     * DL4J only initialises batchnorm gamma to a constant; the paper's reference code (and PyTorch's
     * DCGAN example) draw it from N(1, 0.02). Done after init() from the network's own seed.
     */
    static MultiLayerNetwork initialise(MultiLayerNetwork net, long seed) {
        net.init();
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayer(i).conf().getLayer() instanceof BatchNormalization) {
                INDArray gamma = net.getLayer(i).getParam(BatchNormalizationParamInitializer.GAMMA);
                float[] values = new float[(int) gamma.length()];
                for (int k = 0; k < values.length; k++) {
                    values[k] = (float) (1 + INIT_STD * random.nextGaussian());
                }
                gamma.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(values).reshape(gamma.shape()));
            }
        }
        return net;
    }
}
