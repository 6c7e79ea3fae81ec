package io.dcganexplorer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.probe.Progress;
import io.dcganexplorer.core.quality.QualityClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingQualityTest {

    @TempDir
    Path runs;

    private static final QualityClassifier CLASSIFIER = QualityClassifier.train(TinyRuns.data(),
            new QualityClassifier.TrainingOptions(1, 8, 1e-3, 1), Progress.NONE, () -> false);

    private static final QualitySource FITS = (size, channels, classes) -> Optional.of(CLASSIFIER);

    private static TrainingQuality.Listener collect(List<QualityLog.Row> scored, List<Exception> failed) {
        return new TrainingQuality.Listener() {
            @Override
            public void scored(QualityLog.Row row) {
                scored.add(row);
            }

            @Override
            public void failed(Exception e) {
                failed.add(e);
            }
        };
    }

    @Test
    void everyNthStepIsScoredIntoQualityCsvAndTheListener() throws Exception {
        TrainingSession session = TrainingSession.start(runs, "q", TinyRuns.config(), TinyRuns.spec(), TinyRuns.data(),
                new TrainingPlan(12, 100, 6, 0, 4));
        List<QualityLog.Row> scored = new ArrayList<>();
        List<Exception> failed = new ArrayList<>();
        try (TrainingQuality quality = TrainingQuality.watch(session, TinyRuns.data(), FITS, 4, 16, Runnable::run,
                collect(scored, failed)).orElseThrow()) {
            session.train();
        }
        assertThat(failed).isEmpty();
        assertThat(scored).extracting(QualityLog.Row::iteration).containsExactly(4L, 8L, 12L);
        List<QualityLog.Row> logged = QualityLog.read(runs.resolve("q").resolve(QualityLog.FILE));
        assertThat(logged).extracting(QualityLog.Row::iteration).containsExactly(4L, 8L, 12L);
        for (int i = 0; i < logged.size(); i++) {
            // Six significant digits in the file.
            assertThat(logged.get(i).frechetDistance()).isCloseTo(scored.get(i).frechetDistance(),
                    org.assertj.core.api.Assertions.withinPercentage(1e-4));
        }
        assertThat(logged).allSatisfy(row -> {
            assertThat(row.frechetDistance()).isFinite().isNotNegative();
            assertThat(row.classes()).isEqualTo(2);
            assertThat(row.samples()).isEqualTo(16);
            assertThat(row.entropyBits()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void aResumeDropsTheScoresTakenAfterItsCheckpointAndGoesOn() throws Exception {
        TrainingSession first = TrainingSession.start(runs, "r", TinyRuns.config(), TinyRuns.spec(), TinyRuns.data(),
                new TrainingPlan(12, 100, 6, 0, 4));
        try (TrainingQuality q = TrainingQuality.watch(first, TinyRuns.data(), FITS, 4, 16, Runnable::run,
                collect(new ArrayList<>(), new ArrayList<>())).orElseThrow()) {
            first.train();
        }
        // As after a crash at step 12 before its checkpoint: the newest complete checkpoint is step 6.
        RunDirectory run = RunDirectory.open(runs.resolve("r"));
        io.dcganexplorer.run.AtomicFiles.deleteTree(run.checkpointPath(12));
        TrainingSession resumed = TrainingSession.resume(run, TinyRuns.data(), 12, 0, new ArrayList<>());
        assertThat(resumed.iteration()).isEqualTo(6);
        try (TrainingQuality q = TrainingQuality.watch(resumed, TinyRuns.data(), FITS, 4, 16, Runnable::run,
                collect(new ArrayList<>(), new ArrayList<>())).orElseThrow()) {
            assertThat(QualityLog.read(run.root().resolve(QualityLog.FILE))).extracting(QualityLog.Row::iteration)
                    .containsExactly(4L);
            resumed.train();
        }
        assertThat(QualityLog.read(run.root().resolve(QualityLog.FILE))).extracting(QualityLog.Row::iteration)
                .containsExactly(4L, 8L, 12L);
    }

    @Test
    void withoutAFittingClassifierNothingIsWatchedAndNoFileIsWritten() throws Exception {
        TrainingSession session = TrainingSession.start(runs, "none", TinyRuns.config(), TinyRuns.spec(),
                TinyRuns.data(), new TrainingPlan(2, 100, 6, 0, 4));
        assertThat(TrainingQuality.watch(session, TinyRuns.data(), QualitySource.NONE, 1, 16,
                collect(new ArrayList<>(), new ArrayList<>()))).isEmpty();
        assertThat(Files.exists(runs.resolve("none").resolve(QualityLog.FILE))).isFalse();
    }

    @Test
    void aScoreOnItsOwnThreadIsWaitedForOnClose() throws Exception {
        TrainingSession session = TrainingSession.start(runs, "own", TinyRuns.config(), TinyRuns.spec(),
                TinyRuns.data(), new TrainingPlan(3, 100, 6, 0, 4));
        List<QualityLog.Row> scored = new ArrayList<>();
        try (TrainingQuality q = TrainingQuality.watch(session, TinyRuns.data(), FITS, 3, 64,
                collect(scored, new ArrayList<>())).orElseThrow()) {
            session.train();
        }
        // The only score is due at the last step; close() returned only once it was written.
        assertThat(scored).extracting(QualityLog.Row::iteration).containsExactly(3L);
        assertThat(QualityLog.read(runs.resolve("own").resolve(QualityLog.FILE))).hasSize(1);
    }

    @Test
    void describeSaysWhatEachNumberIs() {
        assertThat(TrainingQuality.describe(new QualityLog.Row(1200, 12.345, 9, 10, 3.181, 1000)))
                .isEqualTo("step 1,200: Fréchet distance 12.35, 9 of 10 classes covered, class entropy 3.18 bits");
    }
}
