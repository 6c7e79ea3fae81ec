package io.dcganexplorer.cli;

/** Turns exceptions into one line a person can act on. */
final class Messages {

    private Messages() {
    }

    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory: try a smaller --batch or give Java more memory (-Xmx)";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
