package io.dcganexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.run.RunDirectory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a real process: what a user sees when they press Ctrl-C. */
class CliProcessTest {

    @TempDir
    Path dir;

    @Test
    void aTerminationSignalCheckpointsTheLastStepAndExitsCleanly() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.dcganexplorer.cli.Main", "train", "--data", "faces", "--size", "16", "--channels", "3",
                "--nz", "4", "--ngf", "4", "--ndf", "4", "--batch", "8", "--limit", "40", "--iterations", "1000000",
                "--checkpoint-every", "1000000", "--checkpoint-minutes", "0", "--progress", "lines",
                "--runs", dir.toString(), "--name", "sig"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        boolean signalled = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("step ") && !signalled) {
                    // SIGTERM runs the same shutdown hook as Ctrl-C's SIGINT. (Process.destroy would also
                    // close our end of the pipe; the handle only signals.)
                    p.toHandle().destroy();
                    signalled = true;
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", lines)).isTrue();
        assertThat(lines).as(String.join("\n", lines)).contains("stopped; a checkpoint holds the last step. Resume with --resume.");
        List<Path> checkpoints = RunDirectory.open(dir.resolve("sig")).checkpoints();
        assertThat(checkpoints).hasSize(1);
        assertThat(RunDirectory.iterationOf(checkpoints.get(0))).isPositive();
    }
}
