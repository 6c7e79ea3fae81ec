/**
 * The Arithmetic activity: vector arithmetic on faces with three exemplars per concept, its result next
 * to the same sum in pixel space, lessons as JSON, and the turn vector (Radford et al. 2015, figures 7 and
 * 8). Renders through its own {@code app.render} generator worker and frame views; depends on {@code core.latent},
 * {@code core.experiments} and {@code core.eval} for the arithmetic and the attribute classifier, and on
 * {@code run.lesson} for lesson files.
 */
package io.dcganexplorer.app.arithmetic;
