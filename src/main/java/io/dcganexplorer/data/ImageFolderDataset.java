package io.dcganexplorer.data;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
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
 * (sorted by name); otherwise the data set is unlabelled. Images at the top level beside class folders
 * form one more class, {@value #UNLABELLED}, and the report says so. Subfolders are searched recursively and
 * symbolic links are followed, but each real folder is visited once, so link loops end.
 *
 * <p>Files that cannot be read are skipped and listed in the {@link #report()}; only a folder with no
 * readable image at all is an error.
 *
 * <p>A folder of 100,000 files loads as a stream: the listing keeps only paths (one file-system call per
 * entry), reports progress every {@link #LISTING_PROGRESS_EVERY} entries and checks for cancellation at
 * every entry; decoding then reports every file. With a {@linkplain Options#limit() limit} only that many
 * images are decoded, spread evenly over the listing so that every class folder contributes.
 */
public final class ImageFolderDataset extends InMemoryImageDataset {

    /** File name extensions that are attempted; the decoder is then chosen by content, not by name. */
    private static final Set<String> IMAGE_EXTENSIONS =
            Set.of("png", "jpg", "jpeg", "bmp", "gif", "wbmp", "tif", "tiff");

    /** Decode at most this many times the model size; enough for the box filter to average well. */
    static final int MAX_DECODE_FACTOR = 4;

    /** The listing reports progress after every this many entries. */
    public static final int LISTING_PROGRESS_EVERY = 1000;

    /** The class of images at the top level of a folder that has class folders. */
    public static final String UNLABELLED = "unlabelled";

    private final LoadReport report;

    /**
     * How to load the images.
     *
     * @param imageSize width and height of the loaded images (the model size)
     * @param channels 1 (luma) or 3 (RGB)
     * @param background colour that transparent pixels are composited on
     * @param limit decode at most this many images (0 = all)
     */
    public record Options(int imageSize, int channels, Color background, int limit) {

        /** Validates the options. */
        public Options {
            if (imageSize < 1) {
                throw new IllegalArgumentException("image size must be positive, was " + imageSize);
            }
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
            }
            Objects.requireNonNull(background, "background");
            if (limit < 0) {
                throw new IllegalArgumentException("limit must be 0 (all) or positive, was " + limit);
            }
        }

        /** All images, transparent pixels composited on {@code background}. */
        public Options(int imageSize, int channels, Color background) {
            this(imageSize, channels, background, 0);
        }

        /** All images; transparent pixels become white. */
        public static Options of(int imageSize, int channels) {
            return new Options(imageSize, channels, Color.WHITE);
        }

        /** These options decoding at most {@code limit} images (0 = all). */
        public Options withLimit(int limit) {
            return new Options(imageSize, channels, background, limit);
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
         * @param done entries listed (while listing) or files loaded or skipped (while loading)
         * @param total number of files to load (with a limit, the limit plus the files skipped so far), or -1
         *              while the folder is still being listed
         */
        void update(long done, long total);

        /** "Listing images: 12,000 found so far" or "Loading images: 500 of 100,000", for status lines. */
        static String describe(long done, long total) {
            return total < 0 ? String.format(Locale.ROOT, "Listing images: %,d found so far", done)
                    : String.format(Locale.ROOT, "Loading images: %,d of %,d", done, total);
        }

        /**
         * Passes on the first report, the last one ({@code done == total}) and otherwise at most one every
         * {@code intervalNanos}: one report per file is too many for a screen when the files are tiny, and a
         * count-based rule shows nothing for minutes when they are large.
         */
        static Progress throttled(Progress target, long intervalNanos) {
            long[] last = {0};
            boolean[] any = {false};
            return (done, total) -> {
                long now = System.nanoTime();
                if (!any[0] || done == total || now - last[0] >= intervalNanos) {
                    any[0] = true;
                    last[0] = now;
                    target.update(done, total);
                }
            };
        }
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
     * @param progress told after each file (and every {@value #LISTING_PROGRESS_EVERY} entries while listing)
     * @param cancelled polled before each entry and file; loading also stops when the thread is interrupted
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

        List<Candidate> candidates = listing.files;
        int listed = candidates.size();
        int wanted = options.limit() == 0 ? listed : Math.min(options.limit(), listed);
        int[] order = spreadOrder(listed, wanted);
        // Decoded images by listing index, so the data set keeps name order whatever the decoding order.
        byte[][] decoded = new byte[listed][];
        int loaded = 0;
        int attempted = 0;
        int skippedHere = 0;
        for (int k = 0; k < listed && loaded < wanted; k++) {
            checkCancelled(cancelled);
            Candidate candidate = candidates.get(order[k]);
            String problem = null;
            boolean unreadable = false;
            try {
                problem = precheck(candidate);
                unreadable = problem != null && problem.startsWith("empty file");
                if (problem == null) {
                    decoded[order[k]] = toBytes(decode(candidate.file(), options.imageSize()), options);
                    loaded++;
                }
            } catch (IOException | RuntimeException e) {
                problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                unreadable = true;
            }
            if (problem != null) {
                skipped.add(new LoadReport.Skipped(candidate.file(), problem, unreadable));
                skippedHere++;
            }
            attempted++;
            progress.update(attempted, Math.min(listed, wanted + skippedHere));
        }
        List<byte[]> images = new ArrayList<>(loaded);
        List<String> labelNames = new ArrayList<>(loaded);
        for (int i = 0; i < listed; i++) {
            if (decoded[i] != null) {
                images.add(decoded[i]);
                labelNames.add(candidates.get(i).label());
            }
        }
        if (images.isEmpty()) {
            throw new DatasetException(folder + ": no readable image" + (listed == 0 ? " (no files)"
                    : " among " + listed + " files; first problem: " + skipped.get(0).path() + ": "
                    + skipped.get(0).reason()));
        }
        List<String> notes = new ArrayList<>();
        long topLevel = listing.labelled ? labelNames.stream().filter(UNLABELLED::equals).count() : 0;
        if (topLevel > 0 && listing.topLevelFiles > 0) {
            notes.add(String.format(Locale.ROOT, "%d image(s) at the top level of %s, beside the class folders, "
                    + "form the class '%s'; move them into a class folder to label them", topLevel, folder,
                    UNLABELLED));
        }
        LoadReport report = new LoadReport(folder, images.size(), skipped, notes);
        List<String> classNames = listing.labelled ? List.copyOf(new TreeSet<>(labelNames)) : List.of();
        int[] labels = listing.labelled
                ? labelNames.stream().mapToInt(classNames::indexOf).toArray() : null;
        String description = String.format("image folder %s (%d images at %dx%d, %d channel%s, %s; %d skipped%s)",
                folder, images.size(), options.imageSize(), options.imageSize(), options.channels(),
                options.channels() == 1 ? "" : "s",
                listing.labelled ? classNames.size() + " classes" : "unlabelled", skipped.size(),
                attempted < listed ? "; limit " + options.limit() + " of " + listed + " files" : "");
        return new ImageFolderDataset(description, options, images.toArray(byte[][]::new), labels,
                classNames, report);
    }

    /** Which files were skipped, and why. */
    public LoadReport report() {
        return report;
    }

    /**
     * The order files are decoded in: first {@code wanted} indices spread evenly over {@code 0..n-1}
     * (so a limit takes from every class folder, not only the first), then the others in order, which
     * stand in for files that turn out to be unreadable.
     */
    static int[] spreadOrder(int n, int wanted) {
        int[] order = new int[n];
        boolean[] taken = new boolean[n];
        int k = 0;
        for (int i = 0; i < wanted; i++) {
            int index = (int) ((long) i * n / wanted);
            taken[index] = true;
            order[k++] = index;
        }
        for (int i = 0; i < n; i++) {
            if (!taken[i]) {
                order[k++] = i;
            }
        }
        return order;
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

    private static String precheck(Candidate candidate) {
        String name = candidate.file().getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!IMAGE_EXTENSIONS.contains(extension)) {
            return "not an image file type (" + (extension.isEmpty() ? "no extension" : "." + extension) + ")";
        }
        if (candidate.size() == 0) {
            return "empty file (0 bytes)";
        }
        return null;
    }

    /** The decoded image at the model size and channels: centre-cropped, composited, resized, as bytes. */
    static byte[] toBytes(BufferedImage image, Options options) {
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

    /** A file to load, its size when listed and its class (the first-level subfolder), or null when unlabelled. */
    private record Candidate(Path file, long size, String label) {
    }

    /** What a folder entry is, links followed. */
    private enum Kind { FOLDER, FILE, OTHER }

    /**
     * One folder entry.
     *
     * @param real the real path when the entry is a symbolic link, else null
     */
    private record Entry(Path path, Kind kind, long size, Path real) {
    }

    /** Lists the folder tree once, in name order, visiting every real folder at most once. */
    private static final class Listing {
        private final Progress progress;
        private final BooleanSupplier cancelled;
        private final List<LoadReport.Skipped> skipped;
        private final Set<Path> visitedFolders = new HashSet<>();
        /** Real paths of the files listed, to skip a second link to one of them. */
        private final Set<Path> seenFiles = new HashSet<>();
        private final List<Candidate> files = new ArrayList<>();
        private long examined;
        private boolean labelled;
        private int topLevelFiles;

        Listing(Progress progress, BooleanSupplier cancelled, List<LoadReport.Skipped> skipped) {
            this.progress = progress;
            this.cancelled = cancelled;
            this.skipped = skipped;
        }

        void listRoot(Path root) {
            Path realRoot = realPath(root);
            List<Entry> entries = examine(root);
            if (entries == null) {
                throw new DatasetException(root + ": cannot list the folder");
            }
            visitedFolders.add(realRoot);
            labelled = entries.stream().anyMatch(e -> e.kind() == Kind.FOLDER);
            for (Entry entry : entries) {
                if (entry.kind() == Kind.FOLDER) {
                    list(entry.path(), entry.path().getFileName().toString());
                } else if (labelled) {
                    // Beside the class folders: still training images, in a class of their own.
                    topLevelFiles++;
                    addFile(entry, realRoot, UNLABELLED);
                } else {
                    addFile(entry, realRoot, null);
                }
            }
        }

        private void list(Path folder, String label) {
            checkCancelled(cancelled);
            Path real = realPath(folder);
            if (!visitedFolders.add(real)) {
                skipped.add(new LoadReport.Skipped(folder, "folder already visited (a symbolic link loop "
                        + "or a second link to the same folder)"));
                return;
            }
            List<Entry> entries = examine(folder);
            if (entries == null) {
                skipped.add(new LoadReport.Skipped(folder, "cannot list the folder"));
                return;
            }
            for (Entry entry : entries) {
                if (entry.kind() == Kind.FOLDER) {
                    list(entry.path(), label);
                } else {
                    addFile(entry, real, label);
                }
            }
        }

        private void addFile(Entry entry, Path realFolder, String label) {
            if (entry.kind() != Kind.FILE) {
                skipped.add(new LoadReport.Skipped(entry.path(), "not a regular file (a broken link or a device)"));
                return;
            }
            // A plain file's real path is its real folder's plus its name: no file-system call per file.
            Path real = entry.real() != null ? entry.real() : realFolder.resolve(entry.path().getFileName());
            if (seenFiles.add(real)) {
                files.add(new Candidate(entry.path(), entry.size(), label));
            } else {
                skipped.add(new LoadReport.Skipped(entry.path(), "same file as one already loaded (a link)"));
            }
        }

        /**
         * The non-hidden entries of a folder in name order, each looked at once (one call, two for a link),
         * or null when the folder cannot be listed. Entries are looked at as the folder is read, reporting
         * progress and checking for cancellation as it goes; only the sort waits for the whole folder.
         */
        private List<Entry> examine(Path folder) {
            List<Entry> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
                for (Path p : stream) {
                    checkCancelled(cancelled);
                    if (p.getFileName().toString().startsWith(".")) {
                        continue;
                    }
                    entries.add(entry(p));
                    if (++examined % LISTING_PROGRESS_EVERY == 0) {
                        progress.update(examined, -1);
                    }
                }
            } catch (IOException | DirectoryIteratorException e) {
                return null;
            }
            entries.sort(Comparator.comparing(Entry::path));
            return entries;
        }

        private static Entry entry(Path p) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Path real = null;
                if (a.isSymbolicLink()) {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                    real = p.toRealPath();
                }
                Kind kind = a.isDirectory() ? Kind.FOLDER : a.isRegularFile() ? Kind.FILE : Kind.OTHER;
                return new Entry(p, kind, a.size(), real);
            } catch (IOException e) {
                // A broken link or a link loop; gone since the folder was read.
                return new Entry(p, Kind.OTHER, 0, null);
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
