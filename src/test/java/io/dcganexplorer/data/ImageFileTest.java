package io.dcganexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageFileTest {

    @TempDir
    Path dir;

    private static BufferedImage redSquareOnBlue(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(width / 2 - 4, height / 2 - 4, 8, 8);
        g.dispose();
        return image;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"png", "jpg", "bmp", "gif"})
    void everyCommonFormatLoadsAtTheModelSizeWithItsColours(String format) throws Exception {
        Path file = dir.resolve("picture." + format);
        assertThat(ImageIO.write(redSquareOnBlue(48, 48, BufferedImage.TYPE_INT_RGB), format, file.toFile())).isTrue();
        ImageFile image = ImageFile.load(file, 16, 3);
        assertThat(image.chw()).hasSize(3 * 16 * 16);
        assertThat(image.name()).isEqualTo("picture." + format);
        // Centre pixel red, corner blue (JPEG's rounding allowed).
        int centre = 8 * 16 + 8;
        assertThat(image.chw()[centre]).isGreaterThan(0.8f);
        assertThat(image.chw()[2 * 256 + centre]).isLessThan(-0.8f);
        assertThat(image.chw()[2 * 256]).isGreaterThan(0.8f);
        assertThat(image.conversions()).containsExactly("reduced from 48 to 16 pixels");
    }

    @Test
    void aWideGrayImageWithTransparencyIsCroppedColouredAndSaysSo() throws Exception {
        BufferedImage gray = new BufferedImage(40, 20, BufferedImage.TYPE_BYTE_GRAY);
        Path grayFile = dir.resolve("gray.png");
        ImageIO.write(gray, "png", grayFile.toFile());
        ImageFile loaded = ImageFile.load(grayFile, 16, 3);
        assertThat(loaded.conversions()).contains("cropped 40x20 to the centre 20x20", "gray converted to RGB");
        assertThat(loaded.conversionSummary()).contains("; ");

        BufferedImage clear = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Path clearFile = dir.resolve("clear.png");
        ImageIO.write(clear, "png", clearFile.toFile());
        ImageFile composited = ImageFile.load(clearFile, 16, 1);
        assertThat(composited.conversions()).containsExactly("colour converted to gray (this model draws gray images)",
                "transparent pixels put on white");
        assertThat(composited.chw()[0]).as("transparent becomes white").isEqualTo(1f);
    }

    @Test
    void aFileThatIsNotAnImageIsNamedInOneMessage() throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "this is not a picture");
        assertThatThrownBy(() -> ImageFile.load(text, 16, 3)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("notes.png").hasMessageContaining("not an image");
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        assertThatThrownBy(() -> ImageFile.load(empty, 16, 3)).hasMessageContaining("empty.jpg")
                .hasMessageContaining("empty file");
        assertThatThrownBy(() -> ImageFile.load(dir.resolve("missing.gif"), 16, 3))
                .hasMessageContaining("missing.gif").hasMessageContaining("no such file");
        byte[] png = Files.readAllBytes(writeTruncatedSource());
        Path cut = dir.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(png, png.length / 3));
        assertThatThrownBy(() -> ImageFile.load(cut, 16, 3)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("cut.png");
    }

    private Path writeTruncatedSource() throws Exception {
        BufferedImage noisy = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                noisy.setRGB(x, y, random.nextInt());
            }
        }
        Path file = dir.resolve("source.png");
        ImageIO.write(noisy, "png", file.toFile());
        return file;
    }

    @Test
    void anImageInMemoryIsConvertedLikeAFile() {
        ImageFile drawn = ImageFile.of("drawing", redSquareOnBlue(16, 16, BufferedImage.TYPE_INT_RGB), 16, 3);
        assertThat(drawn.conversions()).isEmpty();
        assertThat(drawn.chw()[8 * 16 + 8]).isEqualTo(1f);
    }
}
