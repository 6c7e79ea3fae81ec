package io.dcganexplorer.run.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes an animated GIF with the JDK's GIF encoder (javax.imageio), looping forever: the evolution of
 * a run's fixed-z sample grid, one frame per saved grid.
 */
public final class GifWriter {

    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private GifWriter() {
    }

    /**
     * Writes {@code frames} (all the same size) to {@code file}, replacing it.
     *
     * @param delayMillis how long each frame shows; GIF stores hundredths of a second
     * @param scale integer nearest-neighbour enlargement (1 = as is), so tiny grids stay crisp in viewers
     */
    public static void write(List<BufferedImage> frames, Path file, int delayMillis, int scale) throws IOException {
        if (frames.isEmpty()) {
            throw new IOException(file + ": no frames to write");
        }
        if (scale < 1) {
            throw new IllegalArgumentException("scale = " + scale + ": must be at least 1");
        }
        int width = frames.get(0).getWidth();
        int height = frames.get(0).getHeight();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            boolean first = true;
            for (BufferedImage frame : frames) {
                if (frame.getWidth() != width || frame.getHeight() != height) {
                    throw new IOException(file + ": frame of " + frame.getWidth() + "x" + frame.getHeight()
                            + " differs from the first frame's " + width + "x" + height);
                }
                BufferedImage rgb = toRgb(frame, scale);
                IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(rgb), null);
                configure(metadata, delayMillis, first);
                writer.writeToSequence(new IIOImage(rgb, null, metadata), null);
                first = false;
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    /** Frame delay and, on the first frame, the NETSCAPE2.0 extension that makes viewers loop forever. */
    private static void configure(IIOMetadata metadata, int delayMillis, boolean first) throws IIOInvalidTreeException {
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(1, Math.round(delayMillis / 10f))));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode extensions = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            // Sub-block 1, then the loop count 0 (= forever) as a little-endian short.
            loop.setUserObject(new byte[] {1, 0, 0});
            extensions.appendChild(loop);
        }
        metadata.setFromTree(FORMAT, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** The GIF encoder builds its palette from RGB input; gray and ARGB inputs are converted first. */
    private static BufferedImage toRgb(BufferedImage frame, int scale) {
        int w = frame.getWidth() * scale;
        int h = frame.getHeight() * scale;
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rgb.setRGB(x, y, frame.getRGB(x / scale, y / scale));
            }
        }
        return rgb;
    }
}
