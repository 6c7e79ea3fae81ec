package io.dcganexplorer.run.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifWriterTest {

    @TempDir
    Path dir;

    @Test
    void writtenGifReadsBackWithEveryFrameScaledAndLooping() throws IOException {
        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BufferedImage frame = new BufferedImage(10, 6, BufferedImage.TYPE_BYTE_GRAY);
            frame.setRGB(i, 0, 0xFFFFFFFF);
            frames.add(frame);
        }
        Path gif = dir.resolve("evolution.gif");
        GifWriter.write(frames, gif, 200, 3);

        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(5);
            BufferedImage third = reader.read(2);
            assertThat(third.getWidth()).isEqualTo(30);
            assertThat(third.getHeight()).isEqualTo(18);
            assertThat(third.getRGB(2 * 3 + 1, 1) & 0xFFFFFF).isEqualTo(0xFFFFFF);
            assertThat(third.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            assertThat(control.getAttribute("delayTime")).isEqualTo("20");
            assertThat(root.getElementsByTagName("ApplicationExtension").getLength()).isEqualTo(1);
        }
    }

    @Test
    void framesOfDifferentSizesAreRefusedNamingTheFile() {
        Path gif = dir.resolve("bad.gif");
        List<BufferedImage> frames = List.of(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB),
                new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB));
        assertThatThrownBy(() -> GifWriter.write(frames, gif, 100, 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("bad.gif");
    }
}
