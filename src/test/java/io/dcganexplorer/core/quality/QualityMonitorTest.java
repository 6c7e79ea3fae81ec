package io.dcganexplorer.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.StepResult;
import io.dcganexplorer.core.gan.TinyGan;
import io.dcganexplorer.core.gan.TrainingSnapshot;
import io.dcganexplorer.core.probe.Progress;
import io.dcganexplorer.core.probe.SyntheticImages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityMonitorTest {

    private static TrainingSnapshot after(long stepsDone) {
        return new TrainingSnapshot(new StepResult(stepsDone - 1, 1, 1, 0.5, 0.5, 0.5), 0, 10, 1, 1, 1, null);
    }

    @Test
    void scoresEveryNthStepOnTheExecutorFromACopyOfG() {
        DcganConfig config = TinyGan.config(3);
        Dcgan gan = Dcgan.create(config);
        var real = SyntheticImages.shapes(40, 1);
        QualityClassifier classifier = QualityClassifier.untrained(16, 1, real.classNames(),
                QualityClassifier.TrainingOptions.defaults(1));
        FrechetDistance.Gaussian reference = SampleQuality.reference(classifier, real, Progress.NONE, () -> false);
        List<QualityMonitor.Scored> scored = new ArrayList<>();
        List<Runnable> queued = new ArrayList<>();
        QualityMonitor monitor = new QualityMonitor(gan::copyOfGenerator, config, classifier, reference, 3, 16, 1,
                queued::add, scored::add);

        for (long done = 1; done <= 7; done++) {
            monitor.onStep(after(done));
        }
        // Step 3 was handed over; step 6 was skipped because the first score had not run yet.
        assertThat(queued).hasSize(1);
        queued.remove(0).run();
        monitor.onStep(after(9));
        queued.remove(0).run();

        assertThat(scored).extracting(QualityMonitor.Scored::iteration).containsExactly(3L, 9L);
        assertThat(scored.get(0).report().generatedCount()).isEqualTo(16);
        // The same G scored twice with the same z gives the same distance.
        assertThat(scored.get(1).report().frechetDistance()).isEqualTo(scored.get(0).report().frechetDistance());
    }
}
