/**
 * The discriminator as a feature extractor: the linear-probe protocol of Radford, Metz and Chintala
 * (2015), section 5.1 and Table 1. Every convolutional block of D is max-pooled to a 4x4 grid, the grids
 * are concatenated, and a regularised linear L2-SVM ({@link io.dcganexplorer.core.probe.DenseLinearSvm}, cross-checked
 * against LIBLINEAR) is trained on labelled images; a randomly initialised D of the same shape, raw pixels and
 * the paper's K-means baseline are the controls, and McNemar's test compares trained and random D. Guided
 * backpropagation shows what D's last-layer units respond to (the paper's figure 5). Also nearest-neighbour
 * checks that a generator does not copy its training images.
 *
 * <p>For the app and the CLI alike: long operations take a {@link io.dcganexplorer.core.probe.Progress}
 * and a {@link java.util.function.BooleanSupplier} that cancels them, and return immutable records.
 *
 * <p>Dependencies: core.gan, core.latent, data, DL4J/ND4J, LIBLINEAR and Commons Math; never JavaFX,
 * picocli or the run directory.
 */
package io.dcganexplorer.core.probe;
