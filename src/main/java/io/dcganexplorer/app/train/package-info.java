/**
 * The Train pane: choose data and hyperparameters, train on the trainer thread, watch losses, D outputs,
 * throughput and the fixed-z sample grid live, follow a run another process writes, and export.
 * {@link io.dcganexplorer.app.train.TrainViewModel} and the plain classes here use no JavaFX toolkit
 * (only observable properties), so they are tested in plain JUnit; {@link io.dcganexplorer.app.train.TrainPane}
 * is the view.
 */
package io.dcganexplorer.app.train;
