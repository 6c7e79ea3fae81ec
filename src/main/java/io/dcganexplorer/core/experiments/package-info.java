/**
 * Measurements of the paper's qualitative demonstrations: how often face vector arithmetic
 * (Radford et al. 2015, figure 7) gives the intended attributes in Z space and in pixel space, and how
 * steadily the "turn" vector (figure 8) turns heads. Depends on {@code core.latent}, {@code core.eval}
 * (the attribute classifier that judges generated faces) and DL4J; never on JavaFX, runs or the CLI.
 */
package io.dcganexplorer.core.experiments;
