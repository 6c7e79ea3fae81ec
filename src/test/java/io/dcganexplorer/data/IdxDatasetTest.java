package io.dcganexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcganexplorer.data.IdxDataset.Options;
import io.dcganexplorer.data.IdxDataset.ResizeMode;
import io.dcganexplorer.data.IdxDataset.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxDatasetTest {

    private static final int SIZE = 28;
    private static final int[] LABELS = {3, 0, 9, 1};

    @TempDir
    Path dir;

    /** Train files in the Fashion-MNIST layout, gzipped (the file name keeps ".gz" either way). */
    private void writeTrainFiles(boolean gzip) throws IOException {
        IdxTestFiles.images(dir.resolve("train-images-idx3-ubyte.gz"), IdxReader.IMAGES_MAGIC,
                LABELS.length, LABELS.length, SIZE, gzip);
        IdxTestFiles.labels(dir.resolve("train-labels-idx1-ubyte.gz"), LABELS, gzip);
    }

    @ParameterizedTest(name = "gzip = {0}")
    @ValueSource(booleans = {true, false})
    void readsPixelsAndLabelsExactlyWhetherGzippedOrPlain(boolean gzip) throws IOException {
        writeTrainFiles(gzip);

        InMemoryImageDataset data = IdxDataset.fashionMnist(dir, Split.TRAIN, 28, ResizeMode.RESIZE);

        assertThat(data.size()).isEqualTo(4);
        assertThat(data.imageSize()).isEqualTo(28);
        assertThat(data.channels()).isEqualTo(1);
        assertThat(data.classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        for (int i = 0; i < LABELS.length; i++) {
            assertThat(data.label(i)).isEqualTo(LABELS[i]);
            byte[] bytes = data.imageBytes(i);
            for (int p = 0; p < SIZE * SIZE; p++) {
                assertThat(bytes[p] & 0xFF).isEqualTo(IdxTestFiles.pixel(i, p));
            }
        }
        float[] floats = new float[data.imageLength()];
        data.writeImage(2, floats, 0);
        assertThat(floats[5]).isEqualTo(IdxTestFiles.pixel(2, 5) / 127.5f - 1f);
    }

    @Test
    void readsPlainFilesWithoutGzSuffix() throws IOException {
        IdxTestFiles.images(dir.resolve("t10k-images-idx3-ubyte"), IdxReader.IMAGES_MAGIC, 2, 2, SIZE, false);
        IdxTestFiles.labels(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {4, 5}, false);

        InMemoryImageDataset data = IdxDataset.fashionMnist(dir, Split.TEST, 28, ResizeMode.RESIZE);

        assertThat(data.size()).isEqualTo(2);
        assertThat(data.label(1)).isEqualTo(5);
    }

    @Test
    void paddingPutsBackgroundAtTheBorderAndKeepsThePixelsInside() throws IOException {
        writeTrainFiles(true);

        InMemoryImageDataset data = IdxDataset.fashionMnist(dir, Split.TRAIN, 32, ResizeMode.PAD);

        byte[] image = data.imageBytes(1);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int value = image[y * 32 + x] & 0xFF;
                boolean border = x < 2 || y < 2 || x >= 30 || y >= 30;
                assertThat(value).isEqualTo(border ? 0 : IdxTestFiles.pixel(1, (y - 2) * SIZE + (x - 2)));
            }
        }
        assertThat(data.description()).contains("Fashion-MNIST train", "padded to 32x32");
    }

    @ParameterizedTest(name = "target {0}")
    @ValueSource(ints = {16, 32, 64})
    void resizesToTheTargetSizeWithValuesInRange(int target) throws IOException {
        writeTrainFiles(true);

        for (ResizeMode mode : ResizeMode.values()) {
            InMemoryImageDataset data = IdxDataset.fashionMnist(dir, Split.TRAIN, target, mode);
            float[] floats = new float[data.imageLength()];
            data.writeImage(0, floats, 0);
            assertThat(floats).hasSize(target * target);
            for (float v : floats) {
                assertThat(v).isBetween(-1f, 1f);
            }
        }
    }

    @Test
    void threeChannelsReplicateTheGrayValueAndLimitCutsTheCount() throws IOException {
        writeTrainFiles(false);

        InMemoryImageDataset data = IdxDataset.fashionMnist(dir, Split.TRAIN,
                Options.of(32, ResizeMode.PAD).withChannels(3).withLimit(3));

        assertThat(data.size()).isEqualTo(3);
        assertThat(data.channels()).isEqualTo(3);
        byte[] image = data.imageBytes(2);
        int plane = 32 * 32;
        for (int p = 0; p < plane; p++) {
            assertThat(image[plane + p]).isEqualTo(image[p]);
            assertThat(image[2 * plane + p]).isEqualTo(image[p]);
        }
    }

    @Test
    void wrongMagicNumberNamesTheFileAndBothNumbers() throws IOException {
        Path file = IdxTestFiles.images(dir.resolve("train-images-idx3-ubyte.gz"), IdxReader.LABELS_MAGIC,
                1, 1, SIZE, true);
        IdxTestFiles.labels(dir.resolve("train-labels-idx1-ubyte.gz"), new int[] {1}, true);

        assertThatThrownBy(() -> IdxDataset.fashionMnist(dir, Split.TRAIN, 32, ResizeMode.PAD))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("wrong magic number 0x00000801, expected 0x00000803");
    }

    @ParameterizedTest(name = "gzip = {0}")
    @ValueSource(booleans = {true, false})
    void truncatedImageFileSaysHowManyImagesItHolds(boolean gzip) throws IOException {
        Path file = IdxTestFiles.images(dir.resolve("train-images-idx3-ubyte.gz"), IdxReader.IMAGES_MAGIC,
                4, 2, SIZE, gzip);
        IdxTestFiles.labels(dir.resolve("train-labels-idx1-ubyte.gz"), LABELS, gzip);

        assertThatThrownBy(() -> IdxDataset.fashionMnist(dir, Split.TRAIN, 32, ResizeMode.PAD))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated: header promises 4 images of 28x28 but the file ends after 2 images");
    }

    @Test
    void truncatedHeaderIsReportedAsTruncated() throws IOException {
        Path file = Files.write(dir.resolve("train-images-idx3-ubyte.gz"), new byte[] {0, 0, 8, 3, 0, 0});
        IdxTestFiles.labels(dir.resolve("train-labels-idx1-ubyte.gz"), LABELS, false);

        assertThatThrownBy(() -> IdxDataset.fashionMnist(dir, Split.TRAIN, 32, ResizeMode.PAD))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void imageAndLabelCountMismatchNamesBothCounts() throws IOException {
        writeTrainFiles(true);
        IdxTestFiles.labels(dir.resolve("train-labels-idx1-ubyte.gz"), new int[] {1, 2, 3}, true);

        assertThatThrownBy(() -> IdxDataset.fashionMnist(dir, Split.TRAIN, 32, ResizeMode.PAD))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz")
                .hasMessageContaining("count mismatch: 4 images but 3 labels");
    }

    @Test
    void missingFileAndMissingFolderAreNamed() throws IOException {
        IdxTestFiles.labels(dir.resolve("train-labels-idx1-ubyte.gz"), LABELS, true);
        Path absent = dir.resolve("nowhere");

        assertThatThrownBy(() -> IdxDataset.fashionMnist(dir, Split.TRAIN, 32, ResizeMode.PAD))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("missing train-images-idx3-ubyte.gz");
        assertThatThrownBy(() -> IdxDataset.fashionMnist(absent, Split.TRAIN, 32, ResizeMode.PAD))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(absent.toString())
                .hasMessageContaining("dataset-fashion-mnist");
    }
}
