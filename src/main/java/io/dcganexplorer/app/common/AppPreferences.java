package io.dcganexplorer.app.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the app remembers between launches, kept as a small JSON file (by default
 * {@code ~/.config/dcgan-explorer/preferences.json}; tests pass their own folder). A missing or unreadable
 * file gives the defaults: preferences must never stop the app from starting.
 */
public final class AppPreferences {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private Values values;

    /**
     * The remembered values.
     *
     * @param windowX left edge of the main window, or NaN for "let the system place it"
     * @param windowY top edge of the main window, or NaN
     * @param windowWidth width of the main window
     * @param windowHeight height of the main window
     * @param maximized whether the window was maximized
     * @param lastRun the run folder open at exit, or null
     * @param lastDataKind the data source last chosen for a new run (a DatasetSpec.Kind name), or null
     * @param lastImageFolder the image folder last chosen, or null
     * @param lastActivity the title of the tab shown at exit, or null (a first launch opens on Walk)
     * @param tourSeen whether the guided tour has been shown; it opens by itself only while this is false
     */
    public record Values(double windowX, double windowY, double windowWidth, double windowHeight, boolean maximized,
                         String lastRun, String lastDataKind, String lastImageFolder, String lastActivity,
                         boolean tourSeen) {

        public static final Values DEFAULTS = new Values(Double.NaN, Double.NaN, 1360, 860, false, null, null, null,
                null, false);

        public Values withWindow(double x, double y, double width, double height, boolean max) {
            return new Values(x, y, width, height, max, lastRun, lastDataKind, lastImageFolder, lastActivity,
                    tourSeen);
        }

        public Values withLastRun(String run) {
            return new Values(windowX, windowY, windowWidth, windowHeight, maximized, run, lastDataKind,
                    lastImageFolder, lastActivity, tourSeen);
        }

        public Values withData(String kind, String folder) {
            return new Values(windowX, windowY, windowWidth, windowHeight, maximized, lastRun, kind, folder,
                    lastActivity, tourSeen);
        }

        public Values withLastActivity(String title) {
            return new Values(windowX, windowY, windowWidth, windowHeight, maximized, lastRun, lastDataKind,
                    lastImageFolder, title, tourSeen);
        }

        public Values withTourSeen(boolean seen) {
            return new Values(windowX, windowY, windowWidth, windowHeight, maximized, lastRun, lastDataKind,
                    lastImageFolder, lastActivity, seen);
        }
    }

    private AppPreferences(Path file, Values values) {
        this.file = file;
        this.values = values;
    }

    /** The user's configuration folder for this app, honouring XDG_CONFIG_HOME. */
    public static Path defaultFolder() {
        String override = System.getProperty("dcganexplorer.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("dcgan-explorer");
    }

    /** Reads {@code folder}/preferences.json, or starts from the defaults. */
    public static AppPreferences load(Path folder) {
        Path file = folder.resolve("preferences.json");
        Values values = Values.DEFAULTS;
        if (Files.isRegularFile(file)) {
            try {
                Values read = MAPPER.readValue(file.toFile(), Values.class);
                if (read != null && read.windowWidth() > 100 && read.windowHeight() > 100) {
                    values = read;
                }
            } catch (IOException | RuntimeException e) {
                // A hand-edited or truncated file: start from the defaults and overwrite it on exit.
                values = Values.DEFAULTS;
            }
        }
        return new AppPreferences(file, values);
    }

    public Values values() {
        return values;
    }

    public void update(java.util.function.UnaryOperator<Values> change) {
        values = change.apply(values);
    }

    /** Writes the file atomically (temporary file, then rename). */
    public void save() throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        MAPPER.writeValue(tmp.toFile(), values);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public Path file() {
        return file;
    }
}
