package io.dcganexplorer.core.projection;

/**
 * What a projection found.
 *
 * @param z the best z (inside the prior's support)
 * @param image G(z), CHW in [-1, 1]
 * @param loss its loss (pixel MSE on [-1, 1] values, plus the weighted feature loss)
 * @param psnr G(z) against the target, in dB (peak-to-peak 2, the same as 255 on bytes)
 * @param steps Adam steps done
 * @param cancelled true when cancellation stopped the descent early (z is then the best so far)
 * @param startPsnr the best random starting point's PSNR, before any descent
 */
public record ProjectionResult(float[] z, float[] image, double loss, double psnr, int steps, boolean cancelled,
                               double startPsnr) {
}
