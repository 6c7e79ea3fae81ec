/**
 * The DCGAN itself (Radford, Metz and Chintala 2015): configuration, the two networks and the training step.
 * Depends on DL4J and ND4J, on core.latent (the prior z is drawn from) and on {@code accel.Accel} alone (set up the
 * backend, install the fast layers, say what a backward pass needs); never on JavaFX, the data loaders or the run
 * directory.
 */
package io.dcganexplorer.core.gan;
