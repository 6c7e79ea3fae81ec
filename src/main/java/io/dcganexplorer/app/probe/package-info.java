/**
 * The Probe activity: the DCGAN paper's linear-probe experiment (Radford, Metz and Chintala 2015, section
 * 5.1) and its nearest-neighbour check (section 6.1) for the current model.
 * {@link io.dcganexplorer.app.probe.ProbePane} shows editable caps, Run/Cancel with progress, the accuracy
 * table (trained D, random-init D, raw pixels), the confusion matrix of the selected row and, for a few
 * generated samples, their closest training images in pixel and D-feature space. The work runs as one
 * background job on its own copy of the networks. The view model never touches the scene graph, so it runs
 * in plain JUnit. Depends on {@code core.probe}, {@code data}, {@code app.common}, {@code app.model} and
 * {@code app.render}'s frames.
 */
package io.dcganexplorer.app.probe;
