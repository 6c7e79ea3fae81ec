package io.dcganexplorer.run;

import io.dcganexplorer.core.gan.StepResult;
import java.util.Locale;

/**
 * Watches a run's numbers for the ways a GAN fails without a NaN: the discriminator winning outright
 * (D(x) pinned at 1 and D(G(z)) at 0), the generator's loss exploding, and every fixed-z sample looking
 * the same (mode collapse). Each sign must last (a number of steps, or a sample grid) before it counts, so
 * the noisy first steps of a healthy run do not raise it.
 *
 * <p>It also keeps the steps back to which the run is known healthy, so the session never prunes the last
 * checkpoint before a trouble that is still building up, and can name that checkpoint when it is caught.
 */
final class DivergenceWatch {

    /**
     * When signs count as trouble.
     *
     * @param pinnedSteps steps in a row with D(x) above {@code 1 - pinnedMargin} and D(G(z)) below
     *                    {@code pinnedMargin}
     * @param pinnedMargin how close to 1 and 0 counts as pinned
     * @param lossGLimit a generator loss above this is exploding (30 means D(G(z)) below 1e-13)
     * @param lossGSteps steps in a row above {@code lossGLimit}
     * @param minSpread a fixed-z grid whose samples differ by less than this (mean standard deviation of each
     *                  pixel across the samples, pixels in [-1, 1]) shows identical samples, once earlier grids
     *                  of the session varied by five times as much
     */
    record Rules(int pinnedSteps, double pinnedMargin, double lossGLimit, int lossGSteps, double minSpread) {

        /** For real runs: 200 pinned steps, 20 steps of lossG above 30, a grid spread below 0.02. */
        static final Rules DEFAULTS = new Rules(200, 0.01, 30, 20, 0.02);

        Rules withPinnedSteps(int steps) {
            return new Rules(steps, pinnedMargin, lossGLimit, Math.min(lossGSteps, steps), minSpread);
        }
    }

    /**
     * A trouble that was caught.
     *
     * @param healthyAt the newest step count at which the run was still healthy: a checkpoint of that step or
     *                  older is good, newer ones are suspect
     * @param caughtAt the step count at which it was caught
     * @param what what was seen, in words
     */
    record Trouble(long healthyAt, long caughtAt, String what) {
    }

    private final Rules rules;
    private long pinnedSince = -1;
    private int pinnedCount;
    private long explodingSince = -1;
    private int explodingCount;
    /** How much more than {@link Rules#minSpread()} the samples must have varied before a fall counts. */
    private static final double VARIED = 5;

    private long lastGoodGrid;
    private double maxSpread;
    private Trouble active;

    DivergenceWatch(Rules rules, long startIteration) {
        this.rules = rules;
        this.lastGoodGrid = startIteration;
    }

    /** The trouble now going on, or null. */
    Trouble active() {
        return active;
    }

    /**
     * The step counts whose newest checkpoints must survive pruning: the last one before any streak of pinned
     * D or exploding loss now building up, and the last one no later than the last varied sample grid.
     */
    long[] healthySteps(long now) {
        return new long[] {beforeStreaks(now), Math.min(now, lastGoodGrid)};
    }

    /** The step count before any streak of pinned D or exploding loss now building up (or caught). */
    long beforeStreaks(long now) {
        long bound = now;
        if (pinnedSince >= 0) {
            bound = Math.min(bound, pinnedSince);
        }
        if (explodingSince >= 0) {
            bound = Math.min(bound, explodingSince);
        }
        return active != null ? Math.min(bound, active.healthyAt()) : bound;
    }

    /** Takes one step's numbers; returns a trouble when one is caught at this step, else null. */
    Trouble onStep(StepResult r) {
        long stepStart = r.iteration();
        long done = r.iteration() + 1;
        if (!r.isFinite()) {
            return raise(new Trouble(beforeStreaks(stepStart), done, String.format(Locale.ROOT,
                    "step %d gave lossD = %s, lossG = %s, D(x) = %s, D(G(z)) = %s", r.iteration(), r.lossD(),
                    r.lossG(), r.dReal(), r.dFakeAfter())));
        }
        boolean pinned = r.dReal() > 1 - rules.pinnedMargin() && r.dFakeAfter() < rules.pinnedMargin();
        if (pinned) {
            if (pinnedCount++ == 0) {
                pinnedSince = stepStart;
            }
        } else {
            pinnedCount = 0;
            pinnedSince = -1;
        }
        boolean exploding = r.lossG() > rules.lossGLimit();
        if (exploding) {
            if (explodingCount++ == 0) {
                explodingSince = stepStart;
            }
        } else {
            explodingCount = 0;
            explodingSince = -1;
        }
        if (explodingCount == rules.lossGSteps()) {
            return raise(new Trouble(beforeStreaks(stepStart), done, String.format(Locale.ROOT,
                    "the generator's loss has stayed above %.0f for %d steps (since step %d; now %.1f): it is "
                    + "exploding", rules.lossGLimit(), explodingCount, explodingSince, r.lossG())));
        }
        if (pinnedCount == rules.pinnedSteps()) {
            return raise(new Trouble(beforeStreaks(stepStart), done, String.format(Locale.ROOT,
                    "D(x) has stayed above %.2f and D(G(z)) below %.2f for %d steps (since step %d): the "
                    + "discriminator wins outright and the generator learns nothing", 1 - rules.pinnedMargin(),
                    rules.pinnedMargin(), pinnedCount, pinnedSince)));
        }
        return null;
    }

    /** Takes the spread of a fixed-z grid saved after {@code done} steps; returns a trouble if caught now. */
    Trouble onGrid(long done, double spread, int samples) {
        // A fresh generator draws nearly the same image for every z (spread 1e-5 at step 0 is normal), so
        // only a fall from varied samples counts: collapse is losing variety, not not having it yet.
        boolean collapsed = spread < rules.minSpread() && maxSpread >= VARIED * rules.minSpread();
        maxSpread = Math.max(maxSpread, spread);
        if (!collapsed) {
            lastGoodGrid = done;
            return null;
        }
        return raise(new Trouble(Math.min(lastGoodGrid, beforeStreaks(done)), done, String.format(Locale.ROOT,
                "the %d fixed-z samples at step %d are nearly identical (spread %.4f, below %.2f, after %.2f "
                + "earlier; the grid at step %d was fine): the generator has collapsed", samples, done, spread,
                rules.minSpread(), maxSpread, lastGoodGrid)));
    }

    /** True, and the trouble forgotten, when the signs of the active trouble have gone (warn-only runs). */
    boolean recovered() {
        if (active == null || pinnedCount > 0 || explodingCount > 0 || lastGoodGrid < active.caughtAt()) {
            return false;
        }
        active = null;
        return true;
    }

    private Trouble raise(Trouble trouble) {
        if (active != null) {
            return null;
        }
        active = trouble;
        return trouble;
    }

    /**
     * How different the samples of a grid are: for each pixel, its standard deviation across the samples,
     * averaged over the pixels. 0 means every sample is the same image.
     *
     * @param values samples one after another, {@code length} values each
     */
    static double spread(float[] values, int samples, int length) {
        if (samples < 2) {
            return Double.POSITIVE_INFINITY;
        }
        double total = 0;
        for (int p = 0; p < length; p++) {
            double sum = 0;
            double sumSq = 0;
            for (int s = 0; s < samples; s++) {
                double v = values[s * length + p];
                sum += v;
                sumSq += v * v;
            }
            double mean = sum / samples;
            total += Math.sqrt(Math.max(0, sumSq / samples - mean * mean));
        }
        return total / length;
    }
}
