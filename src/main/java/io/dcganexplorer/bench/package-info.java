/**
 * {@code dcgan bench}: GAN training throughput, generator latency, memory and the machine's matrix-multiply speed,
 * measured on the paper's networks. Depends on core.gan, core.latent and accel; used by the CLI only.
 */
package io.dcganexplorer.bench;
