package io.dcganexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** probe, classifier and quality on a tiny Fashion-MNIST look-alike written to a temporary folder. */
class ProbeCliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String data;

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Class k is a bright horizontal band at rows 2k+4 .. 2k+6 of a 28x28 image, plus noise. */
    private static void writeSplit(Path folder, String prefix, int perClass, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 10 * perClass;
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        DataOutputStream img = new DataOutputStream(images);
        img.writeInt(0x00000803);
        img.writeInt(n);
        img.writeInt(28);
        img.writeInt(28);
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        DataOutputStream lab = new DataOutputStream(labels);
        lab.writeInt(0x00000801);
        lab.writeInt(n);
        for (int i = 0; i < n; i++) {
            int k = i % 10;
            lab.writeByte(k);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean on = y >= 2 * k + 4 && y < 2 * k + 7;
                    img.writeByte((on ? 200 : 20) + random.nextInt(40));
                }
            }
        }
        Files.write(folder.resolve(prefix + "-images-idx3-ubyte"), images.toByteArray());
        Files.write(folder.resolve(prefix + "-labels-idx1-ubyte"), labels.toByteArray());
    }

    @BeforeEach
    void tinyFashionMnist() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("fmnist"));
        writeSplit(folder, "train", 6, 1);
        writeSplit(folder, "t10k", 3, 2);
        data = "fashion-mnist:" + folder;
    }

    @Test
    void probeClassifierAndQualityRunOnATrainedModel() throws IOException {
        Path model = dir.resolve("model");
        assertThat(run("train", "--data", data, "--size", "16", "--channels", "1", "--nz", "4", "--ngf", "4",
                "--ndf", "4", "--batch", "8", "--iterations", "2", "--runs", dir.resolve("runs").toString(),
                "--name", "t", "--progress", "lines", "--export", model.toString())).as(err.toString()).isZero();

        Path table = dir.resolve("out/probe.md");
        assertThat(run("probe", model.toString(), "--data", data, "--train-cap", "0", "--labels-per-class", "3",
                "--draws", "2", "--c-grid", "1e-3,1e-2", "--out", table.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("| trained D | 192 |").contains("| raw pixels | 256 |")
                .contains("table written to");
        assertThat(Files.readString(table)).contains("| random-init D |").contains("3 per class (30 labels)");

        Path classifier = dir.resolve("c.zip");
        assertThat(run("quality", model.toString(), "--data", data, "--classifier", classifier.toString(),
                "--samples", "20")).isEqualTo(1);
        assertThat(err.toString()).contains("c.zip: no such classifier");
        assertThat(run("quality", model.toString(), "--data", data, "--classifier", classifier.toString(),
                "--train-classifier", "--samples", "20")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("test accuracy").contains("Frechet distance")
                .contains("classes covered");
        assertThat(Files.size(classifier)).isLessThan(2_000_000);
    }

    @Test
    void probeAndQualityRefuseDataWithoutATestSplitInOneLine() {
        assertThat(run("probe", dir.toString(), "--data", "faces")).isEqualTo(1);
        assertThat(err.toString()).contains("error: data 'faces': needs labelled train and test splits")
                .doesNotContain("\tat ");
        assertThat(run("quality", dir.toString(), "--data", "folder:/tmp")).isEqualTo(1);
        assertThat(err.toString()).contains("error: data 'folder:/tmp': needs labelled train and test splits");
    }
}
