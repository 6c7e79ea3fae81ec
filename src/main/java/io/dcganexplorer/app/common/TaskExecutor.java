package io.dcganexplorer.app.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work off the UI thread and hands results back on it. The app's implementation uses background
 * threads and the JavaFX application thread; tests use {@link #currentThread()}, where everything runs
 * at once on the caller's thread, so asynchronous view-model code is deterministic in plain JUnit.
 */
public interface TaskExecutor {

    /**
     * Runs {@code work} in the background, then {@code onSuccess} or {@code onFailure} on the UI thread. An
     * {@link OutOfMemoryError} reaches {@code onFailure} too, wrapped in an ExecutionException.
     */
    <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure);

    /** Runs {@code action} on the UI thread; dropped silently once the executor is shut down. */
    void runOnUi(Runnable action);

    /** Stops accepting work and drops pending UI callbacks; running work is interrupted. */
    void shutdown();

    /** An executor that runs work and callbacks immediately on the calling thread. */
    static TaskExecutor currentThread() {
        return new TaskExecutor() {
            @Override
            public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    onFailure.accept(e);
                    return;
                } catch (OutOfMemoryError e) {
                    onFailure.accept(new java.util.concurrent.ExecutionException(e.getMessage(), e));
                    return;
                }
                onSuccess.accept(result);
            }

            @Override
            public void runOnUi(Runnable action) {
                action.run();
            }

            @Override
            public void shutdown() {
                // Nothing runs later, so there is nothing to cancel.
            }
        };
    }
}
