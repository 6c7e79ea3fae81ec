package io.dcganexplorer.core.eval;

import java.io.IOException;
import java.nio.file.Path;

/** A saved evaluator that cannot be loaded: missing, corrupt or of another kind. The message names the file. */
public final class EvaluatorFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with {@code file}, described in a few words. */
    public EvaluatorFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** A problem with {@code file}, caused by {@code cause}. */
    public EvaluatorFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file or folder at fault. */
    public Path file() {
        return file;
    }
}
