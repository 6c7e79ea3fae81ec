package io.dcganexplorer.app.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * A {@link TaskExecutor} on daemon threads that calls back on the JavaFX application thread. After
 * {@link #shutdown()} no callback reaches {@code Platform.runLater}, so a closed window or a finished test
 * never receives a late update.
 */
public final class FxTaskExecutor implements TaskExecutor {

    private final ExecutorService threads;
    private final AtomicBoolean shutDown = new AtomicBoolean();

    private FxTaskExecutor(ExecutorService threads) {
        this.threads = threads;
    }

    /** A pool for short, independent jobs (loading a file, exporting a GIF). */
    public static FxTaskExecutor pool(String name) {
        return new FxTaskExecutor(Executors.newCachedThreadPool(daemonThreads(name)));
    }

    /** One thread that runs jobs in order: the trainer thread, which owns the networks while it trains. */
    public static FxTaskExecutor singleThread(String name) {
        return new FxTaskExecutor(Executors.newSingleThreadExecutor(daemonThreads(name)));
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
        try {
            threads.execute(() -> {
                try {
                    T result = work.call();
                    runOnUi(() -> onSuccess.accept(result));
                } catch (Exception e) {
                    runOnUi(() -> onFailure.accept(e));
                } catch (OutOfMemoryError e) {
                    // Reported like any failure, so the pane leaves its busy state and says what ran out.
                    ExecutionException wrapped = new ExecutionException(e.getMessage(), e);
                    runOnUi(() -> onFailure.accept(wrapped));
                }
            });
        } catch (RejectedExecutionException e) {
            // Shut down: the window is closing, the work is no longer wanted.
        }
    }

    @Override
    public void runOnUi(Runnable action) {
        if (shutDown.get()) {
            return;
        }
        Platform.runLater(() -> {
            if (!shutDown.get()) {
                action.run();
            }
        });
    }

    @Override
    public void shutdown() {
        shutDown.set(true);
        threads.shutdownNow();
    }
}
