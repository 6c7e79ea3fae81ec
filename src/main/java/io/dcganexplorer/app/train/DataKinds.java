package io.dcganexplorer.app.train;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.IdxDataset;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How the data chooser presents each {@link DatasetSpec.Kind}. Kinds are listed from the enum, so a kind
 * added to the data package shows up here with a name derived from its constant until it gets a proper
 * entry in the maps below.
 */
public final class DataKinds {

    private static final Map<String, String> NAMES = Map.of(
            "FASHION_MNIST", "Fashion-MNIST (installed)",
            "IMAGE_FOLDER", "Image folder…");

    private static final Map<String, String> HINTS = Map.of(
            "FASHION_MNIST", "60,000 clothing images, 28x28 gray, padded to the model size.",
            "IMAGE_FOLDER", "Every PNG, JPEG, BMP or GIF below a folder, center-cropped and resized.");

    private DataKinds() {
    }

    /** Every kind the data package knows, in declaration order. */
    public static List<DatasetSpec.Kind> all() {
        return Arrays.asList(DatasetSpec.Kind.values());
    }

    public static String displayName(DatasetSpec.Kind kind) {
        String name = NAMES.get(kind.name());
        if (name != null) {
            return name;
        }
        String words = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public static String hint(DatasetSpec.Kind kind) {
        return HINTS.getOrDefault(kind.name(), "");
    }

    /**
     * The channels a kind's images have: 1 for Fashion-MNIST, 3 for the procedural rooms and faces; empty for
     * a folder, whose images may be either.
     */
    public static OptionalInt channels(DatasetSpec.Kind kind) {
        return switch (kind.name()) {
            case "FASHION_MNIST" -> OptionalInt.of(1);
            case "ROOMS", "FACES" -> OptionalInt.of(3);
            default -> OptionalInt.empty();
        };
    }

    /** Whether the user must pick a folder for this kind. */
    public static boolean needsFolder(DatasetSpec.Kind kind) {
        return kind.name().equals("IMAGE_FOLDER");
    }

    /** Whether the kind can be used on this machine (Fashion-MNIST only when the package is installed). */
    public static boolean available(DatasetSpec.Kind kind) {
        if (kind.name().equals("FASHION_MNIST")) {
            return Files.isRegularFile(IdxDataset.FASHION_MNIST_DIR.resolve(IdxDataset.Split.TRAIN.imagesFile()))
                    || Files.isRegularFile(IdxDataset.FASHION_MNIST_DIR.resolve(IdxDataset.Split.TRAIN.imagesFile() + ".gz"));
        }
        return true;
    }

    /** The spec for a kind: the chosen folder for folder kinds, the default location or none otherwise. */
    public static DatasetSpec spec(DatasetSpec.Kind kind, String folder, int imageSize, int channels, int limit,
                                   long seed) {
        String path;
        if (needsFolder(kind)) {
            path = folder;
        } else if (kind.name().equals("FASHION_MNIST")) {
            path = IdxDataset.FASHION_MNIST_DIR.toString();
        } else {
            path = null;
        }
        return new DatasetSpec(kind, path, imageSize, channels, limit, seed);
    }
}
