package io.dcganexplorer.run;

import io.dcganexplorer.core.ablation.WindowAnnotations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Window annotations ({@link WindowAnnotations}) as JSON files, shared by the app's Ablate pane and the
 * CLI's {@code ablate --annotations}. Here rather than in the core because the core does not use Jackson.
 */
public final class AnnotationFiles {

    private AnnotationFiles() {
    }

    /** Writes the annotations, replacing the file atomically. */
    public static void write(Path file, WindowAnnotations annotations) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, Json.MAPPER.writeValueAsString(annotations));
    }

    /** Reads annotations; an exception naming the file and what is wrong with it otherwise. */
    public static WindowAnnotations read(Path file) throws RunFormatException {
        if (!Files.isRegularFile(file)) {
            throw new RunFormatException(file, "no such annotations file");
        }
        try {
            WindowAnnotations a = Json.MAPPER.readValue(file.toFile(), WindowAnnotations.class);
            if (a == null || a.samples() == null) {
                throw new RunFormatException(file, "no annotations in this file");
            }
            return a;
        } catch (IOException | RuntimeException e) {
            throw new RunFormatException(file, "unreadable window annotations (" + ModelBundle.firstLine(e) + ")", e);
        }
    }
}
