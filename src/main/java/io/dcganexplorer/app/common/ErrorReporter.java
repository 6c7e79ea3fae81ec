package io.dcganexplorer.app.common;

import io.dcganexplorer.core.platform.OutOfMemory;

/**
 * Where problems go: the user sees a short human message (the exception's message, which in this code
 * base names the file or value and what to do), never a stack trace; the stack trace goes to a log file.
 * Called on the UI thread.
 */
public interface ErrorReporter {

    /** Something the user asked for failed. */
    void error(String title, Throwable cause);

    /** Something worth knowing that did not stop the work (a skipped checkpoint, a diverged run). */
    void warning(String title, String message);

    /** The message shown for {@code cause}: its message, or its kind when it has none. */
    static String describe(Throwable cause) {
        java.util.Optional<OutOfMemory> oom = OutOfMemory.of(cause);
        if (oom.isPresent()) {
            return "Out of memory: " + oom.get().where() + " (" + oom.get().message() + "). Try a smaller batch or "
                    + "image size, or " + oom.get().remedy() + ".";
        }
        Throwable t = cause;
        // Wrappers from executors and reflection carry the useful message in their cause.
        while ((t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.lang.reflect.InvocationTargetException
                || (t instanceof RuntimeException && t.getMessage() == null)) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
