package io.dcganexplorer.app.model;

import java.nio.file.Path;

/**
 * Something a generator can be loaded from: a saved model folder (model.json) or a run folder, whose
 * newest checkpoint is used.
 *
 * @param name what the chooser shows
 * @param path the folder
 * @param kind which of the two it is
 */
public record ModelChoice(String name, Path path, Kind kind) {

    /** Where the generator comes from. */
    public enum Kind {
        /** A model bundle, such as a shipped model under models/. */
        MODEL,
        /** A run folder: its newest complete checkpoint, which may be replaced while training goes on. */
        RUN
    }

    /** A choice named after the folder. */
    public static ModelChoice of(Path path, Kind kind) {
        Path name = path.getFileName();
        return new ModelChoice(name == null ? path.toString() : name.toString(), path, kind);
    }

    @Override
    public String toString() {
        return kind == Kind.RUN ? name + "  (run)" : name;
    }
}
