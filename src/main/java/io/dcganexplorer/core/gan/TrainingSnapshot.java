package io.dcganexplorer.core.gan;

/**
 * An immutable picture of training after one step, safe to hand to another thread: every number and
 * pixel was copied out of ND4J arrays before it was built.
 *
 * @param step the step's losses and discriminator outputs
 * @param epoch data epoch of the step
 * @param totalIterations the run's target number of steps
 * @param imagesPerSecond smoothed real images per second
 * @param elapsedSeconds training time so far, excluding pauses
 * @param etaSeconds estimated time to reach totalIterations, or NaN while unknown
 * @param grid the fixed-z sample grid if it was refreshed at this step, else null
 */
public record TrainingSnapshot(StepResult step, int epoch, long totalIterations, double imagesPerSecond,
                               double elapsedSeconds, double etaSeconds, SampleGrid grid) {

    /** Fraction of the run done, in [0, 1]. */
    public double progress() {
        return totalIterations <= 0 ? 0 : Math.min(1.0, (step.iteration() + 1) / (double) totalIterations);
    }
}
