package io.dcganexplorer.run;

import java.nio.file.Path;

/**
 * A run directory, checkpoint or model file that cannot be used: missing, corrupt, foreign or from a
 * newer version. The message names the file and says what is wrong; nothing on disk is changed.
 */
public final class RunFormatException extends Exception {

    private final Path file;

    public RunFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public RunFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file or folder at fault. */
    public Path file() {
        return file;
    }
}
