package io.dcganexplorer.data;

import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Conversions between CHW pixel arrays and {@link BufferedImage}s, sample grids, and atomic PNG writing.
 *
 * <p>Pure java.awt so that the CLI can write sample grids without JavaFX; the app converts the
 * BufferedImage with SwingFXUtils. Floats are mapped from [-1, 1] to 0..255; values outside the range
 * (an untrained generator produces them) are clamped and NaN becomes 0.
 */
public final class ImageConversions {

    /** Colour of the lines between the cells of a grid: mid-gray shows on dark and light images. */
    public static final int GRID_LINE_GRAY = 128;

    /** Rec. 601 luma weights, the usual choice for converting photos to one gray channel. */
    private static final float LUMA_R = 0.299f;
    private static final float LUMA_G = 0.587f;
    private static final float LUMA_B = 0.114f;

    private ImageConversions() {
    }

    /** Maps one value in [-1, 1] to a byte value 0..255, clamping out-of-range values and NaN. */
    public static int toByteValue(float value) {
        return Math.max(0, Math.min(255, Math.round((value + 1f) * 127.5f)));
    }

    /**
     * One image as a BufferedImage: TYPE_BYTE_GRAY for 1 channel, TYPE_INT_RGB for 3.
     *
     * @param chw CHW floats in [-1, 1]
     * @param offset index of the image's first value in {@code chw}
     */
    public static BufferedImage toImage(float[] chw, int offset, int channels, int size) {
        BufferedImage image = newImage(channels, size, size);
        drawCell(chw, offset, channels, size, image, 0, 0);
        return image;
    }

    /**
     * A grid of {@code n} NCHW images, {@code columns} per row, separated and framed by
     * {@code padding} pixels of {@link #GRID_LINE_GRAY}.
     */
    public static BufferedImage gridImage(float[] nchw, int n, int c, int size, int columns, int padding) {
        if (n < 1 || columns < 1 || padding < 0) {
            throw new IllegalArgumentException("need n >= 1, columns >= 1 and padding >= 0; got n=" + n
                    + ", columns=" + columns + ", padding=" + padding);
        }
        int imageLength = c * size * size;
        if (nchw.length < n * imageLength) {
            throw new IllegalArgumentException(nchw.length + " values cannot hold " + n + " images of "
                    + c + "x" + size + "x" + size);
        }
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int width = cols * size + (cols + 1) * padding;
        int height = rows * size + (rows + 1) * padding;
        BufferedImage grid = newImage(c, width, height);
        WritableRaster raster = grid.getRaster();
        int[] line = new int[width];
        Arrays.fill(line, c == 1 ? GRID_LINE_GRAY : GRID_LINE_GRAY * 0x010101);
        for (int y = 0; y < height; y++) {
            if (c == 1) {
                raster.setSamples(0, y, width, 1, 0, line);
            } else {
                grid.setRGB(0, y, width, 1, line, 0, width);
            }
        }
        for (int i = 0; i < n; i++) {
            int x0 = padding + (i % cols) * (size + padding);
            int y0 = padding + (i / cols) * (size + padding);
            drawCell(nchw, i * imageLength, c, size, grid, x0, y0);
        }
        return grid;
    }

    /** The image as CHW uint8 bytes with 1 (luma) or 3 channels, alpha composited on white. */
    public static byte[] toChwBytes(BufferedImage image, int channels) {
        return toChwBytes(image, channels, Color.WHITE);
    }

    /** The image as CHW uint8 bytes with 1 (luma) or 3 channels, alpha composited on {@code background}. */
    public static byte[] toChwBytes(BufferedImage image, int channels, Color background) {
        float[][] planes = planes(image, channels, background);
        int length = image.getWidth() * image.getHeight();
        byte[] out = new byte[channels * length];
        for (int ch = 0; ch < channels; ch++) {
            Resampling.toBytes(planes[ch], out, ch * length);
        }
        return out;
    }

