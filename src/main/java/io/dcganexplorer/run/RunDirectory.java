package io.dcganexplorer.run;

import io.dcganexplorer.core.gan.DcganConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A run's folder, the seam between the CLI and the app:
 * <pre>
 * runs/&lt;id&gt;/manifest.json          config, seed, data, versions, start time
 *             metrics.csv            one row per step
 *             samples/iter-N.png     fixed-z grids
 *             checkpoints/iter-N/    model bundles (generator, discriminator, model.json with the state)
 * </pre>
 * Checkpoints are written to a hidden temporary folder and renamed into place, so a crash mid-write
 * leaves the previous checkpoint as the latest complete one.
 */
public final class RunDirectory {

    public static final String MANIFEST = "manifest.json";
    public static final String METRICS = "metrics.csv";
    public static final String SAMPLES = "samples";
    public static final String CHECKPOINTS = "checkpoints";
    /** How many checkpoints to keep; older ones are deleted once a newer one is complete. */
    public static final int CHECKPOINTS_KEPT = 3;
    /** Listings of the checkpoints a load tries while a trainer keeps pruning them under it. */
    private static final int MAX_LISTINGS = 5;

    private static final Pattern ITERATION_NAME = Pattern.compile("iter-(\\d+)(\\.png)?");
    private static final DateTimeFormatter ID_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /** A fresh run folder under {@code parent}; the id defaults to a timestamp and is made unique. */
    public static RunDirectory create(Path parent, String id, RunManifest manifest) throws IOException {
        String base = id == null || id.isBlank() ? LocalDateTime.now().format(ID_FORMAT) : id;
        Files.createDirectories(parent);
        Path dir = parent.resolve(base);
        for (int n = 2; Files.exists(dir); n++) {
            dir = parent.resolve(base + "-" + n);
        }
        Files.createDirectories(dir.resolve(SAMPLES));
        Files.createDirectories(dir.resolve(CHECKPOINTS));
        RunDirectory run = new RunDirectory(dir);
        String finalId = dir.getFileName().toString();
        run.writeManifest(new RunManifest(manifest.formatVersion(), finalId, manifest.config(), manifest.dataset(),
                manifest.datasetDescription(), manifest.datasetSize(), manifest.plan(), manifest.build(),
                manifest.startedAt()));
        return run;
    }

    /** Opens an existing run folder, checking its manifest. */
    public static RunDirectory open(Path dir) throws RunFormatException {
        if (!Files.isDirectory(dir)) {
            throw new RunFormatException(dir, "no such run folder");
        }
        RunDirectory run = new RunDirectory(dir);
        run.manifest();
        return run;
    }

    public Path root() {
        return root;
    }

    public Path metricsFile() {
        return root.resolve(METRICS);
    }

    public Path samplesDir() {
        return root.resolve(SAMPLES);
    }

    public Path checkpointsDir() {
        return root.resolve(CHECKPOINTS);
    }

