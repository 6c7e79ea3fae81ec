package io.dcganexplorer.accel;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.TinyGan;
import io.dcganexplorer.core.latent.LatentDistribution;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class GeneratorInferenceTest {

    @ParameterizedTest(name = "{0}x{0}x{1}")
    @CsvSource({"16, 1", "32, 3", "64, 3"})
    void matchesTheNetworkWithTrainedLookingBatchnormStatistics(int size, int channels) {
        MultiLayerNetwork g = Dcgan.create(new DcganConfig(size, channels, 7, 4, 4, 8, 2e-4, 0.5,
                LatentDistribution.GAUSSIAN, 3)).generator();
        // Fresh batchnorm has mean 0 and std 1, which would hide a folding mistake: give every running
        // statistic, gamma and beta values far from their defaults.
        Random random = new Random(5);
        TinyGan.roughen(g);
        GeneratorInference fast = GeneratorInference.compile(g).orElseThrow();
        assertThat(fast.nz()).isEqualTo(7);
        for (int trial = 0; trial < 3; trial++) {
            float[] z = new float[7];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) random.nextGaussian();
            }
            INDArray expected = g.output(Nd4j.createFromArray(z).reshape(1, 7), false);
            INDArray actual = fast.generate(z);
            assertThat(actual.shape()).containsExactly(1, channels, size, size);
            double spread = expected.maxNumber().doubleValue() - expected.minNumber().doubleValue();
            assertThat(spread).as("the test images are not flat").isGreaterThan(0.5);
            assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-4);
        }
    }

    @Test
    void aSliderDragFollowsTheNetworkThroughIncrementalAndFullProjections() {
        MultiLayerNetwork g = Dcgan.create(new DcganConfig(16, 3, 9, 4, 4, 8, 2e-4, 0.5,
                LatentDistribution.GAUSSIAN, 6)).generator();
        g.params().muli(10);
        GeneratorInference fast = GeneratorInference.compile(g).orElseThrow();
        Random random = new Random(11);
        float[] z = new float[9];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) random.nextGaussian();
        }
        // 150 single-value moves (past two full re-sums), then jumps of two and of all values, and a NaN that
        // must not poison the frames after it.
        for (int step = 0; step < 160; step++) {
            if (step < 150) {
                z[step % 3] = (float) Math.sin(step * 0.1);
            } else if (step < 155) {
                z[4] += 0.3f;
                z[7] -= 0.2f;
            } else {
                for (int i = 0; i < z.length; i++) {
                    z[i] = (float) random.nextGaussian();
                }
            }
            INDArray expected = g.output(Nd4j.createFromArray(z).reshape(1, 9), false);
            float[] planes = fast.generatePlanes(z);
            assertThat(Nd4j.createFromArray(planes).reshape(expected.shape()).sub(expected).amaxNumber().doubleValue())
                    .as("step %d", step).isLessThan(1e-4);
        }
        float[] poisoned = z.clone();
        poisoned[2] = Float.NaN;
        assertThat(fast.generatePlanes(poisoned)).contains(Float.NaN);
        INDArray expected = g.output(Nd4j.createFromArray(z).reshape(1, 9), false);
        assertThat(fast.generate(z).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-4);
        assertThat(fast.channels()).isEqualTo(3);
        assertThat(fast.size()).isEqualTo(16);
    }

    @Test
    void followsTheWeightsItWasCompiledFromNotLaterChanges() {
        MultiLayerNetwork g = Dcgan.create(new DcganConfig(16, 1, 5, 4, 4, 8, 2e-4, 0.5,
                LatentDistribution.GAUSSIAN, 4)).generator();
        GeneratorInference fast = GeneratorInference.compile(g).orElseThrow();
        float[] z = {0.3f, -1f, 0.5f, 2f, -0.2f};
        INDArray before = fast.generate(z).dup();
        g.params().muli(3);
        assertThat(fast.generate(z)).isEqualTo(before);
    }

    @Test
    void wrongLatentSizeIsAClearError() {
        MultiLayerNetwork g = Dcgan.create(new DcganConfig(16, 1, 5, 4, 4, 8, 2e-4, 0.5,
                LatentDistribution.GAUSSIAN, 4)).generator();
        GeneratorInference fast = GeneratorInference.compile(g).orElseThrow();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fast.generate(new float[3]))
                .hasMessageContaining("z has 3 values; this generator takes 5");
    }

    @Test
    void otherNetworksAreNotCompiled() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.IDENTITY).hasBias(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(2).build())
                .build();
        MultiLayerNetwork other = new MultiLayerNetwork(conf);
        other.init();
        assertThat(GeneratorInference.compile(other)).isEmpty();
    }
}
