package io.dcganexplorer.app.train;

import io.dcganexplorer.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The run folders under a runs root (those with a manifest.json), newest first, for the run selector. */
public final class RunCatalog {

    private RunCatalog() {
    }

    public static List<Path> list(Path runsRoot) {
        if (!Files.isDirectory(runsRoot)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runsRoot)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(RunDirectory.MANIFEST)))
                    .sorted(Comparator.comparing(RunCatalog::modified).reversed())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static FileTime modified(Path run) {
        try {
            return Files.getLastModifiedTime(run.resolve(RunDirectory.MANIFEST));
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
