package io.dcganexplorer.run;

/**
 * How long to train and how often to record.
 *
 * @param iterations total GAN steps of the run (a resumed run continues up to this number)
 * @param sampleEvery save the fixed-z sample grid every this many steps
 * @param checkpointEvery write a checkpoint every this many steps
 * @param checkpointSeconds also write one when this much training time has passed since the last (0 = off)
 * @param previewCount number of fixed z vectors in the sample grid
 * @param maxSeconds stop (with a checkpoint) once this much training time has passed, counted from the run's
 *                   start; 0 = no time limit
 */
public record TrainingPlan(long iterations, int sampleEvery, int checkpointEvery, int checkpointSeconds,
                           int previewCount, double maxSeconds) {

    /** A plan without a time limit. */
    public TrainingPlan(long iterations, int sampleEvery, int checkpointEvery, int checkpointSeconds, int previewCount) {
        this(iterations, sampleEvery, checkpointEvery, checkpointSeconds, previewCount, 0);
    }

    public TrainingPlan {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations = " + iterations + ": must be at least 1");
        }
        if (sampleEvery < 1) {
            throw new IllegalArgumentException("sampleEvery = " + sampleEvery + ": must be at least 1");
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery = " + checkpointEvery + ": must be at least 1");
        }
        if (checkpointSeconds < 0) {
            throw new IllegalArgumentException("checkpointSeconds = " + checkpointSeconds + ": must be 0 (off) or more");
        }
        if (!(maxSeconds >= 0)) {
            throw new IllegalArgumentException("maxSeconds = " + maxSeconds + ": must be 0 (no limit) or more");
        }
        if (previewCount < 1 || previewCount > 256) {
            throw new IllegalArgumentException("previewCount = " + previewCount + ": must be between 1 and 256");
        }
    }

    /** Sensible defaults: a grid every 100 steps, a checkpoint every 500 steps or 5 minutes, 64 previews. */
    public static TrainingPlan of(long iterations) {
        return new TrainingPlan(iterations, 100, 500, 300, 64);
    }

    public TrainingPlan withIterations(long v) {
        return new TrainingPlan(v, sampleEvery, checkpointEvery, checkpointSeconds, previewCount, maxSeconds);
    }

    public TrainingPlan withSampleEvery(int v) {
        return new TrainingPlan(iterations, v, checkpointEvery, checkpointSeconds, previewCount, maxSeconds);
    }

    public TrainingPlan withCheckpointEvery(int v) {
        return new TrainingPlan(iterations, sampleEvery, v, checkpointSeconds, previewCount, maxSeconds);
    }

    public TrainingPlan withMaxSeconds(double v) {
        return new TrainingPlan(iterations, sampleEvery, checkpointEvery, checkpointSeconds, previewCount, v);
    }

    /** True when the plan has a time limit and {@code elapsedSeconds} has reached it. */
    public boolean timeIsUp(double elapsedSeconds) {
        return maxSeconds > 0 && elapsedSeconds >= maxSeconds;
    }
}
