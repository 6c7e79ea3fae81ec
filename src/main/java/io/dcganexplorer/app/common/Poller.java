package io.dcganexplorer.app.common;

import java.time.Duration;

/**
 * Repeats a task in the background until closed: how the app follows a run folder or a run's newest
 * checkpoint while another process writes it. The app has one, on one scheduler thread; tests pass one they
 * drive by hand.
 */
@FunctionalInterface
public interface Poller {

    /** Runs {@code task} every {@code period} (off the UI thread) until the returned handle is closed. */
    AutoCloseable every(Duration period, Runnable task);
}
