/**
 * Training images: files in, [-1, 1] CHW floats out.
 *
 * <p>{@link io.dcganexplorer.data.ImageDataset} is the contract. Sources are IDX files (MNIST,
 * Fashion-MNIST: {@link io.dcganexplorer.data.IdxDataset}), folders of ordinary image files
 * ({@link io.dcganexplorer.data.ImageFolderDataset}) and the procedural rooms and faces of data.procedural
 * ({@link io.dcganexplorer.data.ProceduralDataset}); the first two keep their pixels as uint8 in an
 * {@link io.dcganexplorer.data.InMemoryImageDataset} so that 60,000 images stay near 60 MB.
 * {@link io.dcganexplorer.data.BatchIterator} turns a data set into reproducibly shuffled NCHW batches,
 * and {@link io.dcganexplorer.data.ImageConversions} goes back from floats to pictures and PNG files.
 *
 * <p>Dependencies: the JDK (java.awt.image, javax.imageio) and data.procedural only. The package never imports JavaFX, and
 * only {@code BatchIterator} touches ND4J, because it is the one place where data becomes a tensor.
 */
package io.dcganexplorer.data;
