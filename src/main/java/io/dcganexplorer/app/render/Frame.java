package io.dcganexplorer.app.render;

import io.dcganexplorer.data.ImageConversions;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One generated image as opaque ARGB pixels, ready for {@code PixelWriter.setPixels} or a BufferedImage,
 * with the {@link System#nanoTime()} of the request that asked for it (for latency figures).
 *
 * @param width image width
 * @param height image height
 * @param argb row-major pixels, alpha always 0xFF (so premultiplied and plain ARGB are the same)
 * @param requestedAt when the z behind this frame was requested; 0 when nobody is timing it
 */
public record Frame(int width, int height, int[] argb, long requestedAt) {

    /** Splits a generator output [n, C, H, W] in [-1, 1] into frames. */
    public static List<Frame> fromBatch(INDArray images, long requestedAt) {
        int n = (int) images.size(0);
        int channels = (int) images.size(1);
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        // dup('c') because the network may hand back a view; asFloat then reads the whole batch at once.
        float[] data = images.dup('c').data().asFloat();
        List<Frame> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(fromPlanes(data, i * channels * h * w, channels, w, h, requestedAt));
        }
        return out;
    }

    /**
     * One image from channel planes in [-1, 1] ([c][y][x], 1 or 3 channels) starting at {@code offset}
     * of {@code planes}.
     */
    public static Frame fromPlanes(float[] planes, int offset, int channels, int width, int height,
            long requestedAt) {
        int plane = width * height;
        int[] argb = new int[plane];
        for (int p = 0; p < plane; p++) {
            int r = ImageConversions.toByteValue(planes[offset + p]);
            int g = channels == 1 ? r : ImageConversions.toByteValue(planes[offset + plane + p]);
            int b = channels == 1 ? r : ImageConversions.toByteValue(planes[offset + 2 * plane + p]);
            argb[p] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return new Frame(width, height, argb, requestedAt);
    }

    /** The frame as a TYPE_INT_RGB image, for PNG and GIF writers. */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }

    /** True when both frames have the same size and pixels (timing ignored). */
    public boolean samePixels(Frame other) {
        return other != null && width == other.width && height == other.height
                && java.util.Arrays.equals(argb, other.argb);
    }

    /**
     * Frames side by side in one row, framed and separated by {@code padding} pixels of the grid gray,
     * as the paper shows its walks.
     */
    public static BufferedImage strip(List<Frame> frames, int padding) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a strip needs at least one frame");
        }
        int w = frames.get(0).width();
        int h = frames.get(0).height();
        BufferedImage out = new BufferedImage(frames.size() * (w + padding) + padding, h + 2 * padding,
                BufferedImage.TYPE_INT_RGB);
        int gray = ImageConversions.GRID_LINE_GRAY * 0x010101;
        int[] fill = new int[out.getWidth()];
        java.util.Arrays.fill(fill, gray);
        for (int y = 0; y < out.getHeight(); y++) {
            out.setRGB(0, y, out.getWidth(), 1, fill, 0, out.getWidth());
        }
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            out.setRGB(padding + i * (w + padding), padding, f.width(), f.height(), f.argb(), 0, f.width());
        }
        return out;
    }
}
