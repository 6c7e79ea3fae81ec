package io.dcganexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.data.IdxDataset;
import io.dcganexplorer.data.ProceduralDataset;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
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
                "--draws", "2", "--c-grid", "1e-3,1e-2", "--kmeans-centroids", "4", "--kmeans-patches", "200",
                "--kmeans-patch", "4", "--cross-check", "20", "--out", table.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("| trained D | 192 |").contains("| raw pixels | 256 |")
                .contains("| K-means patches | 64 |").contains("McNemar").contains("Solver cross-check")
                .contains("table written to");
        assertThat(Files.readString(table)).contains("| random-init D |").contains("3 per class (30 labels)");

        Path classifier = dir.resolve("c.zip");
        assertThat(run("quality", model.toString(), "--data", data, "--classifier", classifier.toString(),
                "--samples", "20")).isEqualTo(1);
        assertThat(err.toString()).contains("c.zip: no such classifier");
        assertThat(run("quality", model.toString(), "--data", data, "--classifier", classifier.toString(),
                "--train-classifier", "--samples", "20")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("test accuracy").contains("Frechet distance")
                .contains("(real vs real floor").contains("two disjoint halves of 15 real images")
                .contains("classes covered");

        Path figure = dir.resolve("fig5.png");
        assertThat(run("units", model.toString(), "--data", data, "-o", figure.toString(), "--images", "20",
                "--units", "2", "--top", "3")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("trained D, unit 1").contains("random-init D, unit 0")
                .contains("figure written to");
        assertThat(javax.imageio.ImageIO.read(figure.toFile()).getWidth()).isGreaterThan(2 * 6 * 16);
        assertThat(run("units", model.toString(), "--data", data, "--units", "999")).isEqualTo(1);
        assertThat(err.toString()).contains("--units 999: D's last block has");
        assertThat(Files.size(classifier)).isLessThan(2_000_000);
    }

    @Test
    void probeAndQualityRefuseDataWithoutATestSplitInOneLine() {
        assertThat(run("probe", dir.toString(), "--data", "folder:/tmp/photos")).isEqualTo(1);
        assertThat(err.toString()).contains("error: data 'folder:/tmp/photos': needs labelled train and test splits")
                .doesNotContain("\tat ");
        assertThat(run("quality", dir.toString(), "--data", "folder:/tmp")).isEqualTo(1);
        assertThat(err.toString()).contains("error: data 'folder:/tmp': needs labelled train and test splits");
    }

    @Test
    void proceduralSplitsAreLabelledDeterministicAndDisjoint() {
        var train = LabelledData.procedural(ProceduralDataset.Kind.FACES, 16, 3, IdxDataset.Split.TRAIN, 200);
        var test = LabelledData.procedural(ProceduralDataset.Kind.FACES, 16, 3, IdxDataset.Split.TEST, 200);
        assertThat(train.classNames()).containsExactly("no glasses", "glasses");
        assertThat(train.size()).isEqualTo(200);
        Set<Integer> labels = new HashSet<>();
        Set<String> trainImages = new HashSet<>();
        for (int i = 0; i < train.size(); i++) {
            labels.add(train.label(i));
            trainImages.add(Arrays.toString(train.imageBytes(i)));
        }
        assertThat(labels).as("both classes drawn").containsExactlyInAnyOrder(0, 1);
        for (int i = 0; i < test.size(); i++) {
            assertThat(trainImages).as("test image %d is not a training image", i)
                    .doesNotContain(Arrays.toString(test.imageBytes(i)));
        }
        var again = LabelledData.procedural(ProceduralDataset.Kind.FACES, 16, 3, IdxDataset.Split.TRAIN, 200);
        assertThat(again.imageBytes(7)).isEqualTo(train.imageBytes(7));
        assertThat(again.label(7)).isEqualTo(train.label(7));
        // The bytes are the procedural image's values, rounded to one of 256 levels.
        float[] original = new float[3 * 16 * 16];
        new ProceduralDataset(ProceduralDataset.Kind.FACES, 16, 3, 200, LabelledData.PROCEDURAL_TRAIN_SEED, 0)
                .writeImage(7, original, 0);
        float[] copied = new float[original.length];
        train.writeImage(7, copied, 0);
        for (int v = 0; v < original.length; v++) {
            assertThat(copied[v]).isCloseTo(original[v], org.assertj.core.data.Offset.offset(1f / 127.5f));
        }
    }
}
