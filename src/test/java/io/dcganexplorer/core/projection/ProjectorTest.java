package io.dcganexplorer.core.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.core.gan.TinyGan;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ProjectorTest {

    /** A tiny GAN with {@link TinyGan#roughen roughened} networks. */
    static Dcgan roughened(DcganConfig config) {
        Dcgan gan = Dcgan.create(config);
        TinyGan.roughen(gan.generator());
        TinyGan.roughen(gan.discriminator());
        return gan;
    }

    static Dcgan tiny(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return roughened(TinyGan.config(seed));
    }

    @Test
    void theFoldedGeneratorComputesTheGeneratorsInferenceFunction() {
        Dcgan gan = tiny(1);
        INDArray z = Nd4j.rand(DataType.FLOAT, 5, 4).subi(0.5).muli(2);
        INDArray expected = gan.generator().output(z, false);
        INDArray folded = FoldedNetwork.of(gan.generator()).output(z);
        assertThat(expected.maxNumber().doubleValue() - expected.minNumber().doubleValue())
                .as("the test images are not flat").isGreaterThan(0.5);
        assertThat(folded.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    @Test
    void theFoldedDiscriminatorsFeaturesAreItsInferenceModeActivations() {
        Dcgan gan = tiny(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 16, 16).subi(0.5).muli(2);
        List<INDArray> activations = gan.discriminator().feedForward(x, false);
        INDArray expected = activations.get(Projector.FEATURE_LAYERS);
        INDArray folded = FoldedNetwork.of(gan.discriminator(), Projector.FEATURE_LAYERS).output(x);
        assertThat(folded.shape()).containsExactly(expected.shape());
        assertThat(folded.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    @Test
    void theGradientWithRespectToZMatchesFiniteDifferences() {
        FoldedNetwork g = FoldedNetwork.of(tiny(3).generator());
        INDArray z = Nd4j.createFromArray(new float[][] {{0.3f, -0.2f, 0.5f, -0.7f}});
        INDArray weights = Nd4j.rand(DataType.FLOAT, 1, 1, 16, 16).subi(0.5);
        g.forward(z);
        float[] analytic = g.backward(weights).dup('c').data().asFloat();
        double h = 2e-3;
        for (int i = 0; i < 4; i++) {
            INDArray plus = z.dup();
            plus.putScalar(0, i, z.getDouble(0, i) + h);
            INDArray minus = z.dup();
            minus.putScalar(0, i, z.getDouble(0, i) - h);
            double numeric = (g.output(plus).mul(weights).sumNumber().doubleValue()
                    - g.output(minus).mul(weights).sumNumber().doubleValue()) / (2 * h);
            assertThat(analytic[i]).as("dLoss/dz[%d]", i).isCloseTo((float) numeric,
                    org.assertj.core.data.Offset.offset((float) (0.01 * Math.abs(numeric) + 2e-3)));
        }
    }

    @Test
    void projectionRecoversTheImageOfAKnownZ() {
        Dcgan gan = tiny(4);
        Projector projector = new Projector(gan.generator(), null, 4, LatentDistribution.UNIFORM);
        float[] z0 = {0.45f, -0.6f, 0.2f, 0.75f};
        float[] target = projector.generate(z0);
        ProjectionResult result = projector.project(target, ProjectionSettings.defaults().withSteps(150)
                .withRestarts(4).withCandidates(16).withSeed(9), p -> { }, () -> false);
        assertThat(result.psnr()).isGreaterThan(35);
        assertThat(result.psnr()).isGreaterThan(result.startPsnr());
        assertThat(ImageDistance.psnr(projector.generate(result.z()), target)).isCloseTo(result.psnr(),
                org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void theLossFallsWhileZDescends() {
        Dcgan gan = tiny(5);
        Projector projector = new Projector(gan.generator(), gan.discriminator(), 4, LatentDistribution.UNIFORM);
        float[] target = projector.generate(new float[] {-0.3f, 0.8f, -0.5f, 0.1f});
        List<Double> losses = new ArrayList<>();
        ProjectionResult result = projector.project(target, ProjectionSettings.defaults().withSteps(60).withRestarts(2)
                .withCandidates(2).withFeatureWeight(0.1), p -> losses.add(p.loss()), () -> false);
        assertThat(losses).hasSize(61);
        for (int i = 1; i < losses.size(); i++) {
            assertThat(losses.get(i)).isLessThanOrEqualTo(losses.get(i - 1));
        }
        assertThat(result.loss()).isLessThan(losses.get(0) * 0.5);
    }

    @Test
    void zStaysInsideTheUniformPriorsSupportEvenForAnImageOutsideTheModelsReach() {
        Dcgan gan = tiny(6);
        Projector projector = new Projector(gan.generator(), null, 4, LatentDistribution.UNIFORM);
        float[] white = new float[256];
        java.util.Arrays.fill(white, 1f);
        List<float[]> seen = new ArrayList<>();
        ProjectionResult result = projector.project(white, ProjectionSettings.defaults().withSteps(80)
                .withLearningRate(0.5).withRestarts(3).withCandidates(3), p -> seen.add(p.z()), () -> false);
        seen.add(result.z());
        boolean reachedEdge = false;
        for (float[] z : seen) {
            for (float v : z) {
                assertThat(v).isBetween(-1f, 1f);
                reachedEdge |= Math.abs(v) == 1f;
            }
        }
        assertThat(reachedEdge).as("the descent pushed against the support's edge").isTrue();
    }

    @Test
    void aGaussianPriorKeepsZWithinThreeStandardDeviations() {
        Nd4j.getRandom().setSeed(7);
        Dcgan gan = roughened(TinyGan.config(7).withLatent(LatentDistribution.GAUSSIAN));
        Projector projector = new Projector(gan.generator(), null, 4, LatentDistribution.GAUSSIAN);
        float[] black = new float[256];
        java.util.Arrays.fill(black, -1f);
        ProjectionResult result = projector.project(black, ProjectionSettings.defaults().withSteps(80)
                .withLearningRate(2).withRestarts(3).withCandidates(3), p -> { }, () -> false);
        for (float v : result.z()) {
            assertThat(v).isBetween(-3f, 3f);
        }
    }

    @Test
    void theGeneratorAndDiscriminatorKeepTheirParametersAndStatistics() {
        Dcgan gan = tiny(8);
        INDArray g = gan.generator().params().dup();
        INDArray d = gan.discriminator().params().dup();
        Projector projector = new Projector(gan.generator(), gan.discriminator(), 4, LatentDistribution.UNIFORM);
        projector.project(projector.generate(new float[] {0.1f, 0.2f, 0.3f, 0.4f}), ProjectionSettings.defaults()
                .withSteps(10).withRestarts(2).withCandidates(4).withFeatureWeight(1), p -> { }, () -> false);
        assertThat(gan.generator().params()).isEqualTo(g);
        assertThat(gan.discriminator().params()).isEqualTo(d);
    }

    @Test
    void cancellingStopsEarlyAndKeepsTheBestSoFar() {
        Dcgan gan = tiny(9);
        Projector projector = new Projector(gan.generator(), null, 4, LatentDistribution.UNIFORM);
        AtomicInteger calls = new AtomicInteger();
        ProjectionResult result = projector.project(projector.generate(new float[] {0.5f, 0.5f, -0.5f, 0f}),
                ProjectionSettings.defaults().withSteps(1000), p -> calls.incrementAndGet(), () -> calls.get() >= 4);
        assertThat(result.cancelled()).isTrue();
        assertThat(result.steps()).isEqualTo(3);
        assertThat(result.z()).hasSize(4);
    }

    @Test
    void anImageOfTheWrongSizeIsRefusedWithBothSizes() {
        Projector projector = new Projector(tiny(10).generator(), null, 4, LatentDistribution.UNIFORM);
        assertThatThrownBy(() -> projector.project(new float[100], ProjectionSettings.defaults(), p -> { }, () -> false))
                .hasMessageContaining("100 values").hasMessageContaining("16x16");
    }

    @Test
    void psnrOfAnImageAgainstItselfIsTheCapAndFallsWithNoise() {
        float[] a = new float[64];
        float[] b = new float[64];
        Random random = new Random(1);
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat() * 2 - 1;
            b[i] = a[i] + 0.02f;
        }
        assertThat(ImageDistance.psnr(a, a)).isEqualTo(ImageDistance.IDENTICAL_PSNR);
        // MSE 4e-4 on a peak-to-peak range of 2: 10 log10(4 / 4e-4) = 40 dB.
        assertThat(ImageDistance.psnr(a, b)).isCloseTo(40, org.assertj.core.data.Offset.offset(0.01));
    }
}
