package io.dcganexplorer.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How to (re)open a data set: recorded in run manifests so a run can be resumed and reproduced.
 *
 * @param kind where the images come from
 * @param path folder or file for file-based kinds; null for procedural ones
 * @param imageSize model image size the images are converted to
 * @param channels 1 or 3
 * @param limit at most this many images (0 = all)
 * @param seed seed of procedural data sets (ignored by file-based kinds)
 */
public record DatasetSpec(Kind kind, String path, int imageSize, int channels, int limit, long seed) {

    /** The sources the app knows how to open. */
    public enum Kind {
        /** Fashion-MNIST training split in IDX format (Debian's dataset-fashion-mnist by default). */
        FASHION_MNIST,
        /** A folder of images, searched recursively; first-level subfolders become labels. */
        IMAGE_FOLDER,
        /** Procedural bedrooms with window masks and boxes, generated from the seed. */
        ROOMS,
        /** Procedural faces with labelled attributes, generated from the seed. */
        FACES
    }

    /** Images in a procedural data set when no limit is given. */
    public static final int PROCEDURAL_DEFAULT_COUNT = 20_000;

    public DatasetSpec {
        Objects.requireNonNull(kind, "kind");
        if (limit < 0) {
            throw new IllegalArgumentException("limit = " + limit + ": must be 0 (all) or positive");
        }
    }

    public static DatasetSpec fashionMnist(Path dir, int imageSize, int channels, int limit) {
        return new DatasetSpec(Kind.FASHION_MNIST, dir.toString(), imageSize, channels, limit, 0);
    }

    /** Parses the CLI's data argument: "rooms", "faces", "fashion-mnist", "fashion-mnist:DIR" or "folder:DIR". */
    public static DatasetSpec parse(String text, int imageSize, int channels, int limit, long seed) {
        String lower = text.toLowerCase(Locale.ROOT);
        int colon = text.indexOf(':');
        String head = colon < 0 ? lower : lower.substring(0, colon);
        String tail = colon < 0 ? null : text.substring(colon + 1);
        return switch (head) {
            case "fashion-mnist" -> new DatasetSpec(Kind.FASHION_MNIST,
                    tail == null ? IdxDataset.FASHION_MNIST_DIR.toString() : tail, imageSize, channels, limit, seed);
            case "rooms" -> new DatasetSpec(Kind.ROOMS, null, imageSize, channels, limit, seed);
            case "faces" -> new DatasetSpec(Kind.FACES, null, imageSize, channels, limit, seed);
            case "folder" -> {
                if (tail == null || tail.isBlank()) {
                    throw new IllegalArgumentException("data '" + text + "': give the folder, as folder:/path/to/images");
                }
                yield new DatasetSpec(Kind.IMAGE_FOLDER, tail, imageSize, channels, limit, seed);
            }
            default -> throw new IllegalArgumentException("data '" + text
                    + "': unknown source; use rooms, faces, fashion-mnist[:DIR] or folder:DIR");
        };
    }

    /**
     * A short name for run folders: "rooms", "faces", "fashion", or an image folder's own name in lower case
     * ("cats"), letters, digits and '-' only.
     */
    public String shortName() {
        return switch (kind) {
            case ROOMS -> "rooms";
            case FACES -> "faces";
            case FASHION_MNIST -> "fashion";
            case IMAGE_FOLDER -> {
                Path name = path == null ? null : Path.of(path).toAbsolutePath().normalize().getFileName();
                String clean = name == null ? "" : name.toString().toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
                yield clean.isEmpty() ? "folder" : clean.substring(0, Math.min(24, clean.length()));
            }
        };
    }

    /**
     * The same source limited to its first {@code n} images (fewer when it already has a smaller limit): the first
     * images of a procedural set or a file are the same whatever the limit, so a nearest-image search over them
     * searches the training images themselves.
     */
    public DatasetSpec firstImages(int n) {
        return new DatasetSpec(kind, path, imageSize, channels, limit == 0 ? n : Math.min(limit, n), seed);
    }

    /** Opens the data set (may take seconds for large folders). */
    public ImageDataset open() {
        return open(ImageFolderDataset.Progress.NONE, () -> false);
    }

    /** Opens the data set, reporting progress and checking for cancellation where loading is slow. */
    public ImageDataset open(ImageFolderDataset.Progress progress, java.util.function.BooleanSupplier cancelled) {
        return switch (kind) {
            case FASHION_MNIST -> IdxDataset.fashionMnist(Path.of(path), IdxDataset.Split.TRAIN,
                    IdxDataset.Options.of(imageSize, IdxDataset.ResizeMode.PAD).withChannels(channels).withLimit(limit == 0 ? Integer.MAX_VALUE : limit));
            case IMAGE_FOLDER -> ImageFolderDataset.load(Path.of(path),
                    ImageFolderDataset.Options.of(imageSize, channels).withLimit(limit), progress, cancelled);
            case ROOMS -> new ProceduralDataset(ProceduralDataset.Kind.ROOMS, imageSize, channels,
                    limit == 0 ? PROCEDURAL_DEFAULT_COUNT : limit, seed);
            case FACES -> new ProceduralDataset(ProceduralDataset.Kind.FACES, imageSize, channels,
                    limit == 0 ? PROCEDURAL_DEFAULT_COUNT : limit, seed);
        };
    }
}
