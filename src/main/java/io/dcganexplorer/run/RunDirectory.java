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
    private static final DateTimeFormatter ID_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    private final Path root;
    /** Held while this instance trains the run; null for a reader. */
    private RunLock writerLock;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /**
     * A fresh run folder under {@code parent}, held for writing (see {@link #releaseWriterLock()}). The id
     * defaults to the data set and the time ("rooms64-20261207-2124") and is made unique; the folder is
     * claimed with one atomic create, so two trainers starting at once never share it.
     *
     * @throws IllegalArgumentException when {@code id} would leave {@code parent} (see {@link #checkName})
     */
    public static RunDirectory create(Path parent, String id, RunManifest manifest) throws IOException {
        String base = id == null || id.isBlank() ? defaultName(manifest) : id;
        String problem = checkName(base);
        if (problem != null) {
            throw new IllegalArgumentException("run name '" + base + "': " + problem);
        }
        if (Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new java.nio.file.NotDirectoryException(parent + ": the folder for runs is a file; give a folder "
                    + "(--runs) or move the file away");
        }
        Files.createDirectories(parent);
        Path dir = parent.resolve(base);
        for (int n = 2; ; n++) {
            try {
                Files.createDirectory(dir);
                break;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                dir = parent.resolve(base + "-" + n);
            }
        }
        RunDirectory run = new RunDirectory(dir);
        run.writerLock = RunLock.acquire(dir);
        Files.createDirectories(dir.resolve(SAMPLES));
        Files.createDirectories(dir.resolve(CHECKPOINTS));
        String finalId = dir.getFileName().toString();
        run.writeManifest(new RunManifest(manifest.formatVersion(), finalId, manifest.config(), manifest.dataset(),
                manifest.datasetDescription(), manifest.datasetSize(), manifest.plan(), manifest.build(),
                manifest.startedAt(), manifest.dataFingerprint()));
        return run;
    }

    /**
     * Why {@code name} cannot name a run folder inside the runs folder, or null when it can: a name is one
     * folder name, so no separators, no "." or "..", nothing absolute and nothing hidden.
     */
    public static String checkName(String name) {
        if (name == null || name.isBlank()) {
            return "must not be empty";
        }
        if (name.contains("/") || name.contains("\\") || name.contains(java.io.File.separator)) {
            return "must be one folder name, without / or \\ (the run goes inside --runs)";
        }
        if (name.startsWith(".")) {
            return "must not start with '.' (\"..\" would leave --runs, and hidden folders are not listed)";
        }
        if (name.chars().anyMatch(c -> c < 32 || c == ':' || c == '*' || c == '?' || c == '"' || c == '<'
                || c == '>' || c == '|')) {
            return "must not hold control characters or any of : * ? \" < > |";
        }
        if (name.length() > 100) {
            return "must be at most 100 characters";
        }
        return null;
    }

    /** "rooms64-20261207-2124": the data set, its image size and the minute the run started. */
    static String defaultName(RunManifest manifest) {
        String data = manifest.dataset() == null ? "run" : manifest.dataset().shortName();
        int size = manifest.config() == null ? 0 : manifest.config().imageSize();
        return data + (size > 0 ? size : "") + "-" + LocalDateTime.now().format(ID_FORMAT);
    }

    /** Takes the writer lock of an existing run (to resume it); refused while another trainer holds it. */
    public void takeWriterLock() throws IOException {
        if (writerLock == null) {
            writerLock = RunLock.acquire(root);
        }
    }

    /** Lets another trainer have the run; a no-op for a reader. */
    public void releaseWriterLock() throws IOException {
        if (writerLock != null) {
            RunLock lock = writerLock;
            writerLock = null;
            lock.close();
        }
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

    /** A run folder read as it is, its manifest unchecked (to reach the checkpoints of a broken manifest). */
    static RunDirectory forReading(Path dir) {
        return new RunDirectory(dir);
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
        return writeCheckpoint(gan, info, Long.MAX_VALUE);
    }

    /** Writes a checkpoint folder's files; ModelBundle's, or one that fails on purpose in tests. */
    @FunctionalInterface
    interface BundleWriter {
        void write(Path folder, io.dcganexplorer.core.gan.Dcgan gan, ModelInfo info) throws IOException;
    }

    private BundleWriter bundleWriter = ModelBundle::write;

    /** For tests: writes checkpoints with {@code writer} (a full disk, say). */
    void writeBundlesWith(BundleWriter writer) {
        this.bundleWriter = writer;
    }

    /**
     * Writes a checkpoint atomically (temporary folder, then rename) and prunes old ones, keeping the newest
     * {@value #CHECKPOINTS_KEPT} and, for each step in {@code keepAtOrBefore}, the newest checkpoint at or
     * before it (the last ones known healthy). A folder already at the target (a checkpoint that could not be loaded) is renamed, not replaced.
     *
     * @throws IOException naming the file that could not be written; nothing else changes then
     */
    public Path writeCheckpoint(io.dcganexplorer.core.gan.Dcgan gan, ModelInfo info, long... keepAtOrBefore)
            throws IOException {
        Files.createDirectories(checkpointsDir());
        Path target = checkpointPath(info.state().iteration());
        Path tmp = Files.createTempDirectory(checkpointsDir(), ".writing-");
        try {
            bundleWriter.write(tmp, gan, info);
            if (Files.exists(target)) {
                setAside(target, "replaced");
            }
            AtomicFiles.move(tmp, target);
        } finally {
            try {
                AtomicFiles.deleteTree(tmp);
            } catch (IOException e) {
                // Removed by the next prune; the write's own error (if any) is the one to report.
            }
        }
        prune(keepAtOrBefore);
        return target;
    }

    /**
     * Renames a checkpoint folder so that no load or prune touches it again: iter-N becomes iter-N.SUFFIX
     * (or iter-N.SUFFIX-2 ...), or, for "diverged", diverged-iter-N. Returns the new path.
     */
    public Path setAside(Path checkpoint, String suffix) throws IOException {
        String name = checkpoint.getFileName().toString();
        String base = "diverged".equals(suffix) ? "diverged-" + name : name + "." + suffix;
        Path target = checkpoint.resolveSibling(base);
        for (int n = 2; Files.exists(target); n++) {
            target = checkpoint.resolveSibling(base + "-" + n);
        }
        Files.move(checkpoint, target);
        return target;
    }

    private void prune(long... keepAtOrBefore) throws IOException {
        List<Path> all = checkpoints();
        java.util.Set<Path> kept = new java.util.HashSet<>();
        for (long bound : keepAtOrBefore) {
            all.stream().filter(p -> iterationOf(p) <= bound).reduce((a, b) -> b).ifPresent(kept::add);
        }
        for (int i = 0; i < all.size() - CHECKPOINTS_KEPT; i++) {
            if (!kept.contains(all.get(i))) {
                AtomicFiles.deleteTree(all.get(i));
            }
        }
        // Leftovers of writes interrupted by a crash (the writer lock means no other process writes here).
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
