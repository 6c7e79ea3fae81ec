/**
 * How good generated samples are, without Inception (not available offline): a small CNN trained on
 * the same labelled data set supplies the feature space for a Fréchet distance between real and
 * generated images (the FID recipe of Heusel et al. 2017 with another network) and the predicted-class
 * histogram of generated samples, which shows mode collapse as classes that are never drawn.
 *
 * <p>Dependencies: core.gan, core.latent, core.probe (progress and feature-extractor contracts), data,
 * DL4J/ND4J and Apache Commons Math (eigendecompositions); never JavaFX, picocli or the run directory.
 */
package io.dcganexplorer.core.quality;
