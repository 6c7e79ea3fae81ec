package io.dcganexplorer.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.TinyGan;
import io.dcganexplorer.data.InMemoryImageDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class ProbeExperimentTest {

    private static final DcganConfig CONFIG = TinyGan.config(3);

    @Test
    void everyFeatureSetBeatsChanceOnSyntheticShapesAndTheTableListsThem() {
        InMemoryImageDataset train = SyntheticImages.shapes(80, 1);
        InMemoryImageDataset test = SyntheticImages.shapes(40, 2);
        List<Double> fractions = new ArrayList<>();
        ProbeExperiment.Result result = ProbeExperiment.run(Dcgan.create(CONFIG).discriminator(), CONFIG, train, test,
                new ProbeExperiment.Options(0, 0, 5, 2, 11, 1,
                        LinearProbe.Options.defaults(1).withGrid(new double[] {1e-3, 1e-1}),
                        new KMeansFeatures.Options(4, 8, 400, 20, 5), 40), (f, m) -> fractions.add(f), () -> false);

        assertThat(result.rows()).extracting(ProbeExperiment.Row::features)
                .containsExactly(ProbeExperiment.FeatureSet.values());
        for (ProbeExperiment.Row row : result.rows()) {
            // Chance is 25%.
            assertThat(row.allLabels().accuracy()).as(row.features().label()).isGreaterThan(0.5);
            assertThat(row.fewLabelAccuracies()).hasSize(2);
        }
        assertThat(result.row(ProbeExperiment.FeatureSet.PIXELS).dimensions()).isEqualTo(256);
        assertThat(result.row(ProbeExperiment.FeatureSet.TRAINED_D).dimensions())
                .isEqualTo(DiscriminatorFeatures.featureLength(CONFIG));
        assertThat(result.toMarkdown()).contains("| trained D |").contains("| random-init D |")
                .contains("| raw pixels |").contains("5 per class (20 labels)");
        assertThat(fractions).isSorted().last().isEqualTo(1.0);
        assertThat(result.row(ProbeExperiment.FeatureSet.KMEANS).dimensions()).isEqualTo(8 * 16);
        assertThat(result.toMarkdown()).contains("| K-means patches |").contains("McNemar")
                .contains("Solver cross-check (trained D, 40 training / 40 test vectors");
        ProbeExperiment.CrossCheck check = result.crossCheck();
        assertThat(check.c()).isEqualTo(result.row(ProbeExperiment.FeatureSet.TRAINED_D).allLabels().chosenC());
        McNemar.Result paired = result.trainedVsRandom();
        assertThat(paired.onlyFirstRight() + paired.onlySecondRight()).isLessThanOrEqualTo(40);
    }

    @Test
    void theOldSevenOptionFormKeepsTheThreeOriginalRows() {
        InMemoryImageDataset data = SyntheticImages.shapes(40, 1);
        ProbeExperiment.Result result = ProbeExperiment.run(Dcgan.create(CONFIG).discriminator(), CONFIG, data, data,
                new ProbeExperiment.Options(0, 0, 5, 0, 11, 1, LinearProbe.Options.defaults(1)), Progress.NONE,
                () -> false);
        assertThat(result.rows()).hasSize(3);
        assertThat(result.crossCheck()).isNull();
    }

    @Test
    void defaultsUseEveryLabelAndTenFewLabelDraws() {
        ProbeExperiment.Options defaults = ProbeExperiment.Options.defaults(1);
        assertThat(defaults.trainCap()).isZero();
        assertThat(defaults.testCap()).isZero();
        assertThat(defaults.draws()).isEqualTo(10);
        assertThat(defaults.labelsPerClass() * 10).isEqualTo(1000);
        assertThat(defaults.svm().solver()).isEqualTo(LinearProbe.Solver.DENSE);
        assertThat(defaults.kmeans()).isNotNull();
    }

    @Test
    void cancellingStopsTheExperiment() {
        InMemoryImageDataset data = SyntheticImages.shapes(40, 1);
        assertThatThrownBy(() -> ProbeExperiment.run(Dcgan.create(CONFIG).discriminator(), CONFIG, data, data,
                new ProbeExperiment.Options(0, 0, 5, 1, 11, 1, LinearProbe.Options.defaults(1)), Progress.NONE, () -> true))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void balancedDrawsTakeTheSameNumberOfEveryClass() {
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++) {
            labels[i] = i % 3;
        }
        int[] picked = ProbeExperiment.balancedDraw(labels, 3, 4, new java.util.SplittableRandom(1));
        int[] counts = new int[3];
        for (int p : picked) {
            counts[labels[p]]++;
        }
        assertThat(counts).containsExactly(4, 4, 4);
        assertThat(picked).doesNotHaveDuplicates();
    }
}
