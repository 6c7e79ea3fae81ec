/**
 * The "forget to draw windows" experiment of Radford, Metz and Chintala 2015 (section 6.2, figure 6):
 * read a generator's feature maps at one layer ({@link io.dcganexplorer.core.ablation.LayerActivations}),
 * fit a logistic regression that tells window positions from the rest
 * ({@link io.dcganexplorer.core.ablation.FeatureProbe}), switch the window maps off in a forward pass
 * ({@link io.dcganexplorer.core.ablation.AblatedGenerator}) and measure what changed
 * ({@link io.dcganexplorer.core.ablation.AblationExperiment}).
 *
 * <p>Depends on DL4J/ND4J, liblinear, {@link io.dcganexplorer.core.latent} (the z of annotated samples) and
 * {@link io.dcganexplorer.data.procedural.PixelBox}; never on JavaFX, the run directory or the command line.
 * The window detector is reached through {@link io.dcganexplorer.core.ablation.WindowProbabilities}, so
 * the experiment runs with any per-pixel scorer (the trained detector, or a fixed rule in tests).
 */
package io.dcganexplorer.core.ablation;
