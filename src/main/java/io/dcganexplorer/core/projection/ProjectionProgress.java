package io.dcganexplorer.core.projection;

/**
 * Where a projection stands after a step: the best z so far and its image (copies the receiver may keep).
 *
 * @param step steps done (0: the best random starting point, before any descent)
 * @param steps steps planned
 * @param loss the best z's loss (pixel MSE on [-1, 1] values, plus the weighted feature loss)
 * @param psnr the best z's image against the target, in dB
 * @param z the best z so far
 * @param image its image, CHW in [-1, 1]
 */
public record ProjectionProgress(int step, int steps, double loss, double psnr, float[] z, float[] image) {

    /** Fraction of the planned steps done, 0..1. */
    public double fraction() {
        return steps == 0 ? 1 : Math.min(1, step / (double) steps);
    }
}
