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
        gan.writeNetworks(folder.resolve(GENERATOR), folder.resolve(DISCRIMINATOR), withUpdater);
        // Written last: a folder without model.json is an incomplete write and is ignored.
        AtomicFiles.writeString(folder.resolve(INFO), Json.MAPPER.writeValueAsString(info));
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
            RunDirectory run = RunDirectory.open(path);
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
            throw new RunFormatException(file, "missing");
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

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
