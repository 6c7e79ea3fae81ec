package io.dcganexplorer.core.gan;

/** How a training session ended. */
public enum TrainingOutcome {
    /** Reached its planned number of steps. */
    COMPLETED,
    /** Stopped on request (stop button, Ctrl-C); a checkpoint holds the last step. */
    STOPPED,
    /** A loss or D output became NaN or infinite; the last good checkpoint is kept and nothing after it. */
    DIVERGED,
    /** An error (out of memory, disk full, ...); the last good checkpoint is kept. */
    FAILED
}
