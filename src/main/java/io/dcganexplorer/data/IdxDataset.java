package io.dcganexplorer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Loads MNIST-style IDX files (Fashion-MNIST, MNIST) into an {@link InMemoryImageDataset} at the model's
 * image size.
 *
 * <p>The DCGAN generator doubles its size at every layer, so it wants 16, 32 or 64 pixels, not 28.
 * {@link ResizeMode#PAD} adds 2 pixels of background on every side (28 becomes 32, as LeNet did) and
 * then resizes if the target is not 32, keeping the objects' framing; {@link ResizeMode#RESIZE} scales
 * the 28x28 image to fill the target.
 *
 * <p>Fashion-MNIST: Xiao, Rasul and Vollgraf, "Fashion-MNIST: a novel image dataset for benchmarking
 * machine learning algorithms", 2017. On Debian it comes in the package {@code dataset-fashion-mnist}.
 */
public final class IdxDataset {

    /** Where the Debian package {@code dataset-fashion-mnist} installs the four gzipped IDX files. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** Fashion-MNIST's class names, index = label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** MNIST's class names: the digits. */
    public static final List<String> MNIST_CLASSES =
            IntStream.range(0, 10).mapToObj(String::valueOf).toList();

    /** Pixels of background added on each side in {@link ResizeMode#PAD}. */
    public static final int PAD_BORDER = 2;

    /** The background value of MNIST and Fashion-MNIST images (black). */
    private static final float BACKGROUND = 0f;

    private IdxDataset() {
    }

    /** Which half of a data set: the standard training images or the held-out test images. */
    public enum Split {
        /** The training images ({@code train-*} files). */
        TRAIN("train"),
        /** The test images ({@code t10k-*} files). */
        TEST("t10k");

        private final String filePrefix;

        Split(String filePrefix) {
            this.filePrefix = filePrefix;
        }

        /** Name of the image file, without ".gz". */
        public String imagesFile() {
            return filePrefix + "-images-idx3-ubyte";
        }

        /** Name of the label file, without ".gz". */
        public String labelsFile() {
            return filePrefix + "-labels-idx1-ubyte";
        }
    }

    /** How a 28x28 image becomes the model's size. */
    public enum ResizeMode {
        /** 2 pixels of background on each side (28 to 32), then resized if the target is not 32. */
        PAD,
        /** Scaled to the target size: averaged over each pixel's area when shrinking, bilinear when enlarging. */
        RESIZE
    }

    /**
     * How to load the images.
     *
     * @param targetSize width and height of the loaded images (16, 32 or 64 for the DCGAN)
     * @param mode pad or resize
     * @param channels 1, or 3 with the gray value in each
     * @param limit load at most this many images (the first ones in the file)
     */
    public record Options(int targetSize, ResizeMode mode, int channels, int limit) {

        /** Validates the options. */
        public Options {
            if (targetSize < 1) {
                throw new IllegalArgumentException("target size must be positive, was " + targetSize);
            }
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
            }
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, was " + limit);
            }
            java.util.Objects.requireNonNull(mode, "mode");
        }

        /** One channel, all images. */
        public static Options of(int targetSize, ResizeMode mode) {
            return new Options(targetSize, mode, 1, Integer.MAX_VALUE);
        }

        /** These options with {@code channels} channels. */
        public Options withChannels(int channels) {
            return new Options(targetSize, mode, channels, limit);
        }

        /** These options loading at most {@code limit} images. */
        public Options withLimit(int limit) {
            return new Options(targetSize, mode, channels, limit);
        }
    }

    /** Fashion-MNIST from {@code dir}, one channel, all images. */
    public static InMemoryImageDataset fashionMnist(Path dir, Split split, int targetSize, ResizeMode mode) {
        return fashionMnist(dir, split, Options.of(targetSize, mode));
    }

    /** Fashion-MNIST from {@code dir} (for example {@link #FASHION_MNIST_DIR}). */
    public static InMemoryImageDataset fashionMnist(Path dir, Split split, Options options) {
        return fromDirectory("Fashion-MNIST", dir, split, FASHION_MNIST_CLASSES, options);
    }

    /** MNIST digits from {@code dir}, which holds the same four file names as Fashion-MNIST. */
    public static InMemoryImageDataset mnist(Path dir, Split split, Options options) {
        return fromDirectory("MNIST", dir, split, MNIST_CLASSES, options);
    }

    /**
     * Images and labels from two IDX files.
     *
     * @param labelsFile the labels, or null for an unlabelled data set
     * @param classNames names for the label values; empty when {@code labelsFile} is null
     * @param name what the images are, for the description ("Fashion-MNIST train")
     */
    public static InMemoryImageDataset load(Path imagesFile, Path labelsFile, List<String> classNames,
                                            String name, Options options) {
        int[] labels = labelsFile == null ? null : IdxReader.readLabels(labelsFile, options.limit());
        List<byte[]> images = new ArrayList<>();
        String geometry;
        try (IdxReader.ImageStream in = IdxReader.openImages(imagesFile)) {
            if (in.rows() != in.cols()) {
                throw new DatasetException(imagesFile + ": images are " + in.rows() + "x" + in.cols()
                        + "; only square images are supported");
            }
            int size = in.rows();
            byte[] raw = new byte[size * size];
            while (images.size() < options.limit() && in.next(raw)) {
                images.add(convert(raw, size, options));
            }
            geometry = size + "x" + size + (options.mode() == ResizeMode.PAD ? " padded" : " resized")
                    + " to " + options.targetSize() + "x" + options.targetSize();
        }
        if (labels != null) {
            if (labels.length != images.size()) {
                throw new DatasetException(imagesFile + " and " + labelsFile + ": count mismatch: "
                        + images.size() + " images but " + labels.length + " labels");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] >= classNames.size()) {
                    throw new DatasetException(labelsFile + ": label " + labels[i] + " of image " + i
                            + " is not one of the " + classNames.size() + " classes");
                }
            }
        }
        String description = String.format("%s (%d images, %s, %d channel%s) from %s", name, images.size(),
                geometry, options.channels(), options.channels() == 1 ? "" : "s", imagesFile);
        return new InMemoryImageDataset(description, options.targetSize(), options.channels(),
                images.toArray(byte[][]::new), labels, labels == null ? List.of() : classNames);
    }

    private static InMemoryImageDataset fromDirectory(String name, Path dir, Split split,
                                                      List<String> classNames, Options options) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": no such folder (for Fashion-MNIST on Debian, install the "
                    + "package dataset-fashion-mnist, which puts the files in " + FASHION_MNIST_DIR + ")");
        }
        Path images = find(dir, split.imagesFile());
        Path labels = find(dir, split.labelsFile());
        return load(images, labels, classNames, name + " " + split.name().toLowerCase(java.util.Locale.ROOT),
                options);
    }

    /** The gzipped file if present, else the plain one; a clear error when neither is there. */
    private static Path find(Path dir, String baseName) {
        Path gz = dir.resolve(baseName + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(baseName);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new DatasetException(dir + ": missing " + baseName + ".gz (or " + baseName + ")");
    }

    private static byte[] convert(byte[] raw, int size, Options options) {
        int target = options.targetSize();
        int plane = target * target;
        byte[] out = new byte[options.channels() * plane];
        if (options.mode() == ResizeMode.PAD && size + 2 * PAD_BORDER == target) {
            // The common case (28 to 32): copy rows, the background stays 0; no float round trip.
            int padded = size + 2 * PAD_BORDER;
            for (int y = 0; y < size; y++) {
                System.arraycopy(raw, y * size, out, (y + PAD_BORDER) * padded + PAD_BORDER, size);
            }
        } else {
            float[] pixels = new float[size * size];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = raw[i] & 0xFF;
            }
            int side = size;
            if (options.mode() == ResizeMode.PAD) {
                pixels = Resampling.pad(pixels, size, PAD_BORDER, BACKGROUND);
                side = size + 2 * PAD_BORDER;
            }
            Resampling.toBytes(Resampling.resize(pixels, side, target), out, 0);
        }
        for (int ch = 1; ch < options.channels(); ch++) {
            System.arraycopy(out, 0, out, ch * plane, plane);
        }
        return out;
    }
}
