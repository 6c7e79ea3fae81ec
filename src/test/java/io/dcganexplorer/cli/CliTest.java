package io.dcganexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.run.MetricsLog;
import io.dcganexplorer.run.RunDirectory;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static final String[] TINY = {"--size", "16", "--channels", "3", "--nz", "4", "--ngf", "4", "--ndf", "4",
        "--batch", "8", "--limit", "40"};

    private String[] tinyTrain(String... more) {
        String[] base = {"train", "--data", "faces", "--runs", dir.resolve("runs").toString(), "--name", "t",
            "--progress", "lines"};
        String[] all = new String[base.length + TINY.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(TINY, 0, all, base.length, TINY.length);
        System.arraycopy(more, 0, all, base.length + TINY.length, more.length);
        return all;
    }

    @Test
    void trainWritesARunThatSampleAndResumeCanUse() throws Exception {
        assertThat(run(tinyTrain("--iterations", "6", "--sample-every", "3", "--checkpoint-every", "3",
                "--export", dir.resolve("model").toString()))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("procedural faces").contains("step 6/6").contains("done.")
                .contains("model saved to");
        Path runDir = dir.resolve("runs/t");
        assertThat(RunDirectory.open(runDir).checkpoints()).hasSize(2);

        Path png = dir.resolve("grid.png");
        assertThat(run("sample", dir.resolve("model").toString(), "-o", png.toString(), "--count", "9", "--scale", "2"))
                .as(err.toString()).isZero();
        BufferedImage grid = ImageIO.read(png.toFile());
        assertThat(grid.getWidth()).isEqualTo(2 * (3 * 16 + 4));

        assertThat(run("train", "--resume", runDir.toString(), "--iterations", "9", "--progress", "lines"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("resuming at step 6").contains("step 9/9");
        assertThat(MetricsLog.read(runDir.resolve("metrics.csv"))).hasSize(9);
    }

    @Test
    void badValuesGetOneLineNamingTheValueAndNoStackTrace() {
        assertThat(run("train", "--data", "bedrooms")).isEqualTo(2);
        assertThat(err.toString()).contains("data 'bedrooms': unknown source");

        assertThat(run("sample", dir.resolve("missing").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("missing: no such file or folder");

        assertThat(run("train", "--size", "abc")).isEqualTo(2);
        assertThat(err.toString()).contains("--size");
    }

    @Test
    void outOfMemoryIsOneLineSayingWhereAndWhatToChange() {
        OutOfMemoryError javaCpp = new OutOfMemoryError("Cannot allocate new FloatPointer(1024): totalBytes = 2G, "
                + "physicalBytes = 5G");
        javaCpp.initCause(new OutOfMemoryError("Native allocator returned address == 0"));

        assertThat(Messages.describe(javaCpp)).isEqualTo("out of memory: this machine has no memory left for ND4J "
                + "(Cannot allocate new FloatPointer(1024): totalBytes = 2G, physicalBytes = 5G); try a smaller --batch "
                + "or --size, or close other programs to free memory");
        assertThat(Messages.describe(new RuntimeException("Op [conv2d] execution failed",
                new RuntimeException("std::bad_alloc")))).startsWith("out of memory: this machine has no memory left");
        assertThat(Messages.describe(new OutOfMemoryError("Java heap space")))
                .isEqualTo("out of memory: the Java heap is full (Java heap space); try a smaller --batch or --size, "
                        + "or give Java more memory (-Xmx)");
    }

    @Test
    void anInvalidTrainingValueIsAUsageErrorNamingTheOptionAndNothingIsWritten() {
        String runs = dir.resolve("runs").toString();
        String[][] cases = {
            {"--size", "48", "--size = 48: must be 16, 32 or 64"},
            {"--lr", "-1", "--lr = -1.0: must be in (0, 1]"},
            {"--batch", "0", "--batch = 0: must be between 2 and 4096"},
            {"--beta1", "1", "--beta1 = 1.0: must be in [0, 1)"},
            {"--iterations", "0", "--iterations = 0: must be at least 1"},
            {"--limit", "-5", "--limit = -5: must be 0 (all) or more"},
            {"--checkpoint-every", "0", "--checkpoint-every = 0: must be at least 1"},
            {"--progress", "fancy", "--progress = fancy: must be auto, bar or lines"},
        };
        for (String[] c : cases) {
            err.getBuffer().setLength(0);
            assertThat(run("train", "--data", "faces", "--runs", runs, c[0], c[1])).as(c[0]).isEqualTo(2);
            // One line and where to read more; the whole usage would bury the line.
            assertThat(err.toString()).as(c[0]).startsWith("error: " + c[2]).doesNotContain("\tat ")
                    .endsWith("See 'dcgan train --help' for the options.\n");
            assertThat(err.toString().lines()).as(c[0]).hasSize(2);
        }
        err.getBuffer().setLength(0);
        assertThat(run("train", "--resume", dir.resolve("some-run").toString(), "--lr", "-1")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: --lr = -1.0: must be in (0, 1]");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aFolderWithoutImagesIsOneClearError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(run("train", "--data", "folder:" + empty, "--size", "16")).isEqualTo(1);
        assertThat(err.toString()).contains("error: ").contains(empty.toString()).doesNotContain("\tat ");
    }

    @Test
    void aTimeBudgetStopsTrainingWithACheckpointAndTheModelIsStillExported() throws Exception {
        assertThat(run(tinyTrain("--iterations", "100000", "--max-minutes", "0.0001", "--export",
                dir.resolve("m").toString()))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("stopped; a checkpoint holds the last step").contains("model saved to");
        assertThat(RunDirectory.open(dir.resolve("runs/t")).checkpoints()).hasSize(1);
        assertThat(dir.resolve("m/model.json")).exists();
        assertThat(run(tinyTrain("--max-minutes", "-1"))).isEqualTo(2);
        assertThat(err.toString()).contains("--max-minutes = -1.0: must be 0 (no limit) or more");
    }

    @Test
    void durationsReadNaturally() {
        assertThat(ProgressPrinter.formatDuration(42)).isEqualTo("42s");
        assertThat(ProgressPrinter.formatDuration(125)).isEqualTo("2m05s");
        assertThat(ProgressPrinter.formatDuration(3 * 3600 + 60)).isEqualTo("3h01m");
        assertThat(ProgressPrinter.formatDuration(Double.NaN)).isEqualTo("--");
    }

    @Test
    void plotDrawsARunsCurvesAndNamesWhatIsWrongOtherwise() throws Exception {
        assertThat(run(tinyTrain("--iterations", "4", "--sample-every", "2"))).as(err.toString()).isZero();
        assertThat(out.toString()).contains("no quality classifier in models fits this data");
        Path png = dir.resolve("curves.png");
        assertThat(run("plot", dir.resolve("runs/t").toString(), "-o", png.toString(), "--width", "640",
                "--height", "480")).as(err.toString()).isZero();
        BufferedImage curves = ImageIO.read(png.toFile());
        assertThat(curves.getWidth()).isEqualTo(640);
        assertThat(curves.getHeight()).isEqualTo(480);

        assertThat(run("plot", dir.resolve("runs/t").toString(), "--smoothing", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("--smoothing = 1.5");
        assertThat(run("plot", dir.resolve("nowhere").toString(), "-o", png.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("nowhere");
    }
}