    /**
     * Writes a PNG so that readers never see a half-written file: to a temporary file in the same folder,
     * then renamed over {@code file}. Another process may be following a run directory live.
     */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(image, "png", temp.toFile())) {
                throw new IOException("no PNG writer for image type " + image.getType() + ": " + file);
            }
            try {
                // Temporary files are created owner-only; a follower under another account must read the grid.
                Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: its default ACLs apply.
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Each pixel enlarged to a factor x factor block: keeps small generated images crisp when shown large. */
    public static BufferedImage scaleNearest(BufferedImage image, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("scale factor = " + factor + ": must be at least 1");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w * factor, h * factor, image.getType() == 0
                ? BufferedImage.TYPE_INT_RGB : image.getType());
        java.awt.Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(image, 0, 0, w * factor, h * factor, null);
        g.dispose();
        return out;
    }

    /**
     * The image's pixels as {@code channels} row-major planes of values 0..255, alpha composited on
     * {@code background}. Gray images are read from the raster, not through getRGB, because Java treats
     * their colour space as linear and getRGB would brighten them (100 becomes 168).
     */
    static float[][] planes(BufferedImage image, int channels, Color background) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
        }
        float[][] native3or1 = isGray(image) ? grayPlane(image, background) : rgbPlanes(image, background);
        if (native3or1.length == channels) {
            return native3or1;
        }
        if (channels == 3) {
            return new float[][] {native3or1[0], native3or1[0].clone(), native3or1[0].clone()};
        }
        float[] r = native3or1[0];
        float[] g = native3or1[1];
        float[] b = native3or1[2];
        float[] luma = new float[r.length];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = LUMA_R * r[i] + LUMA_G * g[i] + LUMA_B * b[i];
        }
        return new float[][] {luma};
    }

    private static boolean isGray(BufferedImage image) {
        return image.getColorModel() instanceof ComponentColorModel
                && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    private static float[][] grayPlane(BufferedImage image, Color background) {
        Raster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        float scale = 255f / ((1 << image.getColorModel().getComponentSize(0)) - 1);
        float[] gray = new float[width * height];
        float[] row = new float[width];
        float[] alphaRow = new float[width];
        boolean hasAlpha = image.getColorModel().hasAlpha();
        float alphaScale = hasAlpha ? 1f / ((1 << image.getColorModel().getComponentSize(1)) - 1) : 0f;
        float backgroundLuma = LUMA_R * background.getRed() + LUMA_G * background.getGreen()
                + LUMA_B * background.getBlue();
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            if (hasAlpha) {
                raster.getSamples(0, y, width, 1, 1, alphaRow);
            }
            for (int x = 0; x < width; x++) {
                float value = row[x] * scale;
                if (hasAlpha) {
                    float alpha = alphaRow[x] * alphaScale;
                    value = alpha * value + (1 - alpha) * backgroundLuma;
                }
                gray[y * width + x] = value;
            }
        }
        return new float[][] {gray};
    }

    private static float[][] rgbPlanes(BufferedImage image, Color background) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[][] planes = new float[3][width * height];
        int[] argb = new int[width];
        int[] back = {background.getRed(), background.getGreen(), background.getBlue()};
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, argb, 0, width);
            for (int x = 0; x < width; x++) {
                int pixel = argb[x];
                float alpha = (pixel >>> 24) / 255f;
                for (int ch = 0; ch < 3; ch++) {
                    int value = (pixel >> (16 - 8 * ch)) & 0xFF;
                    planes[ch][y * width + x] = alpha * value + (1 - alpha) * back[ch];
                }
            }
        }
        return planes;
    }

    private static BufferedImage newImage(int channels, int width, int height) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
        }
        return new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    }

    private static void drawCell(float[] chw, int offset, int channels, int size, BufferedImage target,
                                 int x0, int y0) {
        int plane = size * size;
        if (channels == 1) {
            int[] row = new int[size];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    row[x] = toByteValue(chw[offset + y * size + x]);
                }
                target.getRaster().setSamples(x0, y0 + y, size, 1, 0, row);
            }
            return;
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = offset + y * size + x;
                int rgb = toByteValue(chw[i]) << 16 | toByteValue(chw[i + plane]) << 8
                        | toByteValue(chw[i + 2 * plane]);
                target.setRGB(x0 + x, y0 + y, rgb);
            }
        }
    }
}
