package io.dcganexplorer.core.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentDistribution;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatentOperationsTest {

    private final LatentSampler sampler = new LatentSampler(16, LatentDistribution.GAUSSIAN);

    @Test
    void samplerDrawsDependOnlyOnSeedStreamAndIndex() {
        assertThat(sampler.vector(1, 2, 3)).containsExactly(sampler.vector(1, 2, 3));
        assertThat(sampler.vector(1, 2, 3)).isNotEqualTo(sampler.vector(1, 2, 4));
        assertThat(sampler.vector(1, 2, 3)).isNotEqualTo(sampler.vector(1, 3, 3));
        assertThat(sampler.batch(1, 2, 3, 2).getRow(1).toFloatVector()).containsExactly(sampler.vector(1, 2, 4));
        float[] uniform = new LatentSampler(1000, LatentDistribution.UNIFORM).vector(5, 1, 0);
        for (float x : uniform) {
            assertThat(x).isBetween(-1f, 1f);
        }
    }

    @Test
    void slerpKeepsTheNormOfEqualLengthEndpointsAndHitsThem() {
        float[] a = sampler.vector(1, 1, 0);
        float[] b = scaled(sampler.vector(1, 1, 1), Interpolation.norm(a) / Interpolation.norm(sampler.vector(1, 1, 1)));
        for (double t = 0; t <= 1.0001; t += 0.1) {
            assertThat(Interpolation.norm(Interpolation.slerp(a, b, t))).isCloseTo(Interpolation.norm(a), within(1e-4));
        }
        assertThat(Interpolation.slerp(a, b, 0)).usingComparatorWithPrecision(1e-5f).containsExactly(a);
        assertThat(Interpolation.slerp(a, b, 1)).usingComparatorWithPrecision(1e-5f).containsExactly(b);
        // Linear interpolation cuts the corner: its midpoint is shorter.
        assertThat(Interpolation.norm(Interpolation.lerp(a, b, 0.5))).isLessThan(Interpolation.norm(a) * 0.95);
    }

    @Test
    void aWalkStartsAndEndsExactlyOnItsKeyframesAndVisitsEachOnce() {
        List<float[]> keys = List.of(sampler.vector(2, 1, 0), sampler.vector(2, 1, 1), sampler.vector(2, 1, 2));
        List<float[]> path = Interpolation.path(keys, 8, Interpolation.Mode.SPHERICAL);
        assertThat(path).hasSize(17);
        assertThat(path.get(0)).containsExactly(keys.get(0));
        assertThat(path.get(8)).containsExactly(keys.get(1));
        assertThat(path.get(16)).containsExactly(keys.get(2));
        assertThatThrownBy(() -> Interpolation.path(keys.subList(0, 1), 8, Interpolation.Mode.LINEAR))
                .hasMessageContaining("at least 2 keyframes");
    }

    @Test
    void arithmeticOnVectorsIsExact() {
        List<float[]> a = List.of(new float[] {1, 2}, new float[] {3, 4}, new float[] {5, 6});
        List<float[]> b = List.of(new float[] {1, 1}, new float[] {1, 1}, new float[] {4, 1});
        List<float[]> c = List.of(new float[] {0, 3}, new float[] {0, 3}, new float[] {0, 3});
        float[] y = ConceptArithmetic.combine(List.of(ConceptArithmetic.Term.plus(a), ConceptArithmetic.Term.minus(b),
                ConceptArithmetic.Term.plus(c)));
        // mean(a) = (3, 4), mean(b) = (2, 1), mean(c) = (0, 3): (3, 4) - (2, 1) + (0, 3) = (1, 6)
        assertThat(y).containsExactly(1f, 6f);
        float[] pixels = ConceptArithmetic.combineInPixelSpace(List.of(ConceptArithmetic.Term.plus(
                List.of(new float[] {0.9f, -0.9f})), ConceptArithmetic.Term.plus(List.of(new float[] {0.9f, -0.9f}))));
        assertThat(pixels).containsExactly(1f, -1f);
    }

    @Test
    void noisyNeighboursStayWithinAQuarterOfTheResult() {
        float[] y = sampler.vector(3, 1, 0);
        List<float[]> variants = ConceptArithmetic.noisyVariants(y, 8, ConceptArithmetic.PAPER_NOISE, 9);
        assertThat(variants).hasSize(8);
        double maxSeen = 0;
        for (float[] v : variants) {
            for (int i = 0; i < y.length; i++) {
                double d = Math.abs(v[i] - y[i]);
                assertThat(d).isLessThanOrEqualTo(0.25 + 1e-6);
                maxSeen = Math.max(maxSeen, d);
            }
        }
        assertThat(maxSeen).isGreaterThan(0.2);
    }

    @Test
    void principalDirectionsAreOrthonormalAndOrderedByVariance() {
        DcganConfig config = new DcganConfig(16, 1, 8, 8, 4, 8, 2e-4, 0.5, LatentDistribution.UNIFORM, 4);
        Dcgan gan = Dcgan.create(config);
        LatentDirections.Result r = LatentDirections.compute(gan.generator(), "relu0",
                new LatentSampler(8, LatentDistribution.UNIFORM), 1, 200, 4);
        assertThat(r.zDirections()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(dot(r.zDirections().get(i), r.zDirections().get(j))).as("z %d.%d", i, j)
                        .isCloseTo(i == j ? 1 : 0, within(1e-4));
                assertThat(dot(r.activationComponents().get(i), r.activationComponents().get(j))).as("act %d.%d", i, j)
                        .isCloseTo(i == j ? 1 : 0, within(1e-3));
            }
        }
        assertThat(r.explainedVariance()[0]).isGreaterThanOrEqualTo(r.explainedVariance()[1]);
        assertThat(r.explainedVariance()[1]).isGreaterThanOrEqualTo(r.explainedVariance()[3]);
        assertThat(r.zSpread()[0]).isGreaterThan(0);
        assertThatThrownBy(() -> LatentDirections.compute(gan.generator(), "nope", new LatentSampler(8,
                LatentDistribution.UNIFORM), 1, 20, 2)).hasMessageContaining("no layer named 'nope'");
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * (double) b[i];
        }
        return s;
    }

    private static float[] scaled(float[] v, double f) {
        float[] o = v.clone();
        for (int i = 0; i < o.length; i++) {
            o[i] *= (float) f;
        }
        return o;
    }
}
