package io.dcganexplorer.run.lesson;

import io.dcganexplorer.core.latent.Lesson;
import io.dcganexplorer.run.AtomicFiles;
import io.dcganexplorer.run.Json;
import io.dcganexplorer.run.RunFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lessons ({@link Lesson}, the paper's figure 7 as a prepared exercise) as JSON files a teacher can edit,
 * and the built-in lessons for the shipped faces model, which live on the class path.
 */
public final class LessonFiles {

    /** Class-path folder of the built-in lessons. */
    static final String BUILT_IN_FOLDER = "/io/dcganexplorer/lessons/";
    /** The built-in lessons, in menu order. */
    static final List<String> BUILT_IN = List.of("glasses.json", "smile-transfer.json");

    private LessonFiles() {
    }

    /** Writes {@code lesson} to {@code file} (atomically: a crash never leaves half a lesson). */
    public static void write(Lesson lesson, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, Json.MAPPER.writeValueAsString(lesson));
    }

    /** Reads a lesson; the exception names the file and what is wrong with it. */
    public static Lesson read(Path file) throws RunFormatException {
        if (!Files.isRegularFile(file)) {
            throw new RunFormatException(file, "no such lesson file");
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), Lesson.class);
        } catch (IOException | RuntimeException e) {
            throw new RunFormatException(file, "not a lesson (" + firstLine(e) + ")", e);
        }
    }

    /** The lessons shipped with the program, for the faces model in models/faces32. */
    public static List<Lesson> builtIn() {
        List<Lesson> lessons = new ArrayList<>();
        for (String name : BUILT_IN) {
            try (InputStream in = LessonFiles.class.getResourceAsStream(BUILT_IN_FOLDER + name)) {
                if (in == null) {
                    throw new IllegalStateException("built-in lesson " + name + " is missing from the class path");
                }
                lessons.add(Json.MAPPER.readValue(in, Lesson.class));
            } catch (IOException e) {
                throw new IllegalStateException("built-in lesson " + name + " is unreadable: " + firstLine(e), e);
            }
        }
        return lessons;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
