/**
 * Exports of a run's outputs (animated GIF of the sample grids) shared by the CLI and the app.
 * Depends only on the JDK (javax.imageio); never on JavaFX.
 */
package io.dcganexplorer.run.export;
