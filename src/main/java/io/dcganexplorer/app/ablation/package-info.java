/**
 * The Ablate activity: the DCGAN paper's figure 6 ("forget to draw windows", Radford, Metz and Chintala
 * 2015, section 6.2) made interactive. {@link io.dcganexplorer.app.ablation.AblationPane} shows a grid of
 * samples to draw window boxes on, fits the feature probe, lists the feature maps of a layer with their
 * weights and heat maps, and shows samples before and after switching maps off on the same z. One
 * {@code app.render} generator worker owns the pane's copy of G (and the window detector). The view model never touches
 * the scene graph, so it runs in plain JUnit. Depends on {@code core.ablation}, {@code core.eval},
 * {@code core.latent}, {@code run}, {@code app.common}, {@code app.model} and {@code app.render}.
 */
package io.dcganexplorer.app.ablation;
