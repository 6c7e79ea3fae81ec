package io.dcganexplorer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments, a checkpoint every step so many kills land inside a checkpoint write, then
 * resume: every time the newest complete checkpoint loads, and the finished run has each step exactly once.
 * (scripts/reliability.sh runs the long version of this outside CI.)
 */
class KillAndResumeTest {

    private static final int TOTAL = 24;

    @TempDir
    Path dir;

    @Test
    void killingTheTrainerAtRandomMomentsNeverLosesTheRun() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        Path run = dir.resolve("k");
        List<String> log = new ArrayList<>();
        for (int kill = 0; kill < 3; kill++) {
            Process p = start(kill == 0 ? trainArgs() : List.of("train", "--resume", run.toString(), "--progress", "lines"));
            // Wait until training is under way, then kill without warning a random moment later.
            waitForLine(p, "step ", log);
            Thread.sleep(random.nextInt(50, 1500));
            p.toHandle().destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

            RunDirectory r = RunDirectory.open(run);
            List<String> problems = new ArrayList<>();
            assertThat(r.loadLatestCheckpoint(problems)).as("after kill %d: %s", kill, problems).isPresent();
            assertThat(MetricsLog.read(r.metricsFile())).isNotEmpty();
        }
        Process last = start(List.of("train", "--resume", run.toString(), "--progress", "lines"));
        waitForLine(last, "done.", log);
        assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as(String.join("\n", log)).isZero();
        List<MetricsRow> rows = MetricsLog.read(run.resolve(RunDirectory.METRICS));
        assertThat(rows).extracting(MetricsRow::iteration)
                .containsExactlyElementsOf(LongStream.range(0, TOTAL).boxed().toList());
    }

    private List<String> trainArgs() {
        return List.of("train", "--data", "rooms", "--size", "16", "--channels", "3", "--nz", "4", "--ngf", "4",
                "--ndf", "4", "--batch", "8", "--limit", "40", "--iterations", String.valueOf(TOTAL),
                "--checkpoint-every", "1", "--checkpoint-minutes", "0", "--sample-every", "3",
                "--progress", "lines", "--runs", dir.toString(), "--name", "k");
    }

    private static Process start(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.dcganexplorer.cli.Main"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Reads output until a line starting with {@code prefix} (or the end); the rest is drained in the background. */
    private static void waitForLine(Process p, String prefix, List<String> log) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            log.add(line);
            if (line.startsWith(prefix)) {
                break;
            }
        }
        Thread drain = new Thread(() -> {
            try {
                while (r.readLine() != null) {
                    // Keep the pipe empty so the trainer never blocks on output.
                }
            } catch (java.io.IOException closed) {
                // The process died; nothing more to read.
            }
        });
        drain.setDaemon(true);
        drain.start();
    }
}
