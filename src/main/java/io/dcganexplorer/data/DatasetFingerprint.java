package io.dcganexplorer.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a data set was when a run started, cheap to recompute without decoding a single image: for files
 * (an image folder, the IDX files of Fashion-MNIST) their count, total size and a hash of every relative
 * name and size; for a procedural data set the settings that generate it. A resume compares it with the
 * data it finds, so training never continues silently on different images.
 *
 * @param source what was fingerprinted, in words
 * @param files number of files (0 for procedural data)
 * @param bytes their total size
 * @param hash SHA-256 (hex) of the sorted "name size" lines, or of the procedural settings
 */
public record DatasetFingerprint(String source, int files, long bytes, String hash) {

    /** The fingerprint of what {@code spec} opens. */
    public static DatasetFingerprint of(DatasetSpec spec) {
        return switch (spec.kind()) {
            case ROOMS, FACES -> {
                String settings = String.format(Locale.ROOT, "procedural %s, seed %d, %d images at %dx%dx%d",
                        spec.kind().name().toLowerCase(Locale.ROOT), spec.seed(),
                        spec.limit() == 0 ? DatasetSpec.PROCEDURAL_DEFAULT_COUNT : spec.limit(), spec.imageSize(),
                        spec.imageSize(), spec.channels());
                yield new DatasetFingerprint(settings, 0, 0, sha256(List.of(settings)));
            }
            case FASHION_MNIST -> ofFiles("IDX files in " + spec.path(), Path.of(spec.path()), false);
            case IMAGE_FOLDER -> ofFiles("image folder " + spec.path(), Path.of(spec.path()), true);
        };
    }

    private static DatasetFingerprint ofFiles(String source, Path root, boolean recursive) {
        if (!Files.isDirectory(root)) {
            return new DatasetFingerprint(source + " (missing)", 0, 0, sha256(List.of()));
        }
        List<String> lines = new ArrayList<>();
        long bytes = 0;
        try (Stream<Path> s = recursive ? Files.walk(root) : Files.list(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = root.relativize(p);
                if (hidden(relative)) {
                    continue;
                }
                long size = Files.size(p);
                bytes += size;
                lines.add(relative.toString().replace('\\', '/') + " " + size);
            }
        } catch (IOException | UncheckedIOException e) {
            return new DatasetFingerprint(source + " (unreadable: " + e.getMessage() + ")", lines.size(), bytes,
                    sha256(lines));
        }
        return new DatasetFingerprint(source, lines.size(), bytes, sha256(lines));
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * What differs between this (the recorded fingerprint) and {@code now}, in words, or null when nothing
     * does: "files 40 -> 38, bytes 51,200 -> 48,640".
     */
    public String differenceTo(DatasetFingerprint now) {
        if (hash.equals(now.hash)) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (!source.equals(now.source)) {
            parts.add("was " + source + ", now " + now.source);
        }
        if (files != now.files) {
            parts.add(String.format(Locale.ROOT, "files %,d -> %,d", files, now.files));
        }
        if (bytes != now.bytes) {
            parts.add(String.format(Locale.ROOT, "bytes %,d -> %,d", bytes, now.bytes));
        }
        if (parts.isEmpty()) {
            parts.add("same number and total size of files, but names or sizes differ");
        }
        return String.join(", ", parts);
    }

    private static String sha256(List<String> lines) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                digest.update(line.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
