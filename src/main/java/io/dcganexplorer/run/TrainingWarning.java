package io.dcganexplorer.run;

/**
 * Something a person should hear about while a run goes on: the run looks diverged or collapsed (with the
 * checkpoint to go back to), it recovered, or a file could not be written and training goes on in memory.
 *
 * @param kind what happened
 * @param iteration the step count when it happened
 * @param message one paragraph that says what, which file or step, and what to do
 * @param goodCheckpoint for {@link Kind#DIVERGENCE}: the step of the last checkpoint taken before the trouble
 *                       began, or -1 when there is none
 */
public record TrainingWarning(Kind kind, long iteration, String message, long goodCheckpoint) {

    /** The kinds of warning. */
    public enum Kind {
        /** The run diverged or collapsed; the session stops unless told to only warn. */
        DIVERGENCE,
        /** The signs of an earlier divergence warning have gone. */
        RECOVERED,
        /** A checkpoint, sample grid or metrics.csv write failed; training goes on and retries. */
        WRITE_FAILED
    }
}
