package io.dcganexplorer.core.probe;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Where a long computation is: a fraction in [0, 1] and a line for people. Called on the computing
 * thread; an app forwards it to its UI thread itself.
 */
@FunctionalInterface
public interface Progress {

    /** Ignores every report. */
    Progress NONE = (fraction, message) -> { };

    /**
     * Reports progress.
     *
     * @param fraction done so far, from 0 to 1
     * @param message what is being done, for example "trained D: features of 10000 training images"
     */
    void update(double fraction, String message);

    /** A progress whose 0..1 maps onto this one's {@code from..to}: for one step of a larger job. */
    default Progress range(double from, double to) {
        Progress outer = this;
        return (fraction, message) -> outer.update(from + (to - from) * Math.min(1, Math.max(0, fraction)), message);
    }

    /** Throws {@link CancellationException} when {@code cancelled} says so; checked between batches. */
    static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }
}
