package io.dcganexplorer.cli;

import io.dcganexplorer.core.platform.OutOfMemory;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Optional;

/** Turns exceptions into one line a person can act on. */
final class Messages {

    private Messages() {
    }

    /**
     * Prints the problems a model load met to {@code err} (warnings never go to stdout, which scripts read):
     * "warning: skipped checkpoint ..." for each checkpoint passed over, "warning: ..." for a broken manifest.
     */
    static void warnSkipped(java.io.PrintWriter err, java.util.List<String> problems) {
        for (String p : problems) {
            boolean manifest = p.contains(io.dcganexplorer.run.RunDirectory.MANIFEST + ":");
            err.println((manifest ? "warning: " : "warning: skipped checkpoint ") + p);
        }
        err.flush();
    }

    static String describe(Throwable e) {
        Optional<OutOfMemory> oom = OutOfMemory.of(e);
        if (oom.isPresent()) {
            return "out of memory: " + oom.get().where() + " (" + oom.get().message() + "); try a smaller --batch or "
                    + "--size, or " + oom.get().remedy();
        }
        if (e instanceof FileSystemException fs && fs.getFile() != null && fs.getMessage().equals(fs.getFile())) {
            // Java's file errors say only the path ("error: runs"); say what is wrong with it as well.
            return fs.getFile() + ": " + reason(fs);
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * What went wrong with a file, without its (maybe temporary) name: "No space left on device", "it exists
     * and is not a folder", "permission denied".
     */
    static String reason(Throwable e) {
        if (e instanceof FileSystemException fs) {
            if (fs.getReason() != null) {
                return fs.getReason();
            }
            if (fs instanceof FileAlreadyExistsException) {
                return "it exists and is not a folder";
            }
            if (fs instanceof NoSuchFileException) {
                return "no such file or folder";
            }
            if (fs instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (fs instanceof NotDirectoryException) {
                return "not a folder";
            }
            return fs.getClass().getSimpleName();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst()
                .orElse(message);
    }
}
