/**
 * Run directories (manifest, metrics, sample grids, atomic checkpoints), model bundles and the training
 * session that the CLI and the app both use. Depends on core, data and accel (the training loop's native-memory
 * schedule); never on JavaFX.
 */
package io.dcganexplorer.run;
