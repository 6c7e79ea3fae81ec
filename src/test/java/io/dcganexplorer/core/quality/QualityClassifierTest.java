package io.dcganexplorer.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.GeneratorFactory;
import io.dcganexplorer.core.gan.TinyGan;
import io.dcganexplorer.core.probe.Progress;
import io.dcganexplorer.core.probe.SyntheticImages;
import io.dcganexplorer.data.InMemoryImageDataset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityClassifierTest {

    @TempDir
    Path dir;

    @Test
    void learnsSyntheticShapesSurvivesSaveAndLoadAndScoresAGenerator() throws Exception {
        InMemoryImageDataset train = SyntheticImages.shapes(120, 1);
        InMemoryImageDataset test = SyntheticImages.shapes(60, 2);
        QualityClassifier classifier = QualityClassifier.train(train,
                new QualityClassifier.TrainingOptions(3, 16, 3e-3, 5), Progress.NONE, () -> false);
        double accuracy = classifier.test(test, Progress.NONE, () -> false).accuracy();
        assertThat(accuracy).isGreaterThan(0.8);

        Path file = dir.resolve("classifier.zip");
        classifier.save(file);
        QualityClassifier loaded = QualityClassifier.load(file);
        assertThat(loaded.classNames()).isEqualTo(train.classNames());
        assertThat(loaded.imageSize()).isEqualTo(16);
        assertThat(loaded.test(test, Progress.NONE, () -> false).accuracy()).isEqualTo(accuracy);

        FrechetDistance.Gaussian real = SampleQuality.reference(loaded, test, Progress.NONE, () -> false);
        FrechetDistance.Gaussian realAgain = SampleQuality.reference(loaded, train, Progress.NONE, () -> false);
        DcganConfig config = TinyGan.config(3);
        SampleQuality.Report untrainedG = SampleQuality.evaluate(GeneratorFactory.create(config), config, loaded, real,
                64, 1, Progress.NONE, () -> false);
        // Real images of the same shapes are far closer to each other than an untrained G's noise is to them.
        assertThat(FrechetDistance.between(real, realAgain)).isLessThan(untrainedG.frechetDistance());
        assertThat(untrainedG.coverage().total()).isEqualTo(64);
        assertThat(untrainedG.generatedCount()).isEqualTo(64);
    }
}
