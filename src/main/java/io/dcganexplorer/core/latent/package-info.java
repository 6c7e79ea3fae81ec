/**
 * Operations in the generator's input space Z: seeded sampling, interpolation, concept arithmetic and
 * discovered directions. Depends on ND4J and core.gan only; never on JavaFX.
 */
package io.dcganexplorer.core.latent;
