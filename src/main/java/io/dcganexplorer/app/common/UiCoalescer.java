package io.dcganexplorer.app.common;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns a burst of "something changed" signals from any thread into at most one pending UI update: while
 * an update is queued, further requests are dropped, and the update reads whatever is newest when it runs.
 * With JavaFX this means at most one update per pulse however fast the trainer steps.
 */
public final class UiCoalescer {

    private final TaskExecutor executor;
    private final Runnable update;
    private final AtomicBoolean queued = new AtomicBoolean();

    /** {@code update} runs on the UI thread and must read the latest state itself. */
    public UiCoalescer(TaskExecutor executor, Runnable update) {
        this.executor = executor;
        this.update = update;
    }

    /** Asks for an update; cheap and safe from any thread. */
    public void request() {
        if (queued.compareAndSet(false, true)) {
            executor.runOnUi(() -> {
                // Cleared before updating, so a change that arrives during the update queues another one.
                queued.set(false);
                update.run();
            });
        }
    }
}
