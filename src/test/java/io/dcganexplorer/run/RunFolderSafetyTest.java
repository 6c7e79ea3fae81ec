package io.dcganexplorer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcganexplorer.core.gan.TrainingOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per run folder, run folders claimed atomically, names that stay inside the runs folder. */
class RunFolderSafetyTest {

    private static final int ROUNDS = 100;

    @TempDir
    Path runs;

    private static RunManifest manifest() {
        return new RunManifest(ModelInfo.FORMAT_VERSION, null, TinyRuns.config(), TinyRuns.spec(), "tiny", 64,
                new TrainingPlan(4, 2, 2, 0, 4), BuildInfo.current(), "now");
    }

    @Test
    void twoThreadsCreatingRunsOfOneNameAtOnceNeverShareAFolder() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        Queue<Path> made = new ConcurrentLinkedQueue<>();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            threads.add(new Thread(() -> {
                try {
                    for (int round = 0; round < ROUNDS; round++) {
                        together.await();
                        RunDirectory run = RunDirectory.create(runs, "same", manifest());
                        made.add(run.root());
                        run.releaseWriterLock();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(made).hasSize(2 * ROUNDS).doesNotHaveDuplicates();
        for (Path p : made) {
            assertThat(RunDirectory.open(p).manifest().id()).isEqualTo(p.getFileName().toString());
        }
    }

    @Test
    void aRunNameMustStayInsideTheRunsFolder() {
        for (String name : List.of("../x", "../../x", "..", ".", "a/b", "/tmp/abs", ".hidden", "a\\b")) {
            assertThatThrownBy(() -> RunDirectory.create(runs.resolve("inner"), name, manifest())).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("run name '" + name + "'");
        }
        assertThat(runs.resolve("inner")).doesNotExist();
        assertThat(runs.resolve("x")).doesNotExist();
    }

    @Test
    void aSecondTrainerOnARunIsRefusedAndTheFirstFinishesWithEveryStep() throws Exception {
        TrainingSession first = TrainingSession.start(runs, "busy", TinyRuns.config(), TinyRuns.spec(),
                TinyRuns.data(), new TrainingPlan(6, 100, 2, 0, 4));
        RunDirectory again = RunDirectory.open(runs.resolve("busy"));
        assertThatThrownBy(() -> TrainingSession.resume(again, TinyRuns.data(), 0, 0, new ArrayList<>()))
                .isInstanceOf(RunLock.RunLockedException.class)
                .hasMessageContaining("this run is being trained by process " + ProcessHandle.current().pid())
                .hasMessageContaining("only one trainer may write a run");
        assertThat(first.train()).isEqualTo(TrainingOutcome.COMPLETED);
        assertThat(MetricsLog.read(first.run().metricsFile())).extracting(MetricsRow::iteration)
                .containsExactlyElementsOf(LongStream.range(0, 6).boxed().toList());

        // Once the first is done, the run is free again.
        TrainingSession second = TrainingSession.resume(again, TinyRuns.data(), 8, 0, new ArrayList<>());
        assertThat(second.train()).isEqualTo(TrainingOutcome.COMPLETED);
        assertThat(Files.readString(runs.resolve("busy").resolve(RunLock.FILE))).startsWith("pid ");
    }

    @Test
    void aGarbageMetricsRowIsReportedAndKeptAndAResumeWithoutCheckpointSaysItStartsAgain() throws Exception {
        TrainingSession s = TrainingSession.start(runs, "rows", TinyRuns.config(), TinyRuns.spec(), TinyRuns.data(),
                new TrainingPlan(3, 100, 100, 0, 4));
        s.train();
        Path metrics = s.run().metricsFile();
        List<String> lines = new ArrayList<>(Files.readAllLines(metrics));
        lines.add(2, "garbage,\u0001row");
        Files.write(metrics, lines);
        // No checkpoint: the run starts again, and its old metrics would vanish without a word.
        for (Path c : s.run().checkpoints()) {
            AtomicFiles.deleteTree(c);
        }

        TrainingSession resumed = TrainingSession.resume(s.run(), TinyRuns.data(), 0, 0, new ArrayList<>());
        assertThat(resumed.notes()).anySatisfy(n -> assertThat(n).contains("line 3: garbage,\\u0001row")
                .contains("moved to " + MetricsLog.REJECTED));
        assertThat(resumed.notes()).anySatisfy(n -> assertThat(n).startsWith("no checkpoint to resume from, so "
                + "training starts again at step 0").contains("3 rows were copied to metrics-before-restart.csv"));
        assertThat(MetricsLog.read(s.run().root().resolve("metrics-before-restart.csv"))).hasSize(3);
        assertThat(resumed.train()).isEqualTo(TrainingOutcome.COMPLETED);
        assertThat(Files.readString(s.run().root().resolve(MetricsLog.REJECTED))).contains("garbage,");
    }
}
