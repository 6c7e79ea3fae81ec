package io.dcganexplorer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.gan.TrainingOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, injected where checkpoints are written: the first file of the bundle is half written, then
 * the write fails as a full disk does. Training goes on in memory and tries again; a final checkpoint that
 * cannot be written says how many steps are at risk.
 */
class DiskFullTest {

    @TempDir
    Path runs;

    /** Writes like ModelBundle, but the disk is full at the given checkpoint steps. */
    private static RunDirectory.BundleWriter fullAt(Set<Long> steps) {
        return (folder, gan, info) -> {
            if (steps.contains(info.state().iteration())) {
                Path g = folder.resolve(ModelBundle.GENERATOR);
                Files.write(g, new byte[512]);
                throw new IOException("writing " + g + ": No space left on device");
            }
            ModelBundle.write(folder, gan, info);
        };
    }

    @Test
    void aFailedCheckpointIsReportedAndRetriedAtTheNextIntervalWhileTrainingGoesOn() throws Exception {
        TrainingSession s = TrainingSession.start(runs, "full", TinyRuns.config(), TinyRuns.spec(), TinyRuns.data(),
                new TrainingPlan(8, 100, 2, 0, 4));
        s.run().writeBundlesWith(fullAt(Set.of(4L, 6L)));
        List<TrainingWarning> warnings = new ArrayList<>();
        s.addWarningListener(warnings::add);

        assertThat(s.train()).isEqualTo(TrainingOutcome.COMPLETED);

        assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w.kind())
                .isEqualTo(TrainingWarning.Kind.WRITE_FAILED));
        assertThat(warnings.get(0).message()).startsWith("could not write the checkpoint of step 4: writing ")
                .contains("generator.zip: No space left on device")
                .contains("The last good checkpoint is step 2 (" + s.run().checkpointPath(2) + ")")
                .contains("tries again at step 6 (2 steps not yet saved)");
        assertThat(warnings.get(1).message()).contains("step 6").contains("(4 steps not yet saved)");
        assertThat(s.run().checkpoints()).extracting(RunDirectory::iterationOf).containsExactly(2L, 8L);
        try (var left = Files.list(s.run().checkpointsDir())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".writing-"));
        }
        assertThat(MetricsLog.read(s.run().metricsFile())).extracting(MetricsRow::iteration)
                .containsExactlyElementsOf(LongStream.range(0, 8).boxed().toList());
    }

    @Test
    void aFinalCheckpointThatCannotBeWrittenIsTriedAgainThenSaysWhichStepsAreAtRisk() throws Exception {
        TrainingSession s = TrainingSession.start(runs, "final", TinyRuns.config(), TinyRuns.spec(), TinyRuns.data(),
                new TrainingPlan(7, 100, 3, 0, 4));
        s.run().writeBundlesWith(fullAt(Set.of(6L, 7L)));
        s.setFinalCheckpointRetries(2, 0);
        List<TrainingWarning> warnings = new ArrayList<>();
        s.addWarningListener(warnings::add);
        List<String> ends = TinyRuns.endDetails(s);

        assertThat(s.train()).isEqualTo(TrainingOutcome.FAILED);

        assertThat(warnings).extracting(TrainingWarning::message).anySatisfy(m -> assertThat(m)
                .startsWith("could not write the final checkpoint (step 7)").contains("trying again"));
        assertThat(ends).singleElement().asString().startsWith("could not write the final checkpoint (step 7)")
                .contains("No space left on device").contains("The last good checkpoint is step 3")
                .contains("the 4 steps after it (4 to 7) are not saved");
        // A later try (the disk has room again) keeps them after all.
        s.run().writeBundlesWith(ModelBundle::write);
        s.checkpoint();
        assertThat(s.run().latestCheckpoint()).get().extracting(RunDirectory::iterationOf).isEqualTo(7L);
    }
}