    public RunManifest manifest() throws RunFormatException {
        Path file = root.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new RunFormatException(root, "not a run folder: " + MANIFEST + " is missing");
        }
        RunManifest manifest;
        try {
            manifest = Json.MAPPER.readValue(file.toFile(), RunManifest.class);
        } catch (IOException | RuntimeException e) {
            throw new RunFormatException(file, "unreadable manifest (" + ModelBundle.firstLine(e) + ")", e);
        }
        if (manifest == null || manifest.config() == null || manifest.plan() == null) {
            throw new RunFormatException(file, "manifest lacks the model configuration or the training plan");
        }
        if (manifest.formatVersion() > ModelInfo.FORMAT_VERSION) {
            throw new RunFormatException(file, "written by a newer DCGAN Explorer (format " + manifest.formatVersion()
                    + ", this version reads up to " + ModelInfo.FORMAT_VERSION + "); update the program to open it");
        }
        return manifest;
    }

    public void writeManifest(RunManifest manifest) throws IOException {
        AtomicFiles.writeString(root.resolve(MANIFEST), Json.MAPPER.writeValueAsString(manifest));
    }

    public Path samplePath(long iteration) {
        return samplesDir().resolve(String.format("iter-%09d.png", iteration));
    }

    /** Saved sample grids, oldest first. */
    public List<Path> samples() throws IOException {
        return listByIteration(samplesDir(), true);
    }

    /** Complete checkpoints (those with model.json), oldest first. */
    public List<Path> checkpoints() throws IOException {
        List<Path> all = listByIteration(checkpointsDir(), false);
        all.removeIf(p -> !Files.isRegularFile(p.resolve(ModelBundle.INFO)));
        return all;
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Path> latestCheckpoint() throws IOException {
        List<Path> all = checkpoints();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Loads the newest checkpoint that loads and has the networks the manifest describes; a corrupt newer one
     * (a foreign file, a disk error) or one of another model (copied in from another run) is skipped and
     * named in {@code problems}, never deleted. A checkpoint that a trainer prunes while it is being read here
     * is gone, not corrupt: the folder is listed again and its newest checkpoint loaded instead.
     */
    public Optional<ModelBundle.Loaded> loadLatestCheckpoint(List<String> problems) throws IOException {
        DcganConfig expected;
        try {
            expected = manifest().config();
        } catch (RunFormatException e) {
            expected = null;
        }
        for (int listing = 0; listing < MAX_LISTINGS; listing++) {
            List<Path> all = checkpoints();
            boolean pruned = false;
            for (int i = all.size() - 1; i >= 0 && !pruned; i--) {
                String problem;
                try {
                    ModelBundle.Loaded loaded = ModelBundle.load(all.get(i));
                    DcganConfig found = loaded.info().config();
                    if (expected == null || sameNetworks(found, expected)) {
                        return Optional.of(loaded);
                    }
                    problem = all.get(i) + ": a checkpoint of another model (" + shape(found) + "); this run trains "
                            + shape(expected);
                } catch (RunFormatException e) {
                    pruned = !Files.exists(all.get(i).resolve(ModelBundle.INFO));
                    problem = e.getMessage();
                }
                if (!pruned && !problems.contains(problem)) {
                    problems.add(problem);
                }
            }
            if (!pruned) {
                break;
            }
        }
        return Optional.empty();
    }

    private static boolean sameNetworks(DcganConfig a, DcganConfig b) {
        return a.imageSize() == b.imageSize() && a.channels() == b.channels() && a.nz() == b.nz()
                && a.ngf() == b.ngf() && a.ndf() == b.ndf();
    }

    /** "16x16x1, nz 4, ngf 4, ndf 4" */
    private static String shape(DcganConfig c) {
        return c.imageSize() + "x" + c.imageSize() + "x" + c.channels() + ", nz " + c.nz() + ", ngf " + c.ngf()
                + ", ndf " + c.ndf();
    }

    /** Folder name of the checkpoint of a given step. */
    public Path checkpointPath(long iteration) {
        return checkpointsDir().resolve(String.format("iter-%09d", iteration));
    }

    /** Writes a checkpoint atomically (temporary folder, then rename) and prunes old ones. */
    public Path writeCheckpoint(io.dcganexplorer.core.gan.Dcgan gan, ModelInfo info) throws IOException {
        Files.createDirectories(checkpointsDir());
        Path target = checkpointPath(info.state().iteration());
        Path tmp = Files.createTempDirectory(checkpointsDir(), ".writing-");
        try {
            ModelBundle.write(tmp, gan, info);
            if (Files.exists(target)) {
                AtomicFiles.deleteTree(target);
            }
            AtomicFiles.move(tmp, target);
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
        prune();
        return target;
    }

    private void prune() throws IOException {
        List<Path> all = checkpoints();
        for (int i = 0; i < all.size() - CHECKPOINTS_KEPT; i++) {
            AtomicFiles.deleteTree(all.get(i));
        }
        // Leftovers of writes interrupted by a crash.
        try (Stream<Path> s = Files.list(checkpointsDir())) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".writing-")).toList()) {
                AtomicFiles.deleteTree(p);
            }
        }
    }

    /** The step number in a name like iter-000000123 or iter-000000123.png, or -1. */
    public static long iterationOf(Path file) {
        Matcher m = ITERATION_NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static List<Path> listByIteration(Path dir, boolean files) throws IOException {
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> iterationOf(p) >= 0)
                    .filter(p -> files == Files.isRegularFile(p))
                    .sorted(Comparator.comparingLong(RunDirectory::iterationOf))
                    .toList());
        }
    }
}
