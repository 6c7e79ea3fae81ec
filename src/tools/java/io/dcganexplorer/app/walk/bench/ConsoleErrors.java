package io.dcganexplorer.app.walk.bench;

import io.dcganexplorer.app.common.ErrorReporter;

/** Errors and warnings as one line on stderr: the tool mains have no window to show them in. */
public final class ConsoleErrors implements ErrorReporter {

    @Override
    public void error(String title, Throwable cause) {
        System.err.println(title + ": " + ErrorReporter.describe(cause));
    }

    @Override
    public void warning(String title, String message) {
        System.err.println(title + ": " + message);
    }
}
