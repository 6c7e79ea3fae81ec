/**
 * Projection of an image into the generator's input space: find z with G(z) close to a picture, by
 * gradient descent on z through G (and, for a feature loss, through D's first layers). Depends on ND4J,
 * DL4J, core.gan and core.latent; never on JavaFX.
 */
package io.dcganexplorer.core.projection;
