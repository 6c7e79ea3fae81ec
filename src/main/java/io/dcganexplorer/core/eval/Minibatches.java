package io.dcganexplorer.core.eval;

import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.data.InMemoryImageDataset;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The supervised training loop and batched inference both evaluators share. Images are kept as bytes
 * (a quarter of the floats) and scaled to [-1, 1] per minibatch, exactly as the GAN sees its data.
 */
final class Minibatches {

    /** Images per inference call: bounds the activations of a full-resolution network on large inputs. */
    static final int INFERENCE_BATCH = 64;

    private Minibatches() {
    }

    /**
     * Trains {@code network} on all images for {@code epochs} epochs, in an order that is a pure function
     * of (seed, epoch).
     *
     * @param inputTransform applied to each [N, 3, size, size] minibatch in [-1, 1] before the network sees it
     * @param labels      labelLength floats per image, in image order
     * @param labelShape  the shape of one example's labels (without the minibatch dimension)
     * @throws InterruptedException when the thread is interrupted; the network keeps the steps done so far
     */
    static void fit(MultiLayerNetwork network, InMemoryImageDataset images, UnaryOperator<INDArray> inputTransform,
                    float[] labels, long[] labelShape, int batchSize, int epochs, long seed, TrainingProgress progress)
            throws InterruptedException {
        int n = images.size();
        int labelLength = Math.toIntExact(Arrays.stream(labelShape).reduce(1, (a, b) -> a * b));
        if (labels.length != (long) n * labelLength) {
            throw new IllegalArgumentException(labels.length + " label values for " + n + " images of "
                    + labelLength);
        }
        int imageLength = images.imageLength();
        int batches = (n + batchSize - 1) / batchSize;
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = permutation(n, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch));
            for (int b = 0; b < batches; b++) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("evaluator training cancelled in epoch " + (epoch + 1));
                }
                int from = b * batchSize;
                int size = Math.min(batchSize, n - from);
                float[] x = new float[size * imageLength];
                float[] y = new float[size * labelLength];
                for (int i = 0; i < size; i++) {
                    int index = order[from + i];
                    images.writeImage(index, x, i * imageLength);
                    System.arraycopy(labels, index * labelLength, y, i * labelLength, labelLength);
                }
                long s = images.imageSize();
                network.fit(inputTransform.apply(Nd4j.create(x, new long[] {size, images.channels(), s, s}, 'c')),
                        Nd4j.create(y, withBatch(size, labelShape), 'c'));
                progress.onBatch(epoch, epochs, b, batches, network.score());
            }
        }
    }

    /**
     * The network's outputs for all images, computed {@link #INFERENCE_BATCH} at a time, in inference mode,
     * each part passed through {@code inputTransform} first.
     */
    static INDArray output(MultiLayerNetwork network, INDArray images, UnaryOperator<INDArray> inputTransform) {
        long n = images.size(0);
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < n; from += INFERENCE_BATCH) {
            INDArray part = n <= INFERENCE_BATCH ? images
                    : images.get(NDArrayIndex.interval(from, Math.min(n, from + INFERENCE_BATCH)));
            parts.add(network.output(inputTransform.apply(part), false).detach());
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /**
     * Images as CHW RGB bytes, checked to be {@code imageSize} square.
     *
     * @param what names an image in the error message ("room", "face")
     */
    static InMemoryImageDataset images(List<BufferedImage> images, int imageSize, String what) {
        byte[][] bytes = new byte[images.size()][];
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            if (image.getWidth() != imageSize || image.getHeight() != imageSize) {
                throw new IllegalArgumentException(what + " " + i + " is " + image.getWidth() + "x"
                        + image.getHeight() + ", this evaluator judges " + imageSize + "x" + imageSize);
            }
            bytes[i] = ImageConversions.toChwBytes(image, 3);
        }
        return new InMemoryImageDataset(what + "s", imageSize, 3, bytes, null, List.of());
    }

    /** Images as one [N, 3, size, size] batch in [-1, 1]. */
    static INDArray batch(InMemoryImageDataset images) {
        int imageLength = images.imageLength();
        float[] x = new float[images.size() * imageLength];
        for (int i = 0; i < images.size(); i++) {
            images.writeImage(i, x, i * imageLength);
        }
        long s = images.imageSize();
        return Nd4j.create(x, new long[] {images.size(), images.channels(), s, s}, 'c');
    }

    /** Requires a float [N, 3, size, size] batch, the layout every evaluator judges. */
    static void requireImages(INDArray images, int size) {
        long[] shape = images.shape();
        if (shape.length != 4 || shape[1] != 3 || shape[2] != size || shape[3] != size) {
            throw new IllegalArgumentException("images of shape " + Arrays.toString(shape)
                    + ": this evaluator judges [N, 3, " + size + ", " + size + "] RGB images in [-1, 1]");
        }
    }

    private static long[] withBatch(int size, long[] shape) {
        long[] full = new long[shape.length + 1];
        full[0] = size;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return full;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
