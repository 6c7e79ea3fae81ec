/**
 * Evaluators that turn the DCGAN paper's qualitative demonstrations into numbers: a per-pixel window
 * detector for generated bedrooms (the "forget to draw windows" ablation) and a face attribute
 * classifier (glasses, smile, beard, man, yaw) for latent vector arithmetic. Both are trained on the
 * procedural data sets, whose ground truth (window masks, face attributes) is exact, and report their
 * accuracy on held-out images so a score on generated images can be read against it.
 *
 * <p>Depends on DL4J/ND4J, on {@link io.dcganexplorer.core.gan} (for its sigmoid cross-entropy loss)
 * and on {@link io.dcganexplorer.data} (procedural generators, image conversions); never on JavaFX, the
 * run directory or the command line.
 */
package io.dcganexplorer.core.eval;
