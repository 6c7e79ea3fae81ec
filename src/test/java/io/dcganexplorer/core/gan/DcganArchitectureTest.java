package io.dcganexplorer.core.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcganexplorer.core.latent.LatentDistribution;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DcganArchitectureTest {

    @ParameterizedTest
    @CsvSource({"16,1", "32,1", "32,3", "64,3"})
    void generatorMapsZToImagesOfTheConfiguredShapeInTanhRange(int size, int channels) {
        DcganConfig config = new DcganConfig(size, channels, 8, 4, 4, 4, 2e-4, 0.5, LatentDistribution.UNIFORM, 1);
        Dcgan gan = Dcgan.create(config);
        INDArray images = gan.generate(Nd4j.rand(3, 8).muli(2).subi(1));
        assertThat(images.shape()).containsExactly(3, channels, size, size);
        assertThat(images.maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        assertThat(images.minNumber().doubleValue()).isGreaterThanOrEqualTo(-1.0);
        INDArray d = gan.discriminate(images);
        assertThat(d.shape()).containsExactly(3, 1);
    }

    @Test
    void generatorFollowsThePaperLayerByLayer() {
        DcganConfig config = DcganConfig.paperDefaults(64, 3, 1);
        List<Layer> layers = layers(GeneratorFactory.create(config));
        // project + (bn, relu) + 3 x (deconv, bn, relu) + output deconv
        assertThat(layers).hasSize(1 + 2 + 9 + 1);
        List<Deconvolution2D> deconvs = layers.stream().filter(l -> l instanceof Deconvolution2D)
                .map(l -> (Deconvolution2D) l).toList();
        assertThat(deconvs).hasSize(4);
        assertThat(deconvs).allSatisfy(d -> {
            assertThat(d.getKernelSize()).containsExactly(4, 4);
            assertThat(d.getStride()).containsExactly(2, 2);
        });
        assertThat(deconvs.stream().map(d -> d.getNOut()).toList()).containsExactly(256L, 128L, 64L, 3L);
        assertThat(GeneratorFactory.baseChannels(config)).isEqualTo(512);
        assertThat(layers.stream().filter(l -> l instanceof BatchNormalization)).hasSize(4);
        assertThat(deconvs.get(3).getActivationFn()).isInstanceOf(ActivationTanH.class);
        assertThat(layers).noneMatch(l -> l instanceof SubsamplingLayer);
    }

    @Test
    void discriminatorUsesStridedConvolutionsLeakyReluAndNoBatchnormOnItsInput() {
        DcganConfig config = DcganConfig.paperDefaults(64, 3, 1);
        List<Layer> layers = layers(DiscriminatorFactory.create(config));
        assertThat(layers.get(0)).isInstanceOf(ConvolutionLayer.class);
        assertThat(((ConvolutionLayer) layers.get(0)).getActivationFn()).isInstanceOf(ActivationLReLU.class);
        assertThat(((ActivationLReLU) ((ConvolutionLayer) layers.get(0)).getActivationFn()).getAlpha())
                .isEqualTo(0.2);
        assertThat(layers.get(1)).isInstanceOf(ConvolutionLayer.class);
        List<ConvolutionLayer> convs = layers.stream().filter(l -> l instanceof ConvolutionLayer)
                .map(l -> (ConvolutionLayer) l).toList();
        assertThat(convs.stream().map(c -> c.getNOut()).toList()).containsExactly(64L, 128L, 256L, 512L);
        assertThat(convs).allSatisfy(c -> assertThat(c.getStride()).containsExactly(2, 2));
        assertThat(layers.stream().filter(l -> l instanceof BatchNormalization)).hasSize(3);
        Layer out = layers.get(layers.size() - 1);
        assertThat(out).isInstanceOf(OutputLayer.class);
        assertThat(((OutputLayer) out).getNOut()).isEqualTo(1);
        assertThat(((OutputLayer) out).getActivationFn()).isInstanceOf(ActivationSigmoid.class);
        assertThat(layers).noneMatch(l -> l instanceof SubsamplingLayer);
    }

    @Test
    void weightsAreDrawnFromNormalWithStandardDeviationTwoHundredths() {
        MultiLayerNetwork g = GeneratorFactory.create(DcganConfig.paperDefaults(32, 1, 7));
        INDArray w = g.getLayer("deconv1").getParam("W");
        assertThat(w.meanNumber().doubleValue()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.002));
        assertThat(w.stdNumber().doubleValue()).isCloseTo(0.02, org.assertj.core.data.Offset.offset(0.001));
        INDArray gamma = g.getLayer("bn1").getParam("gamma");
        assertThat(gamma.meanNumber().doubleValue()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(gamma.stdNumber().doubleValue()).isGreaterThan(0.005).isLessThan(0.04);
    }

    @Test
    void invalidHyperparametersNameTheFieldAndTheRule() {
        assertThatThrownBy(() -> DcganConfig.paperDefaults(48, 3, 1))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("imageSize = 48").hasMessageContaining("16, 32 or 64");
        assertThatThrownBy(() -> DcganConfig.paperDefaults(32, 2, 1)).hasMessageContaining("channels = 2");
        assertThatThrownBy(() -> DcganConfig.paperDefaults(32, 1, 1).withLearningRate(-1))
                .hasMessageContaining("learningRate = -1.0");
        assertThatThrownBy(() -> DcganConfig.paperDefaults(32, 1, 1).withBatchSize(1))
                .hasMessageContaining("batchSize = 1");
        assertThatThrownBy(() -> DcganConfig.paperDefaults(32, 1, 1).withBeta1(1.0))
                .satisfies(e -> assertThat(((InvalidConfigException) e).field()).isEqualTo("beta1"));
    }

    @Test
    void paperDefaultsAreThePapers() {
        DcganConfig c = DcganConfig.paperDefaults(64, 3, 5);
        assertThat(c.nz()).isEqualTo(100);
        assertThat(c.batchSize()).isEqualTo(128);
        assertThat(c.learningRate()).isEqualTo(2e-4);
        assertThat(c.beta1()).isEqualTo(0.5);
        assertThat(c.latent()).isEqualTo(LatentDistribution.UNIFORM);
    }

    private static List<Layer> layers(MultiLayerNetwork net) {
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            out.add(net.getLayer(i).conf().getLayer());
        }
        return out;
    }
}
