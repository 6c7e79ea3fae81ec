package io.dcganexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.run.MetricsLog;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.RunDirectory;
import io.dcganexplorer.run.RunManifest;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad command lines and broken run folders through the CLI, as a hostile user tries them: each gets the
 * right exit code and one line that says what was being done, to which file, and what to do.
 */
class CliBadInputTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static final List<String> TINY = List.of("--size", "16", "--channels", "1", "--nz", "4", "--ngf", "4",
            "--ndf", "4", "--batch", "4", "--progress", "lines");

    /** A tiny finished run: 4 steps, a checkpoint every 2. */
    private Path tinyRun(String name, String data, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data, "--limit", "16", "--iterations", "4",
                "--checkpoint-every", "2", "--sample-every", "2", "--runs", dir.resolve("runs").toString(),
                "--name", name));
        args.addAll(TINY);
        args.addAll(List.of(more));
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
        return dir.resolve("runs").resolve(name);
    }

    @Test
    void badDataAndSampleValuesAreUsageErrorsOfOneLineAndAHint() {
        String runs = dir.resolve("runs").toString();
        String[][] cases = {
            {"train", "--data", "imagenet", "--runs", runs},
            {"train", "--data", "folder:", "--runs", runs},
            {"sample", dir.toString(), "--count", "0"},
            {"sample", dir.toString(), "--count", "100000"},
            {"sample", dir.toString(), "--count", "-3"},
            {"sample", dir.toString(), "--scale", "0"},
            {"train", "--name", "../../escaped", "--runs", runs},
            {"train", "--name", dir.resolve("absolute").toString(), "--runs", runs},
            {"train", "--name", "a/b", "--runs", runs},
            {"train", "--name", "..", "--runs", runs},
        };
        for (String[] c : cases) {
            assertThat(run(c)).as(String.join(" ", c)).isEqualTo(2);
            List<String> lines = err.toString().lines().toList();
            assertThat(lines).as(String.join(" ", c)).hasSize(2);
            assertThat(lines.get(0)).startsWith("error: --");
            assertThat(lines.get(1)).isEqualTo("See 'dcgan " + c[0] + " --help' for the options.");
        }
        assertThat(dir.resolve("escaped")).doesNotExist();
        assertThat(dir.resolve("absolute")).doesNotExist();
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void runsPointingAtAFileSaysSoAndWhatToGive() throws Exception {
        Path file = Files.writeString(dir.resolve("runs-file"), "not a folder");
        assertThat(run("train", "--data", "faces", "--runs", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: --runs = " + file + ": is a file, not a folder");
    }

    @Test
    void theHelpOfTrainListsTheExitCodesWithTheOneOfADivergedRun() {
        assertThat(run("train", "--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:").contains("3   diverged or collapsed");
    }

    @Test
    void aResumeRefusesOptionsItCannotChangeAndAppliesAndLogsTheOthers() throws Exception {
        Path runDir = tinyRun("r", "faces");
        assertThat(run("train", "--resume", runDir.toString(), "--batch", "0")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: --batch cannot be given with --resume");
        assertThat(run("train", "--resume", runDir.toString(), "--data", "rooms")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: --data cannot be given with --resume");

        assertThat(run("train", "--resume", runDir.toString(), "--iterations", "6", "--sample-every", "3",
                "--checkpoint-every", "3", "--lr", "1e-4", "--progress", "lines")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("changed on resume: --iterations: 4 -> 6")
                .contains("changed on resume: --sample-every: 2 -> 3")
                .contains("changed on resume: --checkpoint-every: 2 -> 3")
                .contains("changed on resume: --lr: 2.0E-4 -> 1.0E-4");
        RunManifest m = RunDirectory.open(runDir).manifest();
        assertThat(m.plan().sampleEvery()).isEqualTo(3);
        assertThat(m.plan().checkpointEvery()).isEqualTo(3);
        assertThat(m.config().learningRate()).isEqualTo(1e-4);
        assertThat(RunDirectory.open(runDir).samples()).extracting(RunDirectory::iterationOf).contains(6L);
    }

    @Test
    void aRunThatDivergesEndsWithExitCodeThreeAndWarnsOnStandardError() {
        List<String> args = new ArrayList<>(List.of("train", "--data", "faces", "--limit", "16", "--iterations",
                "300", "--lr", "1", "--checkpoint-every", "2", "--runs", dir.resolve("runs").toString(),
                "--name", "wild"));
        args.addAll(TINY);
        assertThat(run(args.toArray(String[]::new))).as(out.toString()).isEqualTo(3);
        assertThat(err.toString()).contains("warning: training looks diverged at step")
                .contains("the generator's loss has stayed above 30");
        assertThat(out.toString()).contains("training diverged:").contains("To go on from it");
    }

    @Test
    void aDefaultRunNameIsTheDataSetItsSizeAndTheTime() throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "--data", "faces", "--limit", "8", "--iterations", "1",
                "--runs", dir.resolve("runs").toString()));
        args.addAll(TINY);
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
        try (var s = Files.list(dir.resolve("runs"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .matches("faces16-\\d{8}-\\d{4}");
        }
    }

    @Test
    void sampleNamesTheFileItCouldNotWriteNotItsTemporaryFile() {
        Path runDir = tinyRun("s", "faces");
        assertThat(run("sample", runDir.toString(), "-o", "/proc/x.png")).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: could not write the samples to /proc/x.png (")
                .contains("choose another file with -o").doesNotContain(".x.png");
    }

    @Test
    void anEmptyGeneratorFileSaysItIsEmptyNotWhatTheLibrarySays() throws Exception {
        Path runDir = tinyRun("z", "faces");
        for (Path checkpoint : RunDirectory.open(runDir).checkpoints()) {
            Files.write(checkpoint.resolve(ModelBundle.GENERATOR), new byte[0]);
        }
        assertThat(run("sample", runDir.toString(), "-o", dir.resolve("x.png").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("generator.zip: empty file (0 bytes)").contains("copy the model again")
                .doesNotContain("stream may have been closed");
    }

    @Test
    void aGarbageManifestGivesPrintableTextAndSampleStillUsesTheGoodCheckpoints() throws Exception {
        Path runDir = tinyRun("g", "faces");
        byte[] garbage = new byte[300];
        new SplittableRandom(5).nextBytes(garbage);
        garbage[0] = (byte) 0xC3;
        Files.write(runDir.resolve(RunDirectory.MANIFEST), garbage);

        assertThat(run("train", "--resume", runDir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("manifest.json: unreadable manifest").matches("[\\x20-\\x7e\\n]*");

        Path png = dir.resolve("g.png");
        assertThat(run("sample", runDir.toString(), "-o", png.toString())).as(err.toString()).isZero();
        assertThat(png).exists();
        assertThat(err.toString()).startsWith("warning: ").contains("using the newest checkpoint without checking")
                .matches("[\\x20-\\x7e\\n]*");
    }

    @Test
    void resumingOnChangedImagesSaysWhatChangedAndNeedsPermission() throws Exception {
        Path images = dir.resolve("images");
        Files.createDirectories(images);
        for (int i = 0; i < 12; i++) {
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            image.setRGB(i, i, 0xFFFFFF);
            ImageIO.write(image, "png", images.resolve(String.format("img-%02d.png", i)).toFile());
        }
        Path runDir = tinyRun("folder", "folder:" + images);
        Files.delete(images.resolve("img-03.png"));
        Files.delete(images.resolve("img-07.png"));

        assertThat(run("train", "--resume", runDir.toString(), "--iterations", "6")).isEqualTo(1);
        assertThat(err.toString()).contains("the training data changed since this run started")
                .contains("files 12 -> 10").contains("images 12 -> 10").contains("--allow-changed-data");
        assertThat(MetricsLog.read(runDir.resolve(RunDirectory.METRICS))).hasSize(4);

        assertThat(run("train", "--resume", runDir.toString(), "--iterations", "6", "--allow-changed-data",
                "--progress", "lines")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("the data changed since the run started (");
        assertThat(RunDirectory.open(runDir).manifest().datasetSize()).isEqualTo(10);
    }

    @Test
    void aFolderWithClassFoldersKeepsItsTopLevelImagesAndListsEverySkippedFile() throws Exception {
        Path images = dir.resolve("mixed");
        Files.createDirectories(images.resolve("cats"));
        for (int i = 0; i < 6; i++) {
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            image.setRGB(i, i, 0xFFFFFF);
            ImageIO.write(image, "png", images.resolve(String.format("top-%02d.png", i)).toFile());
        }
        BufferedImage cat = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(cat, "png", images.resolve("cats/cat.png").toFile());
        for (int i = 0; i < 25; i++) {
            Files.writeString(images.resolve(String.format("cats/broken-%02d.png", i)), "not a png");
        }
        Path runDir = tinyRun("mixed", "folder:" + images);

        assertThat(err.toString()).contains("form the class 'unlabelled'")
                .contains("skipped 25 file(s) in " + images + ", 25 of them unreadable images")
                .contains("... and 5 more (all of them are listed in skipped.txt");
        assertThat(err.toString().lines().filter(l -> l.startsWith("  ") && l.contains("broken-"))).hasSize(20);
        List<String> listed = Files.readAllLines(runDir.resolve("skipped.txt"));
        assertThat(listed.stream().filter(l -> l.contains("broken-"))).hasSize(25);
        assertThat(RunDirectory.open(runDir).manifest().datasetSize()).isEqualTo(7);
    }

    @Test
    void tooFewReadableImagesNameTheSkippedFilesNotOnlyTheBatchSize() throws Exception {
        Path images = dir.resolve("few");
        Files.createDirectories(images);
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "png", images.resolve("good.png").toFile());
        for (int i = 0; i < 3; i++) {
            Files.writeString(images.resolve("bad-" + i + ".png"), "not a png");
        }
        List<String> args = new ArrayList<>(List.of("train", "--data", "folder:" + images, "--iterations", "2",
                "--runs", dir.resolve("runs").toString(), "--name", "few"));
        args.addAll(TINY);
        assertThat(run(args.toArray(String[]::new))).isEqualTo(1);
        assertThat(err.toString()).contains("has 1 images (3 file(s) of the folder were skipped, 3 of them "
                + "unreadable; the first: " + images.resolve("bad-0.png")).contains("add images or lower the batch");
    }
}
