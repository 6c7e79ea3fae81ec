package io.dcganexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageConversionsTest {

    @TempDir
    Path dir;

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 37 + 11);
        }
        return bytes;
    }

    @Test
    void bytesSurviveTheRoundTripThroughFloatsAndBufferedImageInGrayAndRgb() {
        for (int channels : new int[] {1, 3}) {
            byte[] original = pattern(channels * 8 * 8);
            InMemoryImageDataset data = new InMemoryImageDataset("one", 8, channels, new byte[][] {original},
                    null, List.of());
            float[] floats = new float[data.imageLength()];
            data.writeImage(0, floats, 0);

            BufferedImage image = ImageConversions.toImage(floats, 0, channels, 8);

            assertThat(image.getType()).isEqualTo(channels == 1 ? BufferedImage.TYPE_BYTE_GRAY
                    : BufferedImage.TYPE_INT_RGB);
            assertThat(ImageConversions.toChwBytes(image, channels)).isEqualTo(original);
        }
    }

    @Test
    void outOfRangeValuesAndNanAreClamped() {
        assertThat(ImageConversions.toByteValue(-7f)).isZero();
        assertThat(ImageConversions.toByteValue(3f)).isEqualTo(255);
        assertThat(ImageConversions.toByteValue(Float.NaN)).isZero();
        assertThat(ImageConversions.toByteValue(0f)).isEqualTo(128);
    }

    @Test
    void rgbImageBecomesLumaAndTransparentPixelsTakeTheBackground() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xFF00FF00);
        image.setRGB(1, 0, 0x00000000);

        byte[] gray = ImageConversions.toChwBytes(image, 1, Color.BLACK);
        byte[] rgb = ImageConversions.toChwBytes(image, 3, Color.WHITE);

        assertThat(gray[0] & 0xFF).isEqualTo(Math.round(0.587f * 255));
        assertThat(gray[1] & 0xFF).isZero();
        assertThat(rgb).containsExactly(0, -1, (byte) 255, -1, 0, -1);
    }

    @Test
    void gridHasPaddingLinesBetweenAndAroundTheCells() {
        float[] nchw = new float[5 * 4 * 4];
        java.util.Arrays.fill(nchw, 1f);

        BufferedImage grid = ImageConversions.gridImage(nchw, 5, 1, 4, 3, 1);

        assertThat(grid.getWidth()).isEqualTo(3 * 4 + 4);
        assertThat(grid.getHeight()).isEqualTo(2 * 4 + 3);
        assertThat(grid.getRaster().getSample(0, 0, 0)).isEqualTo(ImageConversions.GRID_LINE_GRAY);
        assertThat(grid.getRaster().getSample(5, 3, 0)).isEqualTo(ImageConversions.GRID_LINE_GRAY);
        assertThat(grid.getRaster().getSample(1, 1, 0)).isEqualTo(255);
        assertThat(grid.getRaster().getSample(12, 9, 0)).as("empty sixth cell").isEqualTo(128);
    }

    @Test
    void writePngReplacesTheFileAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("samples").resolve("iter-1.png");
        float[] gray = new float[9];

        ImageConversions.writePng(ImageConversions.toImage(gray, 0, 1, 3), file);
        ImageConversions.writePng(ImageConversions.toImage(gray, 0, 1, 3), file);

        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(3);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }
}
