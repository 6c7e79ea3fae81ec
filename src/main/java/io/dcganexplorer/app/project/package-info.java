/**
 * The Project activity: find any picture (a file, a training image, a sample, a drawing) in the model's Z, then
 * hand its z to the other panes through {@link io.dcganexplorer.app.common.LatentHandoff}. Depends on core,
 * data, run and app.common, app.model; never on another pane's package (Frame and FrameView excepted until they
 * move to a shared package).
 */
package io.dcganexplorer.app.project;
