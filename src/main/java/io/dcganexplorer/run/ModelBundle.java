package io.dcganexplorer.run;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.DiscriminatorFactory;
import io.dcganexplorer.core.gan.GeneratorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A saved model: a folder with {@code generator.zip}, {@code discriminator.zip} (DL4J's format, with
 * updater state so training can continue) and {@code model.json}. Checkpoints and shipped models use
 * the same layout. model.json is written last, so a folder without it is incomplete and ignored.
 */
public final class ModelBundle {

    public static final String GENERATOR = "generator.zip";
    public static final String DISCRIMINATOR = "discriminator.zip";
    public static final String INFO = "model.json";

    private ModelBundle() {
    }

    /** A loaded bundle. */
    public record Loaded(Dcgan gan, ModelInfo info, Path folder) {
    }

    /** Writes a checkpoint bundle, with updater state, into {@code folder} (a fresh temporary folder). */
    public static void write(Path folder, Dcgan gan, ModelInfo info) throws IOException {
        write(folder, gan, info, true);
    }

    /**
     * Writes the bundle. With the updater state (Adam's two moment estimates, twice the parameters again) a
     * resumed run continues exactly; without it the files are a third of the size, as for shipped models.
     */
    public static void write(Path folder, Dcgan gan, ModelInfo info, boolean withUpdater) throws IOException {
        Files.createDirectories(folder);
        Path g = folder.resolve(GENERATOR);
        Path d = folder.resolve(DISCRIMINATOR);
        // G's file is written first, so a failure with D's file present happened while writing D's.
        try {
            gan.writeNetworks(g, d, withUpdater);
        } catch (IOException e) {
            Path file = Files.exists(d) ? d : g;
            naming(file, () -> {
                throw e;
            });
        }
        // Written last: a folder without model.json is an incomplete write and is ignored.
        Path infoFile = folder.resolve(INFO);
        naming(infoFile, () -> AtomicFiles.writeString(infoFile, Json.MAPPER.writeValueAsString(info)));
    }

    /** A write whose failure names the file ("No space left on device" alone does not say where). */
    @FunctionalInterface
    private interface FileWrite {
        void run() throws IOException;
    }

    private static void naming(Path file, FileWrite write) throws IOException {
        try {
            write.run();
        } catch (IOException e) {
            String message = firstLine(e);
            throw new IOException(message.contains(file.toString()) ? message : "writing " + file + ": " + message, e);
        }
    }

    /**
     * Opens a model from a model folder (model.json) or a run folder (manifest.json: its newest loadable
     * checkpoint). Problems with skipped checkpoints are added to {@code problems}.
     */
    public static Loaded open(Path path, java.util.List<String> problems) throws RunFormatException, IOException {
        if (Files.isRegularFile(path.resolve(INFO))) {
            return load(path);
        }
        if (Files.isRegularFile(path.resolve(RunDirectory.MANIFEST))) {
            RunDirectory run;
            try {
                run = RunDirectory.open(path);
            } catch (RunFormatException e) {
                // The checkpoints carry their own model.json: a broken manifest need not stop sampling.
                problems.add(e.getMessage() + "; using the newest checkpoint without checking it against the "
                        + "manifest");
                run = RunDirectory.forReading(path);
            }
            return run.loadLatestCheckpoint(problems).orElseThrow(() -> new RunFormatException(path,
                    "this run has no loadable checkpoint yet" + (problems.isEmpty() ? "" : ": " + problems)));
        }
        throw new RunFormatException(path, Files.exists(path)
                ? "neither a saved model (no " + INFO + ") nor a run folder (no " + RunDirectory.MANIFEST + ")"
                : "no such file or folder");
    }

    /** A ModelInfo for a gan at a given training state, stamped with this build and the current time. */
    public static ModelInfo info(DcganConfig config, io.dcganexplorer.data.DatasetSpec spec, String datasetDescription,
                                 TrainingState state) {
        return new ModelInfo(ModelInfo.FORMAT_VERSION, config, spec, datasetDescription, state, BuildInfo.current(),
                Instant.now().toString());
    }

