package io.dcganexplorer.core.gan;

/**
 * Receives training progress on the trainer's thread. Implementations must return quickly and must not
 * touch the networks; hand the snapshot to another thread if there is real work to do.
 */
public interface TrainingListener {

    /** Called once before the first step of a session (also after a resume). */
    default void onStart(long iteration, long totalIterations) {
    }

    /** Called after every step. */
    void onStep(TrainingSnapshot snapshot);

    /** Called after a checkpoint was written. */
    default void onCheckpoint(long iteration) {
    }

    /** Called once when the session ends, with why it ended; {@code detail} explains failures. */
    default void onEnd(TrainingOutcome outcome, String detail) {
    }
}
