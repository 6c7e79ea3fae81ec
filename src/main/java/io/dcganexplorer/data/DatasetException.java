package io.dcganexplorer.data;

/**
 * A data set could not be loaded at all: a missing file or folder, a malformed IDX file, a folder with
 * no readable image. The message names the file or folder and says what is wrong, so fronts can show it
 * to the user as is.
 *
 * <p>Unchecked because callers (CLI commands, the app's load task) can do nothing but report it, and a
 * checked exception would have to be wrapped inside every stream and callback on the way.
 */
public class DatasetException extends RuntimeException {

    /** Creates an exception with a message that names the file or folder and the problem. */
    public DatasetException(String message) {
        super(message);
    }

    /** Creates an exception with a message that names the file or folder and the problem. */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
