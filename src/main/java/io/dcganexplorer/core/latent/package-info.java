/**
 * Operations in the generator's input space Z: the prior z is drawn from, seeded sampling, interpolation, concept
 * arithmetic and discovered directions. Depends on ND4J and DL4J only; never on core.gan (which depends on this
 * package) or JavaFX.
 */
package io.dcganexplorer.core.latent;
