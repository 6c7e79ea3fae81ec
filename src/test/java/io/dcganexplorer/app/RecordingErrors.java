package io.dcganexplorer.app;

import io.dcganexplorer.app.common.ErrorReporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An ErrorReporter that remembers what it was told, for assertions. */
public final class RecordingErrors implements ErrorReporter {

    public final List<String> messages = new CopyOnWriteArrayList<>();

    @Override
    public void error(String title, Throwable cause) {
        messages.add(title + ": " + ErrorReporter.describe(cause));
    }

    @Override
    public void warning(String title, String message) {
        messages.add(title + ": " + message);
    }
}
