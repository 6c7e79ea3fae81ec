/**
 * The DCGAN itself (Radford, Metz and Chintala 2015): configuration, the two networks and the
 * training step. Depends on DL4J and ND4J only; never on JavaFX, the data loaders or the run directory.
 */
package io.dcganexplorer.core.gan;
