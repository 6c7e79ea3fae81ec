/**
 * Every speed-up of the app, behind one entry point, {@link io.dcganexplorer.accel.Accel}, and one switch,
 * {@code -Ddcgan.accel=off}: the native backend's set-up (oneDNN layer helpers, OpenMP and OpenBLAS threads), the
 * fast layers installed into DL4J's networks (activations, batchnorm, convolution helpers, deconvolution layers), the
 * kernels they use (one {@link io.dcganexplorer.accel.Col2Im} overlap sum among them), the generator compiled for
 * one z at a time, and the native-memory schedule of a training loop.
 *
 * <p>Depends on DL4J, ND4J, JavaCPP's OpenBLAS and JNA only; never on the rest of the app. The only package that
 * reflects on DL4J's internals and the only one that touches the {@code org.nd4j.nativeblas} shim ({@code
 * LayeringTest}). Core code calls {@code Accel} alone; the GAN step says what a backward pass needs, never which
 * kernels run.
 */
package io.dcganexplorer.accel;
