/**
 * Procedural image data sets with ground truth: perspective bedrooms (with window masks and object
 * boxes, for the "remove the windows" ablation) and stylised faces (with independent attributes such
 * as glasses, smile and head yaw, for latent vector arithmetic).
 *
 * <p>No face or bedroom photo collection can be shipped or downloaded, so these stand in for LSUN
 * bedrooms and the faces of the DCGAN paper (Radford, Metz and Chintala 2015). Every image is a pure
 * function of (seed, index, size): it does not depend on generation order or thread.
 *
 * <p>Depends only on the JDK (java.awt Java2D into {@link java.awt.image.BufferedImage}); never on JavaFX, DL4J or
 * the data package, whose {@link io.dcganexplorer.data.ProceduralDataset} turns these generators into data sets.
 */
package io.dcganexplorer.data.procedural;
