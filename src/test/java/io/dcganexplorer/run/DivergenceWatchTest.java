package io.dcganexplorer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.gan.StepResult;
import io.dcganexplorer.core.gan.TrainingOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Divergence and collapse are caught, healthy noise is not, and the checkpoint named is one from before. */
class DivergenceWatchTest {

    private static final DivergenceWatch.Rules RULES = new DivergenceWatch.Rules(10, 0.01, 30, 5, 0.02);

    @TempDir
    Path runs;

    private static StepResult step(long i, double lossG, double dReal, double dFake) {
        return new StepResult(i, 1.0, lossG, dReal, dFake, dFake);
    }

    @Test
    void aDiscriminatorPinnedAtOneAndZeroIsCaughtAfterItsStepsNamingWhereItBegan() {
        DivergenceWatch watch = new DivergenceWatch(RULES, 0);
        for (int i = 0; i < 20; i++) {
            assertThat(watch.onStep(step(i, 0.7, 0.6, 0.4))).isNull();
        }
        DivergenceWatch.Trouble caught = null;
        for (int i = 20; i < 30 && caught == null; i++) {
            caught = watch.onStep(step(i, 8, 0.999, 0.001));
        }
        assertThat(caught).isNotNull();
        assertThat(caught.healthyAt()).isEqualTo(20);
        assertThat(caught.caughtAt()).isEqualTo(30);
        assertThat(caught.what()).contains("D(x) has stayed above 0.99").contains("since step 20");
    }

    @Test
    void healthyNoiseAndShortSpikesAreNotDivergence() {
        DivergenceWatch watch = new DivergenceWatch(RULES, 0);
        for (int i = 0; i < 500; i++) {
            boolean spike = i % 7 == 0;
            assertThat(watch.onStep(step(i, spike ? 40 : 1.2, spike ? 0.999 : 0.7, spike ? 0.0001 : 0.3))).isNull();
        }
        // A fresh generator's samples barely differ; that is not collapse.
        assertThat(watch.onGrid(100, 1e-5, 64)).isNull();
        assertThat(watch.onGrid(200, 0.3, 64)).isNull();
        assertThat(watch.active()).isNull();
    }

    @Test
    void identicalSamplesAfterVariedOnesAreCollapse() {
        DivergenceWatch watch = new DivergenceWatch(RULES, 0);
        assertThat(watch.onGrid(100, 0.25, 64)).isNull();
        DivergenceWatch.Trouble caught = watch.onGrid(200, 0.001, 64);
        assertThat(caught).isNotNull();
        assertThat(caught.healthyAt()).isEqualTo(100);
        assertThat(caught.what()).contains("64 fixed-z samples at step 200 are nearly identical");
        float[] same = new float[4 * 3];
        assertThat(DivergenceWatch.spread(same, 4, 3)).isZero();
    }

    @Test
    void aRunWhoseLossExplodesStopsAndTheCheckpointFromBeforeIsTheNewestToResumeFrom() throws Exception {
        TrainingSession s = TrainingSession.start(runs, "wild", TinyRuns.config().withLearningRate(1),
                TinyRuns.spec(), TinyRuns.data(), new TrainingPlan(400, 100, 1, 0, 4));
        List<TrainingWarning> warnings = new ArrayList<>();
        s.addWarningListener(warnings::add);
        List<String> ends = TinyRuns.endDetails(s);

        assertThat(s.train()).isEqualTo(TrainingOutcome.DIVERGED);

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(TrainingWarning.Kind.DIVERGENCE);
            assertThat(w.goodCheckpoint()).isPositive();
        });
        long good = warnings.get(0).goodCheckpoint();
        assertThat(s.iteration()).isGreaterThan(good + 3);
        // A checkpoint a step: pruning alone would have deleted the one from before the trouble.
        List<Path> left = s.run().checkpoints();
        assertThat(left).extracting(RunDirectory::iterationOf).last().isEqualTo(good);
        assertThat(ends).singleElement().asString().contains("The last checkpoint before it began is step " + good)
                .contains("now the newest").contains("diverged-iter-").contains("--lr 0.1");
        TrainingSession again = TrainingSession.resume(s.run(), TinyRuns.data(), 0, 2e-4, new ArrayList<>());
        assertThat(again.iteration()).isEqualTo(good);
        again.close();
    }

    @Test
    void warnOnlyGoesOnToTheEndAndStillEndsDiverged() throws Exception {
        TrainingSession s = TrainingSession.start(runs, "warned", TinyRuns.config().withLearningRate(1),
                TinyRuns.spec(), TinyRuns.data(), new TrainingPlan(30, 100, 10, 0, 4));
        s.setStopOnDivergence(false);
        List<TrainingWarning> warnings = new ArrayList<>();
        s.addWarningListener(warnings::add);
        assertThat(s.train()).isEqualTo(TrainingOutcome.DIVERGED);
        assertThat(s.iteration()).isEqualTo(30);
        assertThat(warnings).first().extracting(TrainingWarning::message).asString()
                .contains("stop now and start again with a lower learning rate");
    }
}
