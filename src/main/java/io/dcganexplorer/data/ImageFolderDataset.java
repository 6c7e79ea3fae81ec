package io.dcganexplorer.data;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Images loaded from a folder of PNG, JPEG, BMP, GIF (and TIFF, WBMP) files, at the model's size.
 *
 * <p>Each image is center-cropped to a square, alpha-composited on a background colour, reduced with a
 * box filter (or enlarged bilinearly if smaller than the model size) and converted to 1 (luma) or 3
 * channels. Large images are decoded subsampled, at most 4x the model size, so a 10000x10000 photo costs
 * a few hundred kilobytes, not 400 MB.
 *
 * <p>If the folder has subfolders, each first-level subfolder is a class and its name the class label
 * (sorted by name); otherwise the data set is unlabelled. Subfolders are searched recursively and
 * symbolic links are followed, but each real folder is visited once, so link loops end.
 *
 * <p>Files that cannot be read are skipped and listed in the {@link #report()}; only a folder with no
 * readable image at all is an error.
 */
public final class ImageFolderDataset extends InMemoryImageDataset {

    /** File name extensions that are attempted; the decoder is then chosen by content, not by name. */
    private static final Set<String> IMAGE_EXTENSIONS =
            Set.of("png", "jpg", "jpeg", "bmp", "gif", "wbmp", "tif", "tiff");

    /** Decode at most this many times the model size; enough for the box filter to average well. */
    static final int MAX_DECODE_FACTOR = 4;

    private final LoadReport report;

    /**
     * How to load the images.
     *
     * @param imageSize width and height of the loaded images (the model size)
     * @param channels 1 (luma) or 3 (RGB)
     * @param background colour that transparent pixels are composited on
     */
    public record Options(int imageSize, int channels, Color background) {

        /** Validates the options. */
        public Options {
            if (imageSize < 1) {
                throw new IllegalArgumentException("image size must be positive, was " + imageSize);
            }
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
            }
            Objects.requireNonNull(background, "background");
        }

        /** Transparent pixels become white. */
        public static Options of(int imageSize, int channels) {
            return new Options(imageSize, channels, Color.WHITE);
        }
    }

    /** Receives loading progress; called on the loading thread, so a UI must hand it over itself. */
    @FunctionalInterface
    public interface Progress {

        /** Ignores progress. */
        Progress NONE = (done, total) -> { };

        /**
         * Reports progress.
         *
         * @param done files listed (while listing) or files loaded or skipped (while loading)
         * @param total number of files to load, or -1 while the folder is still being listed
         */
        void update(long done, long total);
    }

    private ImageFolderDataset(String description, Options options, byte[][] images, int[] labels,
                               List<String> classNames, LoadReport report) {
        super(description, options.imageSize(), options.channels(), images, labels, classNames);
        this.report = report;
    }

    /** Loads {@code folder} without progress reports or cancellation. */
    public static ImageFolderDataset load(Path folder, Options options) {
        return load(folder, options, Progress.NONE, () -> false);
    }

    /**
     * Loads {@code folder}, one file at a time.
     *
     * @param progress told after each file (and every 1,000 files while listing)
     * @param cancelled polled before each file; loading also stops when the thread is interrupted
     * @throws DatasetException when the folder is missing or holds no readable image
     * @throws CancellationException when {@code cancelled} returns true or the thread is interrupted
     */
    public static ImageFolderDataset load(Path folder, Options options, Progress progress,
                                          BooleanSupplier cancelled) {
        if (!Files.exists(folder)) {
            throw new DatasetException(folder + ": no such folder");
        }
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder + ": not a folder");
        }
        List<LoadReport.Skipped> skipped = new ArrayList<>();
        Listing listing = new Listing(progress, cancelled, skipped);
        listing.listRoot(folder);

        List<byte[]> images = new ArrayList<>();
        List<String> labelNames = new ArrayList<>();
        int total = listing.files.size();
        for (int i = 0; i < total; i++) {
            checkCancelled(cancelled);
            Candidate candidate = listing.files.get(i);
            String problem = null;
            try {
                problem = precheck(candidate.file());
                if (problem == null) {
                    images.add(toBytes(decode(candidate.file(), options.imageSize()), options));
                    labelNames.add(candidate.label());
                }
            } catch (IOException | RuntimeException e) {
                problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (problem != null) {
                skipped.add(new LoadReport.Skipped(candidate.file(), problem));
            }
            progress.update(i + 1, total);
        }
        if (images.isEmpty()) {
            throw new DatasetException(folder + ": no readable image" + (total == 0 ? " (no files)"
                    : " among " + total + " files; first problem: " + skipped.get(0).path() + ": "
                    + skipped.get(0).reason()));
        }
        LoadReport report = new LoadReport(folder, images.size(), skipped);
        List<String> classNames = listing.labelled ? List.copyOf(new TreeSet<>(labelNames)) : List.of();
        int[] labels = listing.labelled
                ? labelNames.stream().mapToInt(classNames::indexOf).toArray() : null;
        String description = String.format("image folder %s (%d images at %dx%d, %d channel%s, %s; %d skipped)",
                folder, images.size(), options.imageSize(), options.imageSize(), options.channels(),
                options.channels() == 1 ? "" : "s",
                listing.labelled ? classNames.size() + " classes" : "unlabelled", skipped.size());
        return new ImageFolderDataset(description, options, images.toArray(byte[][]::new), labels,
                classNames, report);
    }

    /** Which files were skipped, and why. */
    public LoadReport report() {
        return report;
    }

    /**
     * Decodes the centred square of an image file, subsampled so that its side is at most
     * {@link #MAX_DECODE_FACTOR} times {@code target}.
     *
     * @throws IOException with a message saying why the file cannot be used
     */
    static BufferedImage decode(Path file, int target) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("cannot open the file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a recognised image format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // Decoders report a cut-off file as a warning and hand back gray rows; such an image
                // would teach the generator gray bands, so a warning means skip.
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                int side = Math.min(width, height);
                int limit = MAX_DECODE_FACTOR * target;
                int step = Math.max(1, (side + limit - 1) / limit);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceRegion(new Rectangle((width - side) / 2, (height - side) / 2, side, side));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
                if (!warnings.isEmpty()) {
                    throw new IOException("decoder warning: " + warnings.get(0));
                }
                return image;
            } finally {
                reader.dispose();
            }
        }
    }

    private static String precheck(Path file) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!IMAGE_EXTENSIONS.contains(extension)) {
            return "not an image file type (" + (extension.isEmpty() ? "no extension" : "." + extension) + ")";
        }
        if (Files.size(file) == 0) {
            return "empty file (0 bytes)";
        }
        return null;
    }

    private static byte[] toBytes(BufferedImage image, Options options) {
        int target = options.imageSize();
        float[][] planes = ImageConversions.planes(image, options.channels(), options.background());
        byte[] out = new byte[options.channels() * target * target];
        for (int ch = 0; ch < planes.length; ch++) {
            float[] square = Resampling.centerCropSquare(planes[ch], image.getWidth(), image.getHeight());
            int side = Math.min(image.getWidth(), image.getHeight());
            Resampling.toBytes(Resampling.resize(square, side, target), out, ch * target * target);
        }
        return out;
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("loading the image folder was cancelled");
        }
    }

    /** A file to load and its class (the first-level subfolder), or null when unlabelled. */
    private record Candidate(Path file, String label) {
    }

    /** Lists the folder tree once, in name order, visiting every real folder at most once. */
    private static final class Listing {
        private final Progress progress;
        private final BooleanSupplier cancelled;
        private final List<LoadReport.Skipped> skipped;
        private final Set<Path> visitedFolders = new HashSet<>();
        private final Set<Path> seenFiles = new HashSet<>();
        private final List<Candidate> files = new ArrayList<>();
        private boolean labelled;

        Listing(Progress progress, BooleanSupplier cancelled, List<LoadReport.Skipped> skipped) {
            this.progress = progress;
            this.cancelled = cancelled;
            this.skipped = skipped;
        }

        void listRoot(Path root) {
            List<Path> entries = entries(root);
            if (entries == null) {
                throw new DatasetException(root + ": cannot list the folder");
            }
            visitedFolders.add(realPath(root));
            labelled = entries.stream().anyMatch(Files::isDirectory);
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    list(entry, entry.getFileName().toString());
                } else if (labelled) {
                    skipped.add(new LoadReport.Skipped(entry,
                            "outside the class folders (the folder has subfolders, so they are the classes)"));
                } else {
                    addFile(entry, null);
                }
            }
        }

        private void list(Path folder, String label) {
            checkCancelled(cancelled);
            if (!visitedFolders.add(realPath(folder))) {
                skipped.add(new LoadReport.Skipped(folder, "folder already visited (a symbolic link loop "
                        + "or a second link to the same folder)"));
                return;
            }
            List<Path> entries = entries(folder);
            if (entries == null) {
                skipped.add(new LoadReport.Skipped(folder, "cannot list the folder"));
                return;
            }
            for (Path entry : entries) {
                if (Files.isDirectory(entry)) {
                    list(entry, label);
                } else {
                    addFile(entry, label);
                }
            }
        }

        private void addFile(Path file, String label) {
            if (!Files.isRegularFile(file)) {
                skipped.add(new LoadReport.Skipped(file, "not a regular file (a broken link or a device)"));
            } else if (seenFiles.add(realPath(file))) {
                files.add(new Candidate(file, label));
                if (files.size() % 1000 == 0) {
                    progress.update(files.size(), -1);
                }
            } else {
                skipped.add(new LoadReport.Skipped(file, "same file as one already loaded (a link)"));
            }
        }

        /** The non-hidden entries of a folder sorted by name, or null when it cannot be listed. */
        private static List<Path> entries(Path folder) {
            try (Stream<Path> stream = Files.list(folder)) {
                return stream.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            } catch (IOException e) {
                return null;
            }
        }

        private static Path realPath(Path path) {
            try {
                return path.toRealPath();
            } catch (IOException e) {
                return path.toAbsolutePath().normalize();
            }
        }
    }
}
