/**
 * The Walk activity: walk the latent space of a generator. {@link io.dcganexplorer.app.walk.WalkPane} shows the
 * image of the current z with a strip of neighbours, one slider per z dimension, keyframe interpolation
 * (the paper's figure 4) and GANSpace directions. One {@link io.dcganexplorer.app.render.GeneratorWorker} thread owns
 * the pane's copy of G and renders only the newest z. View models ({@code *ViewModel}) never touch the
 * scene graph, so they run in plain JUnit. Depends on {@code core.gan}, {@code core.latent}, {@code run},
 * {@code data}, {@code app.common}, {@code app.model} and {@code app.render} (whose worker runs accel's
 * compiled generator).
 */
package io.dcganexplorer.app.walk;
