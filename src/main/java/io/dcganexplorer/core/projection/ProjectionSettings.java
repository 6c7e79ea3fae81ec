package io.dcganexplorer.core.projection;

/**
 * How a projection searches.
 *
 * @param steps Adam steps on z
 * @param restarts starting points optimised together, as one batch; the best one wins
 * @param candidates random z drawn and judged once before the descent; the {@code restarts} closest to the
 *                   image are its starting points (at least {@code restarts})
 * @param learningRate Adam's step size on z, decayed linearly to a tenth by the last step
 * @param featureWeight weight of the feature loss on D's first layers beside the pixel loss; 0 turns it off
 * @param seed seeds the random starting points: the same seed, image and model give the same z
 */
public record ProjectionSettings(int steps, int restarts, int candidates, double learningRate, double featureWeight,
                                 long seed) {

    /** Most steps and restarts accepted (a guard against typing an extra zero). */
    public static final int MAX_STEPS = 100_000;
    public static final int MAX_RESTARTS = 256;

    public ProjectionSettings {
        if (steps < 0 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps = " + steps + ": must be between 0 and " + MAX_STEPS);
        }
        if (restarts < 1 || restarts > MAX_RESTARTS) {
            throw new IllegalArgumentException("restarts = " + restarts + ": must be between 1 and " + MAX_RESTARTS);
        }
        if (candidates < restarts || candidates > 16 * 1024) {
            throw new IllegalArgumentException("candidates = " + candidates + ": must be between the restarts ("
                    + restarts + ") and 16384");
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException("learning rate = " + learningRate + ": must be in (0, 10]");
        }
        if (!(featureWeight >= 0 && Double.isFinite(featureWeight))) {
            throw new IllegalArgumentException("feature weight = " + featureWeight + ": must be 0 or positive");
        }
    }

    /**
     * The defaults: 200 steps, 4 restarts picked from 256 random z, learning rate 0.05, pixel loss only (sized
     * so a projection stays within seconds on two cores; docs/PROJECTION.md).
     */
    public static ProjectionSettings defaults() {
        return new ProjectionSettings(200, 4, 256, 0.05, 0, 0);
    }

    public ProjectionSettings withSteps(int v) {
        return new ProjectionSettings(v, restarts, candidates, learningRate, featureWeight, seed);
    }

    public ProjectionSettings withRestarts(int v) {
        return new ProjectionSettings(steps, v, Math.max(candidates, v), learningRate, featureWeight, seed);
    }

    public ProjectionSettings withCandidates(int v) {
        return new ProjectionSettings(steps, restarts, v, learningRate, featureWeight, seed);
    }

    public ProjectionSettings withLearningRate(double v) {
        return new ProjectionSettings(steps, restarts, candidates, v, featureWeight, seed);
    }

    public ProjectionSettings withFeatureWeight(double v) {
        return new ProjectionSettings(steps, restarts, candidates, learningRate, v, seed);
    }

    public ProjectionSettings withSeed(long v) {
        return new ProjectionSettings(steps, restarts, candidates, learningRate, featureWeight, v);
    }
}
