package io.dcganexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

class ImageFolderDatasetTest {

    private static final int SIZE = 8;

    @TempDir
    Path dir;

    private static BufferedImage filled(int type, int width, int height, int argb) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, argb);
            }
        }
        return image;
    }

    private static Path write(BufferedImage image, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(image, format, file.toFile())).as("writer for " + file).isTrue();
        return file;
    }

    /**
     * A CMYK JPEG. ImageIO writes a 4-band raster as is, without an Adobe marker, and its reader then
     * takes the samples as inverted CMYK (Photoshop's convention), so the test stores 255 - value.
     */
    private static Path writeCmykJpeg(Path file, int c, int m, int y, int k) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        for (int row = 0; row < 16; row++) {
            for (int col = 0; col < 16; col++) {
                raster.setPixel(col, row, new int[] {255 - c, 255 - m, 255 - y, 255 - k});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        return file;
    }

    private static BufferedImage paletteWithTransparentEntry() {
        byte[] red = {(byte) 255, 0};
        byte[] zero = {0, 0};
        IndexColorModel palette = new IndexColorModel(8, 2, red, zero, zero, 1);
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_INDEXED, palette);
        // Every pixel uses the transparent entry, so the loaded image must be the background.
        image.getRaster().setSamples(0, 0, 10, 10, 0, filledInts(100, 1));
        return image;
    }

    private float[] pixels(ImageDataset data, int index) {
        float[] values = new float[data.imageLength()];
        data.writeImage(index, values, 0);
        return values;
    }

    @Test
    void loadsEveryReadableKindAndSkipsTheBrokenOnesWithReasons() throws IOException {
        Path a = dir.resolve("animals");
        Path b = dir.resolve("buildings");
        // Raster samples, not setRGB: setRGB would convert 100 to Java's linear gray (32).
        BufferedImage gray = new BufferedImage(20, 12, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 20, 12, 0, filledInts(240, 100));
        write(gray, "png", a.resolve("1-gray.png"));
        write(filled(BufferedImage.TYPE_INT_RGB, 12, 12, 0xFFFF0000), "png", a.resolve("2-rgb.png"));
        write(filled(BufferedImage.TYPE_INT_ARGB, 12, 12, 0x00000000), "png", a.resolve("3-rgba.png"));
        write(paletteWithTransparentEntry(), "png", a.resolve("4-palette.png"));
        BufferedImage deep = new BufferedImage(12, 12, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSamples(0, 0, 12, 12, 0, filledInts(144, 100 * 257));
        write(deep, "png", a.resolve("5-gray16.png"));
        write(filled(BufferedImage.TYPE_INT_RGB, 12, 12, 0xFF0000FF), "jpeg", b.resolve("6-rgb.jpg"));
        writeCmykJpeg(b.resolve("7-cmyk.jpg"), 0, 255, 255, 0);
        write(filled(BufferedImage.TYPE_INT_RGB, 12, 12, 0xFF00FF00), "bmp", b.resolve("8-rgb.bmp"));
        write(paletteWithTransparentEntry(), "gif", b.resolve("9-palette.gif"));
        write(filled(BufferedImage.TYPE_INT_RGB, 3, 3, 0xFFFFFFFF), "png", b.resolve("tiny.png"));
        Files.createFile(b.resolve("zero.png"));
        byte[] png = Files.readAllBytes(a.resolve("2-rgb.png"));
        Files.write(b.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        Files.writeString(b.resolve("text.png"), "this is not an image");
        Files.writeString(b.resolve("notes.txt"), "not an image either");
        Files.createSymbolicLink(b.resolve("loop"), b);
        Files.writeString(dir.resolve("README.png"), "outside the class folders");

        ImageFolderDataset data = ImageFolderDataset.load(dir, ImageFolderDataset.Options.of(SIZE, 3));

        assertThat(data.size()).isEqualTo(10);
        assertThat(data.imageSize()).isEqualTo(SIZE);
        assertThat(data.classNames()).containsExactly("animals", "buildings");
        Map<Path, String> skipped = data.report().skipped().stream()
                .collect(Collectors.toMap(s -> dir.relativize(s.path()), LoadReport.Skipped::reason));
        assertThat(skipped).containsOnlyKeys(Path.of("buildings/zero.png"), Path.of("buildings/truncated.png"),
                Path.of("buildings/text.png"), Path.of("buildings/notes.txt"), Path.of("buildings/loop"),
                Path.of("README.png"));
        assertThat(skipped.get(Path.of("buildings/zero.png"))).contains("empty file");
        assertThat(skipped.get(Path.of("buildings/text.png"))).contains("not a recognised image format");
        assertThat(skipped.get(Path.of("buildings/notes.txt"))).contains("not an image file type (.txt)");
        assertThat(skipped.get(Path.of("buildings/loop"))).contains("symbolic link loop");
        assertThat(data.report().loaded()).isEqualTo(10);

        // Files load in name order: animals 1..5, then buildings 6..9 and tiny.
        assertThat(data.label(0)).isZero();
        assertThat(data.label(9)).isEqualTo(1);
        assertThat(pixels(data, 0)).as("8-bit gray read as is, not gamma-brightened")
                .containsOnly(100 / 127.5f - 1f);
        assertRgb(data, 1, 255, 0, 0);
        assertRgb(data, 2, 255, 255, 255); // fully transparent on the white background
        assertRgb(data, 3, 255, 255, 255); // the palette's transparent entry
        assertThat(pixels(data, 4)).as("16-bit gray scaled to 8 bits").containsOnly(100 / 127.5f - 1f);
        assertRgbNear(data, 5, 0, 0, 255);
        assertRgbNear(data, 6, 255, 0, 0); // C=0 M=Y=255 K=0 is red
        assertRgb(data, 7, 0, 255, 0);
        assertRgb(data, 8, 255, 255, 255);
        assertRgb(data, 9, 255, 255, 255); // the 3x3 image, enlarged
        for (int i = 0; i < data.size(); i++) {
            for (float v : pixels(data, i)) {
                assertThat(v).isBetween(-1f, 1f);
            }
        }
    }

    private static int[] filledInts(int length, int value) {
        int[] values = new int[length];
        Arrays.fill(values, value);
        return values;
    }

    private void assertRgb(ImageDataset data, int index, int r, int g, int b) {
        float[] values = pixels(data, index);
        int plane = SIZE * SIZE;
        for (int p = 0; p < plane; p++) {
            assertThat(new int[] {ImageConversions.toByteValue(values[p]),
                    ImageConversions.toByteValue(values[plane + p]),
                    ImageConversions.toByteValue(values[2 * plane + p])})
                    .as("image %d pixel %d", index, p).containsExactly(r, g, b);
        }
    }

    private void assertRgbNear(ImageDataset data, int index, int r, int g, int b) {
        float[] values = pixels(data, index);
        int plane = SIZE * SIZE;
        int p = plane / 2;
        assertThat(ImageConversions.toByteValue(values[p])).as("red").isCloseTo(r, org.assertj.core.data.Offset.offset(12));
        assertThat(ImageConversions.toByteValue(values[plane + p])).as("green").isCloseTo(g, org.assertj.core.data.Offset.offset(12));
        assertThat(ImageConversions.toByteValue(values[2 * plane + p])).as("blue").isCloseTo(b, org.assertj.core.data.Offset.offset(12));
    }

    @Test
    void folderWithoutSubfoldersIsUnlabelledAndOneChannelIsLuma() throws IOException {
        write(filled(BufferedImage.TYPE_INT_ARGB, 16, 16, 0x00FF0000), "png", dir.resolve("clear.png"));
        write(filled(BufferedImage.TYPE_INT_RGB, 16, 16, 0xFF00FF00), "png", dir.resolve("green.png"));

        ImageFolderDataset data = ImageFolderDataset.load(dir,
                new ImageFolderDataset.Options(SIZE, 1, Color.BLACK));

        assertThat(data.classNames()).isEmpty();
        assertThat(data.label(0)).isEqualTo(-1);
        assertThat(pixels(data, 0)).as("transparent on black").containsOnly(-1f);
        assertThat(ImageConversions.toByteValue(pixels(data, 1)[0])).isEqualTo(Math.round(0.587f * 255));
    }

    @Test
    void largeImagesAreDecodedSubsampledAndCenterCropped() throws IOException {
        BufferedImage wide = new BufferedImage(4000, 2000, BufferedImage.TYPE_BYTE_GRAY);
        Path file = write(wide, "png", dir.resolve("wide.png"));

        BufferedImage decoded = ImageFolderDataset.decode(file, 16);

        assertThat(decoded.getWidth()).isEqualTo(decoded.getHeight()).isLessThanOrEqualTo(4 * 16)
                .isGreaterThanOrEqualTo(16);
        ImageFolderDataset data = ImageFolderDataset.load(dir, ImageFolderDataset.Options.of(16, 1));
        assertThat(pixels(data, 0)).containsOnly(-1f);
    }

    @Test
    void brokenLinksAndFilesThatCannotBeReadAreSkippedByName() throws IOException {
        write(filled(BufferedImage.TYPE_INT_RGB, 12, 12, 0xFFFF0000), "png", dir.resolve("a-ok.png"));
        Files.createSymbolicLink(dir.resolve("b-dangling.png"), dir.resolve("nowhere.png"));
        Path locked = write(filled(BufferedImage.TYPE_INT_RGB, 12, 12, 0xFF00FF00), "png", dir.resolve("c-locked.png"));
        // Root reads any file, so the permission case only runs for other users (CI may run as root).
        boolean locks = locked.toFile().setReadable(false, false) && !Files.isReadable(locked);

        ImageFolderDataset data = ImageFolderDataset.load(dir, ImageFolderDataset.Options.of(SIZE, 3));

        Map<Path, String> skipped = data.report().skipped().stream()
                .collect(Collectors.toMap(s -> dir.relativize(s.path()), LoadReport.Skipped::reason));
        assertThat(skipped.get(Path.of("b-dangling.png"))).contains("broken link");
        if (locks) {
            assertThat(skipped).containsKey(Path.of("c-locked.png"));
            assertThat(data.size()).isEqualTo(1);
        } else {
            assertThat(data.size()).isEqualTo(2);
        }
        assertRgb(data, 0, 255, 0, 0);
    }

    @Test
    void aTenThousandPixelSquareImageIsDecodedSubsampledNotWhole() throws IOException {
        // 10000x10000 RGB is 400 MB as a BufferedImage; the decoder never builds it. The file is written from a
        // gray image (100 MB, freed before loading) because PNG compresses its one colour to a few KB.
        Path file = write(new BufferedImage(10_000, 10_000, BufferedImage.TYPE_BYTE_GRAY), "png",
                dir.resolve("huge.png"));

        BufferedImage decoded = ImageFolderDataset.decode(file, 32);

        assertThat(decoded.getWidth()).isEqualTo(decoded.getHeight()).isLessThanOrEqualTo(4 * 32)
                .isGreaterThanOrEqualTo(32);
        ImageFolderDataset data = ImageFolderDataset.load(dir, ImageFolderDataset.Options.of(32, 3));
        assertThat(data.size()).isEqualTo(1);
        assertThat(pixels(data, 0)).containsOnly(-1f);
    }

    @Test
    void boxFilterAveragesWhenShrinking() throws IOException {
        BufferedImage stripes = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x += 2) {
                stripes.getRaster().setSample(x, y, 0, 200);
            }
        }
        write(stripes, "png", dir.resolve("stripes.png"));

        ImageFolderDataset data = ImageFolderDataset.load(dir, ImageFolderDataset.Options.of(SIZE, 1));

        assertThat(pixels(data, 0)).containsOnly(100 / 127.5f - 1f);
    }

    @Test
    void progressIsReportedPerFileAndCancellationStopsLoading() throws IOException {
        for (int i = 0; i < 3; i++) {
            write(filled(BufferedImage.TYPE_INT_RGB, 4, 4, 0xFF000000), "png", dir.resolve(i + ".png"));
        }
        List<long[]> updates = new ArrayList<>();

        ImageFolderDataset.load(dir, ImageFolderDataset.Options.of(SIZE, 1),
                (done, total) -> updates.add(new long[] {done, total}), () -> false);

        assertThat(updates).extracting(u -> u[0] + "/" + u[1]).containsExactly("1/3", "2/3", "3/3");
        assertThatThrownBy(() -> ImageFolderDataset.load(dir, ImageFolderDataset.Options.of(SIZE, 1),
                ImageFolderDataset.Progress.NONE, () -> true)).isInstanceOf(CancellationException.class);
    }

    /** A temporary folder in memory where Linux offers one: 100,000 files are made three times faster there. */
    static final class InMemoryWhereAvailable implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
            Path shm = Path.of("/dev/shm");
            return Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "junit")
                    : Files.createTempDirectory("junit");
        }
    }

    /**
     * 100,000 files, made cheaply as hard links to three 4x4 PNGs (a link writes no data). The listing must
     * report progress long before it ends (a loader that lists or decodes everything first reports late or
     * not at all), stop at once when cancelled, and with a limit decode only that many files.
     */
    @Test
    void aFolderOfAHundredThousandFilesLoadsAsAStreamWithEarlyProgress(
            @TempDir(factory = InMemoryWhereAvailable.class) Path memory) throws IOException {
        int files = 100_000;
        Path many = Files.createDirectory(memory.resolve("many"));
        Path[] sources = new Path[3];
        for (int s = 0; s < sources.length; s++) {
            sources[s] = write(filled(BufferedImage.TYPE_INT_RGB, 4, 4, 0xFF000000 | 0x7F7F7F * s), "png",
                    memory.resolve("source-" + s + ".png"));
        }
        for (int i = 0; i < files; i++) {
            Files.createLink(many.resolve(String.format("%06d.png", i)), sources[i % sources.length]);
        }

        List<long[]> listing = new ArrayList<>();
        List<long[]> loading = new ArrayList<>();
        long start = System.nanoTime();
        ImageFolderDataset data = ImageFolderDataset.load(many, ImageFolderDataset.Options.of(SIZE, 1).withLimit(200),
                (done, total) -> (total < 0 ? listing : loading).add(new long[] {done, total, System.nanoTime()}),
                () -> false);

        assertThat(data.size()).isEqualTo(200);
        assertThat(data.description()).contains("limit 200 of 100000 files");
        assertThat(listing).hasSize(files / ImageFolderDataset.LISTING_PROGRESS_EVERY);
        assertThat(listing.get(listing.size() - 1)[0]).isEqualTo(files);
        long listed = loading.get(0)[2] - start;
        long firstReport = listing.get(0)[2] - start;
        assertThat(firstReport).as("first report after %d of %d ms of listing", firstReport / 1_000_000,
                listed / 1_000_000).isLessThan(listed / 4);
        assertThat(loading).as("decoding stops at the limit").hasSize(200)
                .allSatisfy(u -> assertThat(u[1]).isEqualTo(200));

        List<Long> seen = new ArrayList<>();
        boolean[] cancel = {false};
        assertThatThrownBy(() -> ImageFolderDataset.load(many, ImageFolderDataset.Options.of(SIZE, 1), (done, total) -> {
            seen.add(done);
            cancel[0] |= done >= 5000;
        }, () -> cancel[0])).isInstanceOf(CancellationException.class);
        assertThat(seen).as("no entry is looked at after the cancel").endsWith(5000L);
    }

    @Test
    void aLimitTakesImagesFromEveryClassAndStandsInForUnreadableOnes() throws IOException {
        for (String label : List.of("a", "b")) {
            for (int i = 0; i < 10; i++) {
                write(filled(BufferedImage.TYPE_INT_RGB, 4, 4, 0xFF000000), "png", dir.resolve(label + "/" + i + ".png"));
            }
        }
        Files.writeString(dir.resolve("a/0.png"), "broken");

        ImageFolderDataset data = ImageFolderDataset.load(dir, ImageFolderDataset.Options.of(SIZE, 1).withLimit(4));

        assertThat(data.size()).isEqualTo(4);
        assertThat(data.classNames()).containsExactly("a", "b");
        assertThat(java.util.stream.IntStream.range(0, 4).map(data::label)).containsExactly(0, 0, 1, 1);
        assertThat(data.report().skipped()).singleElement().extracting(LoadReport.Skipped::path)
                .isEqualTo(dir.resolve("a/0.png"));
        assertThat(ImageFolderDataset.spreadOrder(10, 4)).containsExactly(0, 2, 5, 7, 1, 3, 4, 6, 8, 9);
    }

    @Test
    void missingEmptyOrUnreadableFolderIsOneErrorNamingTheFolder() throws IOException {
        Path missing = dir.resolve("missing");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path junk = Files.createDirectory(dir.resolve("junk"));
        Files.writeString(junk.resolve("a.png"), "no");

        assertThatThrownBy(() -> ImageFolderDataset.load(missing, ImageFolderDataset.Options.of(SIZE, 1)))
                .isInstanceOf(DatasetException.class).hasMessageContaining(missing + ": no such folder");
        assertThatThrownBy(() -> ImageFolderDataset.load(empty, ImageFolderDataset.Options.of(SIZE, 1)))
                .isInstanceOf(DatasetException.class).hasMessageContaining(empty + ": no readable image");
        assertThatThrownBy(() -> ImageFolderDataset.load(junk, ImageFolderDataset.Options.of(SIZE, 1)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(junk + ": no readable image among 1 files")
                .hasMessageContaining("not a recognised image format");
    }
}
