package io.dcganexplorer.run;

/**
 * Where a run stands, saved with each checkpoint so training resumes exactly.
 *
 * @param iteration the number of the next GAN step
 * @param epoch the data epoch the next batch belongs to
 * @param batchInEpoch the index of the next batch within that epoch
 * @param elapsedSeconds training wall time so far, excluding pauses
 */
public record TrainingState(long iteration, int epoch, int batchInEpoch, double elapsedSeconds) {

    public static final TrainingState START = new TrainingState(0, 0, 0, 0);
}
