package io.dcganexplorer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dcganexplorer.core.gan.TrainingListener;
import io.dcganexplorer.core.gan.TrainingOutcome;
import io.dcganexplorer.core.gan.TrainingSnapshot;
import io.dcganexplorer.data.ImageDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSessionTest {

    @TempDir
    Path runs;

    /** "OUTCOME: detail" of every end of {@code session}, as they happen. */
    private static List<String> endings(TrainingSession session) {
        List<String> endings = new ArrayList<>();
        session.addListener(new TrainingListener() {
            @Override
            public void onStep(TrainingSnapshot snapshot) {
            }

            @Override
            public void onEnd(TrainingOutcome outcome, String detail) {
                endings.add(outcome + ": " + detail);
            }
        });
        return endings;
    }

    @Test
    void aRunWritesManifestMetricsSamplesAndCheckpoints() throws Exception {
        TrainingPlan plan = new TrainingPlan(12, 5, 6, 0, 9);
        TrainingSession session = TrainingSession.start(runs, "first", TinyRuns.config(), TinyRuns.spec(),
                TinyRuns.data(), plan);
        List<TrainingSnapshot> seen = new ArrayList<>();
        session.addListener(seen::add);
        assertThat(session.train()).isEqualTo(TrainingOutcome.COMPLETED);

        RunDirectory run = RunDirectory.open(runs.resolve("first"));
        assertThat(run.manifest().config()).isEqualTo(TinyRuns.config());
        assertThat(run.manifest().datasetSize()).isEqualTo(64);
        assertThat(run.manifest().build().dl4jVersion()).isEqualTo("1.0.0-M2.1");
        List<MetricsRow> rows = MetricsLog.read(run.metricsFile());
        assertThat(rows).extracting(MetricsRow::iteration).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(rows.get(9).epoch()).isEqualTo(1); // 64 images / batch 8 = 8 batches per epoch
        assertThat(run.samples()).extracting(RunDirectory::iterationOf).containsExactly(0L, 5L, 10L, 12L);
        assertThat(run.checkpoints()).extracting(RunDirectory::iterationOf).containsExactly(6L, 12L);
        assertThat(seen).hasSize(12);
        assertThat(seen.get(4).grid()).isNotNull();
        assertThat(seen.get(4).grid().width()).isEqualTo(3 * 16 + 4);
        assertThat(seen.get(3).grid()).isNull();
        assertThat(seen.get(11).progress()).isEqualTo(1.0);
        // Readable by a follower under another account (temporary files start owner-only).
        for (Path p : List.of(run.root().resolve(RunDirectory.MANIFEST), run.checkpoints().get(0),
                run.checkpoints().get(0).resolve(ModelBundle.INFO), run.samples().get(0))) {
            assertThat(java.nio.file.Files.getPosixFilePermissions(p)).as(p.toString())
                    .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
        }
    }

    @Test
    void resumingContinuesExactlyAsAnUninterruptedRun() throws Exception {
        ImageDataset data = TinyRuns.data();
        TrainingSession straight = TrainingSession.start(runs, "straight", TinyRuns.config(), TinyRuns.spec(), data,
                new TrainingPlan(10, 100, 100, 0, 4));
        straight.train();
        List<MetricsRow> expected = MetricsLog.read(straight.run().metricsFile());

        TrainingSession first = TrainingSession.start(runs, "split", TinyRuns.config(), TinyRuns.spec(), data,
                new TrainingPlan(10, 100, 100, 0, 4));
        first.addListener(s -> {
            if (s.step().iteration() == 5) {
                first.control().stop();
            }
        });
        assertThat(first.train()).isEqualTo(TrainingOutcome.STOPPED);
        assertThat(first.run().checkpoints()).extracting(RunDirectory::iterationOf).containsExactly(6L);

        List<String> problems = new ArrayList<>();
        TrainingSession second = TrainingSession.resume(RunDirectory.open(runs.resolve("split")), data, 0, 0, problems);
        assertThat(problems).isEmpty();
        assertThat(second.iteration()).isEqualTo(6);
        assertThat(second.train()).isEqualTo(TrainingOutcome.COMPLETED);
        List<MetricsRow> resumed = MetricsLog.read(second.run().metricsFile());

        assertThat(resumed).extracting(MetricsRow::iteration).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(resumed.get(i).lossD()).as("lossD at %d", i).isCloseTo(expected.get(i).lossD(), within(1e-4));
            assertThat(resumed.get(i).lossG()).as("lossG at %d", i).isCloseTo(expected.get(i).lossG(), within(1e-4));
            assertThat(resumed.get(i).epoch()).isEqualTo(expected.get(i).epoch());
        }
        assertThat(resumed.get(9).wallSeconds()).isGreaterThan(resumed.get(5).wallSeconds());
    }

    @Test
    void metricsWrittenAfterTheLastCheckpointAreDroppedOnResume() throws Exception {
        TrainingSession s = TrainingSession.start(runs, "crash", TinyRuns.config(), TinyRuns.spec(), TinyRuns.data(),
                new TrainingPlan(8, 100, 4, 0, 4));
        s.train();
        // Simulate a crash after step 8's checkpoint was lost: remove it, leaving metrics up to step 7.
        AtomicFiles.deleteTree(s.run().checkpointPath(8));
        TrainingSession resumed = TrainingSession.resume(s.run(), TinyRuns.data(), 0, 0, new ArrayList<>());
        assertThat(resumed.iteration()).isEqualTo(4);
        resumed.train();
        assertThat(MetricsLog.read(s.run().metricsFile())).extracting(MetricsRow::iteration)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aCorruptNewestCheckpointIsSkippedAndNamedAndTheOlderOneLoads() throws Exception {
        TrainingSession s = TrainingSession.start(runs, "corrupt", TinyRuns.config(), TinyRuns.spec(), TinyRuns.data(),
                new TrainingPlan(8, 100, 4, 0, 4));
        s.train();
        Path newest = s.run().checkpointPath(8);
        Files.write(newest.resolve(ModelBundle.GENERATOR), new byte[] {1, 2, 3});
        // An interrupted write and an incomplete folder, as a kill -9 mid-checkpoint leaves them.
        Files.createDirectories(s.run().checkpointsDir().resolve(".writing-123"));
        Files.createDirectories(s.run().checkpointPath(12));
        List<String> problems = new ArrayList<>();
        TrainingSession resumed = TrainingSession.resume(s.run(), TinyRuns.data(), 0, 0, problems);
        assertThat(resumed.iteration()).isEqualTo(4);
        assertThat(problems).singleElement().asString()
                .contains("iter-000000008").contains("generator.zip").contains("not a readable DL4J network")
                .endsWith("(kept as iter-000000008.skipped)");
        // Kept under a new name, so that training through step 8 again cannot overwrite it.
        assertThat(newest.resolveSibling("iter-000000008.skipped").resolve(ModelBundle.GENERATOR)).hasBinaryContent(
                new byte[] {1, 2, 3});
    }

    @Test
    void aCheckpointOfAnotherModelInTheRunIsSkippedAndNamedWithBothShapes() throws Exception {
        TrainingSession s = TrainingSession.start(runs, "foreign", TinyRuns.config(), TinyRuns.spec(), TinyRuns.data(),
                new TrainingPlan(4, 100, 4, 0, 4));
        s.train();
        // A 32x32x3 model's checkpoint copied in by hand, newer than the run's own.
        io.dcganexplorer.core.gan.DcganConfig other = TinyRuns.config().withImageSize(32).withChannels(3).withNz(8);
        Path foreign = s.run().checkpointPath(8);
        ModelBundle.write(foreign, io.dcganexplorer.core.gan.Dcgan.create(other), ModelBundle.info(other,
                TinyRuns.spec(), "elsewhere", new TrainingState(8, 1, 0, 1)));
        List<String> problems = new ArrayList<>();

        TrainingSession resumed = TrainingSession.resume(s.run(), TinyRuns.data(), 6, 0, problems);

        assertThat(resumed.iteration()).isEqualTo(4);
        assertThat(problems).containsExactly(foreign + ": a checkpoint of another model (32x32x3, nz 8, ngf 4, ndf 4); "
                + "this run trains 16x16x1, nz 4, ngf 4, ndf 4 (kept as iter-000000008.skipped)");
        assertThat(resumed.train()).isEqualTo(TrainingOutcome.COMPLETED);
        assertThat(foreign.resolveSibling("iter-000000008.skipped").resolve(ModelBundle.INFO)).exists();
    }

    @Test
    void aLossThatBecomesNanPausesTheRunWithAnExplanationAndKeepsTheLastGoodCheckpoint() throws Exception {
        ImageDataset good = TinyRuns.data();
        TrainingSession s = TrainingSession.start(runs, "nan", TinyRuns.config(), TinyRuns.spec(), good,
                new TrainingPlan(10, 100, 3, 0, 4));
        s.addListener(snapshot -> {
            if (snapshot.step().iteration() == 4) {
                // Poison D: every later output is NaN.
                s.gan().discriminator().getLayer("output").getParam("W").assign(Float.NaN);
            }
        });
        List<String> details = endings(s);
        assertThat(s.train()).isEqualTo(TrainingOutcome.DIVERGED);
        assertThat(details).singleElement().asString().startsWith("DIVERGED: step 5 gave lossD = NaN")
                .contains("last checkpoint before it began is step 3").contains("lower the learning rate");
        assertThat(s.run().checkpoints()).extracting(RunDirectory::iterationOf).containsExactly(3L);

        TrainingSession again = TrainingSession.resume(s.run(), good, 0, 1e-4, new ArrayList<>());
        assertThat(again.manifest().config().learningRate()).isEqualTo(1e-4);
        assertThat(again.train()).isEqualTo(TrainingOutcome.COMPLETED);
    }

    @Test
    void runningOutOfNativeMemoryEndsTheRunWithAdviceAndKeepsTheLastCheckpoint() throws Exception {
        ImageDataset good = TinyRuns.data();
        int[] images = {0};
        // From the fourth batch on, reading an image needs a petabyte of native memory: a real JavaCPP failure.
        ImageDataset hungry = new io.dcganexplorer.data.InMemoryImageDataset("hungry", 16, 1, new byte[64][256], null,
                List.of()) {
            @Override
            public void writeImage(int index, float[] dest, int offset) {
                if (++images[0] > 3 * 8) {
                    new org.bytedeco.javacpp.FloatPointer(1L << 48).close();
                }
                good.writeImage(index, dest, offset);
            }
        };
        TrainingSession s = TrainingSession.start(runs, "oom", TinyRuns.config(), TinyRuns.spec(), hungry,
                new TrainingPlan(10, 100, 2, 0, 4));
        List<String> details = endings(s);

        assertThat(s.train()).isEqualTo(TrainingOutcome.FAILED);

        assertThat(details).singleElement().asString()
                .startsWith("FAILED: out of memory at batch size 8 and image size 16: this machine has no memory left")
                .contains("Cannot allocate new FloatPointer").contains("smaller batch (for example 4)")
                .contains("close other programs").endsWith("The last checkpoint (step 2) is kept.");
        assertThat(s.run().checkpoints()).extracting(RunDirectory::iterationOf).containsExactly(2L);
        TrainingSession resumed = TrainingSession.resume(s.run(), good, 0, 0, new ArrayList<>());
        assertThat(resumed.iteration()).isEqualTo(2);
        assertThat(resumed.train()).isEqualTo(TrainingOutcome.COMPLETED);
    }

    @Test
    void aTimeLimitStopsTheRunWithACheckpointAndBoundsTheEta() throws Exception {
        TrainingPlan plan = new TrainingPlan(1_000_000, 100, 100, 0, 4, 0.5);
        TrainingSession s = TrainingSession.start(runs, "budget", TinyRuns.config(), TinyRuns.spec(), TinyRuns.data(),
                plan);
        List<TrainingSnapshot> seen = new ArrayList<>();
        s.addListener(seen::add);
        assertThat(s.train()).isEqualTo(TrainingOutcome.STOPPED);
        assertThat(s.elapsedSeconds()).isGreaterThanOrEqualTo(0.5);
        assertThat(seen).isNotEmpty().allSatisfy(snap -> assertThat(snap.etaSeconds()).isLessThanOrEqualTo(0.5));
        assertThat(s.run().checkpoints()).extracting(RunDirectory::iterationOf).containsExactly(s.iteration());

        // Resuming with more time continues from the checkpoint and stops again at the new limit.
        TrainingSession more = TrainingSession.resume(s.run(), TinyRuns.data(), 0, 0, 0.5, new ArrayList<>());
        assertThat(more.manifest().plan().maxSeconds()).isCloseTo(s.elapsedSeconds() + 0.5, within(1e-9));
        assertThat(more.train()).isEqualTo(TrainingOutcome.STOPPED);
        assertThat(more.iteration()).isGreaterThan(s.iteration());
    }

    @Test
    void dataOfTheWrongSizeOrTooFewImagesIsRefusedWithBothNumbers() {
        assertThatThrownBy(() -> TrainingSession.start(runs, "x", TinyRuns.config().withImageSize(32), TinyRuns.spec(),
                TinyRuns.data(), TrainingPlan.of(5)))
                .hasMessageContaining("16x16x1").hasMessageContaining("32x32x1");
        assertThatThrownBy(() -> TrainingSession.start(runs, "y", TinyRuns.config().withBatchSize(128), TinyRuns.spec(),
                TinyRuns.data(), TrainingPlan.of(5)))
                .hasMessageContaining("64 images").hasMessageContaining("batch of 128");
    }

    @Test
    void aManifestFromANewerVersionIsRefusedWithAClearMessage() throws Exception {
        TrainingSession s = TrainingSession.start(runs, "future", TinyRuns.config(), TinyRuns.spec(), TinyRuns.data(),
                TrainingPlan.of(5));
        Path manifest = s.run().root().resolve(RunDirectory.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
        assertThatThrownBy(() -> RunDirectory.open(s.run().root()))
                .isInstanceOf(RunFormatException.class)
                .hasMessageContaining("manifest.json").hasMessageContaining("newer DCGAN Explorer");
    }
}
