package io.dcganexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.run.MetricsLog;
import io.dcganexplorer.run.MetricsRow;
import io.dcganexplorer.run.RunDirectory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real trainer processes on one run folder: the second is refused, naming the first's process id, and
 * the first goes on to a metrics.csv that holds every one of its steps once.
 */
class TwoTrainersProcessTest {

    @TempDir
    Path dir;

    @Test
    void aSecondTrainerOnARunIsRefusedNamingTheFirstAndTheFirstLosesNothing() throws Exception {
        Process first = start(List.of("train", "--data", "faces", "--size", "16", "--channels", "1", "--nz", "4",
                "--ngf", "4", "--ndf", "4", "--batch", "4", "--limit", "16", "--iterations", "1000000",
                "--checkpoint-every", "3", "--checkpoint-minutes", "0", "--sample-every", "1000000",
                "--progress", "lines", "--runs", dir.toString(), "--name", "x"));
        List<String> firstLines = new ArrayList<>();
        BufferedReader firstOut = new BufferedReader(new InputStreamReader(first.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = firstOut.readLine()) != null && !line.startsWith("step ")) {
            firstLines.add(line);
        }
        assertThat(line).as(String.join("\n", firstLines)).isNotNull();
        CompletableFuture<List<String>> rest = CompletableFuture.supplyAsync(() -> firstOut.lines().toList());

        Process second = start(List.of("train", "--resume", dir.resolve("x").toString(), "--progress", "lines"));
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String secondOutput = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.exitValue()).as(secondOutput).isEqualTo(1);
        assertThat(secondOutput).contains("error: " + dir.resolve("x") + ": this run is being trained by process "
                + first.pid()).contains("only one trainer may write a run").doesNotContain("resuming at step");
        assertThat(first.isAlive()).isTrue();

        first.toHandle().destroy();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(rest.get(10, TimeUnit.SECONDS)).contains("stopped; a checkpoint holds the last step. "
                + "Resume with --resume.");
        RunDirectory run = RunDirectory.open(dir.resolve("x"));
        long last = RunDirectory.iterationOf(run.latestCheckpoint().orElseThrow());
        assertThat(MetricsLog.read(run.metricsFile())).extracting(MetricsRow::iteration)
                .containsExactlyElementsOf(LongStream.range(0, last).boxed().toList());
    }

    private static Process start(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.dcganexplorer.cli.Main"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }
}
