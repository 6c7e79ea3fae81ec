package io.dcganexplorer.data;

import java.util.List;
import java.util.Objects;

/**
 * An {@link ImageDataset} that keeps every image as uint8 CHW bytes in memory.
 *
 * <p>One byte per value rather than one float keeps Fashion-MNIST's 60,000 images at 32x32 near 60 MB
 * instead of 240 MB; the scaling to [-1, 1] happens on the way out, in {@link #writeImage}.
 */
public class InMemoryImageDataset implements ImageDataset {

    /** b / 127.5 - 1 for every byte value, so writeImage is a table look-up per value. */
    private static final float[] BYTE_TO_UNIT = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            BYTE_TO_UNIT[b] = b / 127.5f - 1f;
        }
    }

    private final String description;
    private final int imageSize;
    private final int channels;
    private final byte[][] images;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * Creates a data set over the given images; the arrays are kept, not copied.
     *
     * @param description where the images come from (recorded in run manifests)
     * @param imageSize width and height of every image
     * @param channels 1 or 3
     * @param images one CHW uint8 array of {@code channels * imageSize * imageSize} bytes per image
     * @param labels one label per image in [0, classNames.size()), or null when unlabelled
     * @param classNames class names, index = label; empty when unlabelled
     * @throws IllegalArgumentException when the sizes do not fit together
     */
    public InMemoryImageDataset(String description, int imageSize, int channels, byte[][] images,
                                int[] labels, List<String> classNames) {
        this.description = Objects.requireNonNull(description, "description");
        this.images = Objects.requireNonNull(images, "images");
        this.classNames = List.copyOf(classNames);
        if (imageSize < 1) {
            throw new IllegalArgumentException("image size must be positive, was " + imageSize);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
        }
        this.imageSize = imageSize;
        this.channels = channels;
        int length = imageLength();
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != length) {
                throw new IllegalArgumentException("image " + i + " has " + images[i].length
                        + " bytes, expected " + length + " (" + channels + "x" + imageSize + "x" + imageSize + ")");
            }
        }
        if (labels != null) {
            if (labels.length != images.length) {
                throw new IllegalArgumentException(labels.length + " labels for " + images.length + " images");
            }
            for (int label : labels) {
                if (label < 0 || label >= this.classNames.size()) {
                    throw new IllegalArgumentException("label " + label + " outside the "
                            + this.classNames.size() + " class names");
                }
            }
        } else if (!this.classNames.isEmpty()) {
            throw new IllegalArgumentException("class names given for an unlabelled data set");
        }
        this.labels = labels;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int size() {
        return images.length;
    }

    @Override
    public int imageSize() {
        return imageSize;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public void writeImage(int index, float[] dest, int offset) {
        byte[] image = images[Objects.checkIndex(index, images.length)];
        for (int i = 0; i < image.length; i++) {
            dest[offset + i] = BYTE_TO_UNIT[image[i] & 0xFF];
        }
    }

    /**
     * The images and labels of {@code data} held in memory (each value rounded to the nearest of the 256
     * byte levels), for data sets that compute their images, such as the procedural ones.
     */
    public static InMemoryImageDataset copyOf(ImageDataset data) {
        int length = data.channels() * data.imageSize() * data.imageSize();
        float[] values = new float[length];
        byte[][] images = new byte[data.size()][];
        boolean labelled = !data.classNames().isEmpty();
        int[] labels = labelled ? new int[data.size()] : null;
        for (int i = 0; i < images.length; i++) {
            data.writeImage(i, values, 0);
            byte[] image = new byte[length];
            for (int v = 0; v < length; v++) {
                image[v] = (byte) Math.round(Math.max(0f, Math.min(255f, (values[v] + 1f) * 127.5f)));
            }
            images[i] = image;
            if (labelled) {
                labels[i] = data.label(i);
            }
        }
        return new InMemoryImageDataset(data.description(), data.imageSize(), data.channels(), images, labels,
                data.classNames());
    }

    /** A copy of image {@code index} as CHW uint8 bytes (0 = -1, 255 = 1). */
    public byte[] imageBytes(int index) {
        return images[Objects.checkIndex(index, images.length)].clone();
    }

    @Override
    public int label(int index) {
        Objects.checkIndex(index, images.length);
        return labels == null ? -1 : labels[index];
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }
}
