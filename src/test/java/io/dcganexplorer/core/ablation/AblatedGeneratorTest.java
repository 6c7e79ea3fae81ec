package io.dcganexplorer.core.ablation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class AblatedGeneratorTest {

    private final MultiLayerNetwork generator = TinyGenerators.generator(16, 3, 5);
    private final INDArray z = TinyGenerators.z(6, 11);

    private static INDArray channel(INDArray a, int c) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all());
    }

    @Test
    void zeroedChannelsAreExactlyZeroInTheLayerOutput() {
        INDArray plain = LayerActivations.at(generator, "relu0", z);
        INDArray ablated = new AblatedGenerator(generator, "relu0", new int[] {1, 6}).activation(z);
        assertThat(channel(plain, 1).sumNumber().doubleValue()).isPositive();
        for (int c = 0; c < plain.size(1); c++) {
            if (c == 1 || c == 6) {
                assertThat(channel(ablated, c).dup().data().asFloat()).containsOnly(0f);
            } else {
                assertThat(channel(ablated, c)).isEqualTo(channel(plain, c));
            }
        }
    }

    @Test
    void withoutAblationTheOutputIsGeneratorOutput() {
        INDArray expected = generator.output(z, false);
        for (String layer : List.of("bn0", "relu0", "relu1")) {
            INDArray out = new AblatedGenerator(generator, layer, new int[0]).output(z);
            assertThat(out.equalsWithEps(expected, 1e-6)).as(layer).isTrue();
        }
    }

    @Test
    void theGeneratorIsUnchangedAfterAblation() {
        INDArray params = generator.params().dup();
        INDArray before = generator.output(z, false).dup();
        INDArray ablated = new AblatedGenerator(generator, "relu1", new int[] {0, 2}).output(z);
        // Bit-identical parameters (batchnorm running mean and variance are parameters in DL4J).
        assertThat(generator.params().data().asFloat()).containsExactly(params.data().asFloat());
        assertThat(generator.output(z, false).data().asFloat()).containsExactly(before.data().asFloat());
        assertThat(ablated.equalsWithEps(before, 1e-3)).isFalse();
    }

    @Test
    void theLayerJustBelowTheImageCanLoseChannels() {
        // relu1 is the last layer before the output: a forward range of a single layer.
        INDArray out = new AblatedGenerator(generator, "relu1", new int[] {0, 1, 2, 3}).output(z);
        assertThat(out.shape()).containsExactly(6, 3, 16, 16);
        // With every map zeroed the image is the output layer's bias alone: the same for every z.
        assertThat(out.slice(0).equalsWithEps(out.slice(5), 1e-6)).isTrue();
    }

    @Test
    void aChannelOutsideTheLayerIsRefusedWithItsRange() {
        assertThatThrownBy(() -> new AblatedGenerator(generator, "relu1", new int[] {4}).output(z))
                .hasMessageContaining("channel 4").hasMessageContaining("0 to 3");
        assertThatThrownBy(() -> new AblatedGenerator(generator, "nope", new int[] {0}))
                .hasMessageContaining("nope").hasMessageContaining("relu1");
    }

    @Test
    void theDefaultLayerIsTheSecondHighestConvolutionalBlock() {
        assertThat(LayerActivations.defaultLayer(LayerActivations.featureLayers(generator)))
                .isEqualTo(new LayerActivations.FeatureLayer(5, "relu1", 4, 8));
        MultiLayerNetwork g32 = TinyGenerators.generator(32, 3, 1);
        assertThat(LayerActivations.defaultLayer(LayerActivations.featureLayers(g32)))
                .extracting(LayerActivations.FeatureLayer::name, LayerActivations.FeatureLayer::size)
                .containsExactly("relu2", 16);
        assertThat(LayerActivations.featureLayers(g32)).extracting(LayerActivations.FeatureLayer::name)
                .doesNotContain("project", "output").contains("bn0", "relu0", "deconv1", "relu2");
    }
}
