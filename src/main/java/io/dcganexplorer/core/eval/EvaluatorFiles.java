package io.dcganexplorer.core.eval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The on-disk form of an evaluator: a folder with {@code network.zip} (DL4J's format, without updater
 * state: a third of the size, and evaluators are never trained further) and {@code evaluator.json}
 * (kind, provenance, held-out metrics). The JSON is written last, so a folder without it is incomplete.
 */
final class EvaluatorFiles {

    static final String NETWORK = "network.zip";
    static final String DESCRIPTION = "evaluator.json";

    /** Not run.Json: the core may not depend on the run package. Same settings: readable, tolerant of new fields. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EvaluatorFiles() {
    }

    static void write(Path folder, MultiLayerNetwork network, Object description) throws IOException {
        Files.createDirectories(folder);
        Path zip = folder.resolve(NETWORK);
        Path tempZip = Files.createTempFile(folder, "." + NETWORK, ".tmp");
        try {
            ModelSerializer.writeModel(network, tempZip.toFile(), false);
            moveIntoPlace(tempZip, zip);
        } finally {
            Files.deleteIfExists(tempZip);
        }
        Path json = folder.resolve(DESCRIPTION);
        Path tempJson = Files.createTempFile(folder, "." + DESCRIPTION, ".tmp");
        try {
            MAPPER.writeValue(tempJson.toFile(), description);
            moveIntoPlace(tempJson, json);
        } finally {
            Files.deleteIfExists(tempJson);
        }
    }

    static <T> T readDescription(Path folder, Class<T> type) throws EvaluatorFileException {
        Path json = folder.resolve(DESCRIPTION);
        if (!Files.isRegularFile(json)) {
            throw new EvaluatorFileException(Files.isDirectory(folder) ? json : folder, Files.isDirectory(folder)
                    ? "missing: not a saved evaluator" : "no such evaluator folder");
        }
        try {
            T value = MAPPER.readValue(json.toFile(), type);
            if (value == null) {
                throw new EvaluatorFileException(json, "empty evaluator description");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof EvaluatorFileException known) {
                throw known;
            }
            throw new EvaluatorFileException(json, "unreadable evaluator description (" + firstLine(e) + ")", e);
        }
    }

    /**
     * Checks that a description is of the expected kind and names a supported image size, and returns the size.
     */
    static int requireKind(Path folder, String expectedKind, String kind, EvaluatorProvenance provenance)
            throws EvaluatorFileException {
        Path json = folder.resolve(DESCRIPTION);
        if (!expectedKind.equals(kind)) {
            throw new EvaluatorFileException(json, "holds a " + kind + ", not a " + expectedKind);
        }
        if (provenance == null) {
            throw new EvaluatorFileException(json, "no provenance (image size) in this file");
        }
        int size = provenance.imageSize();
        if (size != 16 && size != 32 && size != 64) {
            throw new EvaluatorFileException(json, "imageSize = " + size + ": must be 16, 32 or 64");
        }
        return size;
    }

    /** Restores the network and checks it has the parameters of {@code expected}, a fresh one of the described shape. */
    static MultiLayerNetwork readNetwork(Path folder, MultiLayerNetwork expected) throws EvaluatorFileException {
        Path zip = folder.resolve(NETWORK);
        if (!Files.isRegularFile(zip)) {
            throw new EvaluatorFileException(zip, "missing");
        }
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new EvaluatorFileException(zip, "not a readable DL4J network (" + firstLine(e) + ")", e);
        }
        if (network.getnLayers() != expected.getnLayers() || network.numParams() != expected.numParams()) {
            throw new EvaluatorFileException(zip, "network has " + network.getnLayers() + " layers and "
                    + network.numParams() + " parameters, but " + DESCRIPTION + " describes one with "
                    + expected.getnLayers() + " layers and " + expected.numParams());
        }
        return network;
    }

    /**
     * The DL4J version from the build's properties (the pom's dl4j.version), for provenance. Read here and not
     * through run.BuildInfo because the core may not depend on the run package.
     */
    static String libraryVersion() {
        Properties properties = new Properties();
        try (InputStream in = EvaluatorFiles.class.getResourceAsStream("/io/dcganexplorer/build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "deeplearning4j (version unreadable: " + e.getMessage() + ")";
        }
        return "deeplearning4j " + properties.getProperty("dl4j.version", "unknown");
    }

    private static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
