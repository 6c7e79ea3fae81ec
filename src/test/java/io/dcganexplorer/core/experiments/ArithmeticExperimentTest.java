package io.dcganexplorer.core.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dcganexplorer.core.eval.FacePrediction;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.DiscriminatorFactory;
import io.dcganexplorer.core.gan.GeneratorFactory;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.core.latent.Lesson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class ArithmeticExperimentTest {

    /** A judge with no network: each image gets pseudo-random attributes fixed by its pixels. */
    private static final FaceJudge HASH_JUDGE = images -> {
        List<FacePrediction> out = new ArrayList<>();
        for (int i = 0; i < images.size(0); i++) {
            float[] pixels = images.slice(i).dup('c').data().asFloat();
            SplittableRandom r = new SplittableRandom(Arrays.hashCode(pixels));
            out.add(new FacePrediction(r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble(),
                    r.nextDouble() * 2 - 1));
        }
        return out;
    };

    static Lesson glasses() {
        return new Lesson("Glasses", "", "", 0, List.of(
                Lesson.Concept.ofIndices("man with glasses", 1, List.of(), Map.of("man", true, "glasses", true)),
                Lesson.Concept.ofIndices("man", -1, List.of(), Map.of("man", true, "glasses", false)),
                Lesson.Concept.ofIndices("woman", 1, List.of(), Map.of("man", false, "glasses", false))));
    }

    @Test
    void theResultAttributesAreTheSignedSumOfTheConcepts() {
        assertThat(FaceCriteria.expectedResult(glasses())).containsExactlyInAnyOrderEntriesOf(
                Map.of("glasses", true, "man", false));
        assertThat(FaceCriteria.target(glasses())).containsExactlyEntriesOf(Map.of("glasses", true));
        assertThat(FaceCriteria.describe(FaceCriteria.expectedResult(glasses()))).isEqualTo("glasses, woman");
    }

    @Test
    void spearmanIsOneForAnyRisingSequenceAndMinusOneForAFallingOne() {
        double[] t = {-1, 0, 1, 2};
        assertThat(ArithmeticExperiment.spearman(t, new double[] {0.1, 0.5, 0.6, 9})).isCloseTo(1, within(1e-12));
        assertThat(ArithmeticExperiment.spearman(t, new double[] {3, 2, 1, 0})).isCloseTo(-1, within(1e-12));
        assertThat(ArithmeticExperiment.spearman(t, new double[] {1, 1, 1, 1})).isZero();
        assertThat(ArithmeticExperiment.ranks(new double[] {5, 1, 5, 3})).containsExactly(3.5, 1, 3.5, 2);
    }

    @Test
    void binomialStandardErrorFollowsTheFormula() {
        ArithmeticExperiment.Rate rate = new ArithmeticExperiment.Rate(30, 120);
        assertThat(rate.value()).isEqualTo(0.25);
        // sqrt(0.25 * 0.75 / 120) = sqrt(0.0015625), worked out by hand.
        assertThat(rate.standardError()).isCloseTo(0.0395285, within(1e-7));
        assertThat(rate.format()).isEqualTo("25.0 ± 4.0 %");
        assertThat(new ArithmeticExperiment.Rate(0, 0).format()).isEqualTo("n/a");
    }

    @Test
    void theExperimentRunsOnATinyModelAndGivesValidNumbersAndATable() {
        DcganConfig config = new DcganConfig(16, 3, 6, 4, 4, 8, 2e-4, 0.5, LatentDistribution.UNIFORM, 5);
        MultiLayerNetwork g = GeneratorFactory.create(config);
        ArithmeticExperiment.Settings settings = new ArithmeticExperiment.Settings(120, 20, 3, 0.5, 6, 5, 10, 1.0, 3);
        ArithmeticExperiment.Report report = ArithmeticExperiment.run(g, DiscriminatorFactory.create(config),
                new LatentSampler(6, config.latent()), HASH_JUDGE, List.of(glasses()), settings);
        ArithmeticExperiment.LessonResult r = report.lessons().get(0);
        for (ArithmeticExperiment.Rate rate : List.of(r.zAll(), r.zTarget(), r.pixelAll(), r.pixelTarget(),
                r.baseTarget())) {
            assertThat(rate.trials()).isEqualTo(20);
            assertThat(rate.value()).isBetween(0.0, 1.0);
        }
        // Every attribute right implies the target right.
        assertThat(r.zAll().successes()).isLessThanOrEqualTo(r.zTarget().successes());
        assertThat(r.candidates()).hasSize(3).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(3));
        assertThat(r.zRealism()).isBetween(0.0, 1.0);
        assertThat(r.pixelRealism()).isBetween(0.0, 1.0);
        assertThat(report.poolRealism()).isBetween(0.0, 1.0);
        assertThat(report.turn().meanSpearman()).isBetween(-1.0, 1.0);
        assertThat(report.turn().monotonic()).isBetween(0.0, 1.0);
        assertThat(report.turn().turn().direction()).hasSize(6);
        String table = report.markdown();
        assertThat(table).contains("| Glasses | glasses, woman (target: glasses) |").contains("Spearman");
        assertThat(table.lines().filter(l -> l.startsWith("|"))).hasSize(6);
        assertThat(table).contains("mean D(x): pixel space");
    }

    @Test
    void tooFewCandidatesNameTheConcept() {
        FaceJudge nobodyWearsGlasses = images -> {
            List<FacePrediction> out = new ArrayList<>();
            for (int i = 0; i < images.size(0); i++) {
                out.add(new FacePrediction(0.01, 0.5, 0.1, 0.9, 0));
            }
            return out;
        };
        DcganConfig config = new DcganConfig(16, 3, 6, 4, 4, 8, 2e-4, 0.5, LatentDistribution.UNIFORM, 5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArithmeticExperiment.run(
                GeneratorFactory.create(config), new LatentSampler(6, config.latent()), nobodyWearsGlasses,
                List.of(glasses()), new ArithmeticExperiment.Settings(20, 2, 3, 0.8, 1, 3, 2, 1, 1)))
                .hasMessageContaining("man with glasses").hasMessageContaining("only 0 of 20");
    }
}