    /** Reads only model.json. */
    public static ModelInfo readInfo(Path folder) throws RunFormatException {
        Path file = folder.resolve(INFO);
        if (!Files.isRegularFile(file)) {
            throw new RunFormatException(folder, "not a saved model: " + INFO + " is missing");
        }
        ModelInfo info;
        try {
            info = Json.MAPPER.readValue(file.toFile(), ModelInfo.class);
        } catch (IOException | RuntimeException e) {
            throw new RunFormatException(file, "unreadable model description (" + firstLine(e) + ")", e);
        }
        if (info == null || info.config() == null) {
            throw new RunFormatException(file, "no model configuration in this file");
        }
        if (info.formatVersion() > ModelInfo.FORMAT_VERSION) {
            throw new RunFormatException(file, "written by a newer DCGAN Explorer (format " + info.formatVersion()
                    + ", this version reads up to " + ModelInfo.FORMAT_VERSION + "); update the program to open it");
        }
        return info;
    }

    /** Loads both networks and checks they match model.json. */
    public static Loaded load(Path folder) throws RunFormatException {
        ModelInfo info = readInfo(folder);
        MultiLayerNetwork g = loadNetwork(folder.resolve(GENERATOR));
        MultiLayerNetwork d = loadNetwork(folder.resolve(DISCRIMINATOR));
        DcganConfig config = info.config();
        requireSameShape(folder.resolve(GENERATOR), g, GeneratorFactory.create(config));
        requireSameShape(folder.resolve(DISCRIMINATOR), d, DiscriminatorFactory.create(config));
        return new Loaded(new Dcgan(config, g, d), info, folder);
    }

    private static MultiLayerNetwork loadNetwork(Path file) throws RunFormatException {
        if (!Files.isRegularFile(file)) {
            throw new RunFormatException(file, "missing; copy the whole model folder again, or use another "
                    + "checkpoint");
        }
        try {
            if (Files.size(file) == 0) {
                throw new RunFormatException(file, "empty file (0 bytes), left by an interrupted copy or a full disk; "
                        + "copy the model again, or use another checkpoint");
            }
        } catch (IOException e) {
            throw new RunFormatException(file, "cannot be read (" + firstLine(e) + ")", e);
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new RunFormatException(file, "not a readable DL4J network (" + firstLine(e) + ")", e);
        }
    }

    private static void requireSameShape(Path file, MultiLayerNetwork loaded, MultiLayerNetwork expected)
            throws RunFormatException {
        if (loaded.getnLayers() != expected.getnLayers() || loaded.numParams() != expected.numParams()) {
            throw new RunFormatException(file, "network has " + loaded.getnLayers() + " layers and "
                    + loaded.numParams() + " parameters, but model.json describes " + expected.getnLayers()
                    + " layers and " + expected.numParams());
        }
        for (int i = 0; i < loaded.getnLayers(); i++) {
            long[] a = loaded.getLayer(i).params() == null ? new long[0] : loaded.getLayer(i).params().shape();
            long[] b = expected.getLayer(i).params() == null ? new long[0] : expected.getLayer(i).params().shape();
            if (loaded.getLayer(i).numParams() != expected.getLayer(i).numParams()) {
                throw new RunFormatException(file, "layer " + i + " has shape " + Arrays.toString(a)
                        + ", expected " + Arrays.toString(b));
            }
        }
    }

    /** The first line of an exception's message, made printable (see {@link #printable}). */
    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null && fs.getFile() != null
                && m.equals(fs.getFile())) {
            m = fs.getFile() + ": " + fs.getReason();
        }
        int nl = m.indexOf('\n');
        return printable(nl < 0 ? m : m.substring(0, nl), 300);
    }

    /**
     * Text from a file that may be binary garbage, safe for a terminal: control characters, undecodable
     * bytes (U+FFFD) and other unprintable characters become \\uXXXX, and it is cut at {@code max} characters.
     */
    public static String printable(String text, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < max; i++) {
            char c = text.charAt(i);
            boolean plain = c >= 32 && c != 127 && c != '\uFFFD' && !Character.isISOControl(c)
                    && Character.getType(c) != Character.UNASSIGNED && Character.getType(c) != Character.PRIVATE_USE
                    && Character.getType(c) != Character.SURROGATE && Character.getType(c) != Character.FORMAT;
            b.append(plain ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.length() >= max && text.length() > max ? b + "..." : b.toString();
    }
}
