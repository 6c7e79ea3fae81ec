package io.dcganexplorer.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * One picture (a user's photo, a drawing) at a model's size and channels, converted exactly as the image folder
 * loader converts training images ({@link ImageFolderDataset}): centre-cropped to a square, transparent pixels
 * composited on white, resized, converted to 1 (luma) or 3 channels. Says what it had to change, so a user
 * knows why the picture looks different.
 *
 * @param name the file name, or a name for an image that did not come from a file
 * @param chw the pixels, CHW in [-1, 1]
 * @param size width and height
 * @param channels 1 or 3
 * @param conversions what was changed, in words ("cropped 640x480 to the centre 480x480"); empty when none
 */
public record ImageFile(String name, float[] chw, int size, int channels, List<String> conversions) {

    public ImageFile {
        conversions = List.copyOf(conversions);
    }

    /** The conversions as one sentence, or an empty string when the image was used as it is. */
    public String conversionSummary() {
        return String.join("; ", conversions);
    }

    /**
     * Reads a PNG, JPEG, BMP or GIF file (the first frame of an animation) of any size, channels and alpha.
     *
     * @throws DatasetException naming the file and what is wrong when it is missing, empty, not an image or
     *                          cannot be decoded
     */
    public static ImageFile load(Path file, int size, int channels) {
        if (!Files.exists(file)) {
            throw new DatasetException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file + ": not a file (a folder or a device)");
        }
        try {
            if (Files.size(file) == 0) {
                throw new DatasetException(file + ": empty file (0 bytes), not an image");
            }
            Header header = header(file);
            BufferedImage image = ImageFolderDataset.decode(file, size);
            return convert(file.getFileName().toString(), image, header.width(), header.height(), header.alpha(),
                    size, channels);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetException d) {
                throw d;
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new DatasetException(file + ": cannot be read as an image (" + why + ")", e);
        }
    }

    /** An image made in memory (a drawing, a picked sample), converted like a file. */
    public static ImageFile of(String name, BufferedImage image, int size, int channels) {
        return convert(name, image, image.getWidth(), image.getHeight(), image.getColorModel().hasAlpha(), size,
                channels);
    }

    private static ImageFile convert(String name, BufferedImage image, int width, int height, boolean alpha,
                                     int size, int channels) {
        List<String> notes = new ArrayList<>();
        if (width != height) {
            int side = Math.min(width, height);
            notes.add("cropped " + width + "x" + height + " to the centre " + side + "x" + side);
        }
        int side = Math.min(width, height);
        if (side != size) {
            notes.add((side > size ? "reduced" : "enlarged") + " from " + side + " to " + size + " pixels");
        }
        boolean gray = isGray(image);
        if (gray && channels == 3) {
            notes.add("gray converted to RGB");
        } else if (!gray && channels == 1) {
            notes.add("colour converted to gray (this model draws gray images)");
        }
        if (alpha) {
            notes.add("transparent pixels put on white");
        }
        byte[] bytes = ImageFolderDataset.toBytes(image, ImageFolderDataset.Options.of(size, channels));
        float[] chw = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chw[i] = (bytes[i] & 0xFF) / 127.5f - 1f;
        }
        return new ImageFile(name, chw, size, channels, notes);
    }

    private static boolean isGray(BufferedImage image) {
        return image.getColorModel() instanceof ComponentColorModel
                && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    private record Header(int width, int height, boolean alpha) {
    }

    /** The stored size and whether the file has transparency, read without decoding the pixels. */
    private static Header header(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new DatasetException(file + ": cannot open the file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DatasetException(file + ": not an image (PNG, JPEG, BMP or GIF expected)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                boolean alpha;
                try {
                    alpha = reader.getRawImageType(0) != null && reader.getRawImageType(0).getColorModel().hasAlpha();
                } catch (IOException | RuntimeException e) {
                    alpha = false;
                }
                return new Header(reader.getWidth(0), reader.getHeight(0), alpha);
            } finally {
                reader.dispose();
            }
        }
    }
}
