package io.dcganexplorer.core.eval;

/**
 * Held-out accuracy of a {@link FaceAttributeClassifier}, each binary attribute thresholded at 0.5.
 *
 * <p>Beard is scored twice because the procedural faces only give beards to men: over all faces a
 * classifier that learned "woman means no beard" gets half the cases free, so {@code beardAmongMen} is
 * the harder and more telling number.
 *
 * @param faces         faces judged
 * @param men           of which with the man presentation
 * @param glasses       accuracy on glasses
 * @param smile         accuracy on smile
 * @param beard         accuracy on beard, over all faces
 * @param beardAmongMen accuracy on beard, over men only (NaN when there are none)
 * @param man           accuracy on man / woman
 * @param yawSign       fraction of faces whose estimated yaw has the sign of the true one
 * @param yawMae        mean absolute error of the yaw estimate (yaw spans [-1, 1])
 */
public record FaceAttributeMetrics(int faces, int men, double glasses, double smile, double beard,
                                   double beardAmongMen, double man, double yawSign, double yawMae) {
}
