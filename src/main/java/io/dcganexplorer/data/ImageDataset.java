package io.dcganexplorer.data;

import java.util.List;

/**
 * A finite, indexable set of square images at one model size, with optional class labels.
 *
 * <p>Images are handed out already scaled to [-1, 1] in CHW order, which is what the DCGAN paper
 * prescribes (tanh output range) and what the batch iterator copies into NCHW batches. Implementations
 * must be safe to read from one thread at a time; they need not be thread-safe.
 */
public interface ImageDataset {

    /** A short human-readable description of where the images come from (recorded in run manifests). */
    String description();

    /** Number of images. */
    int size();

    /** Width and height of every image, in pixels. */
    int imageSize();

    /** 1 (grayscale) or 3 (RGB). */
    int channels();

    /** Values per image: channels * imageSize * imageSize. */
    default int imageLength() {
        return channels() * imageSize() * imageSize();
    }

    /**
     * Writes image {@code index} as CHW floats in [-1, 1] into {@code dest}, starting at {@code offset}.
     *
     * @throws IndexOutOfBoundsException if index is not in [0, size())
     */
    void writeImage(int index, float[] dest, int offset);

    /** Class label of image {@code index}, or -1 when this data set has no labels. */
    default int label(int index) {
        return -1;
    }

    /** Names of the classes, index = label; empty when the data set is unlabelled. */
    default List<String> classNames() {
        return List.of();
    }
}
