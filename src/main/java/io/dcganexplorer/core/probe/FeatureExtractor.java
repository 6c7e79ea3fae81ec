package io.dcganexplorer.core.probe;

import io.dcganexplorer.data.ImageDataset;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns images into fixed-length feature vectors. Implementations that wrap a DL4J network are not
 * thread-safe (the network keeps per-call state): use one extractor from one thread at a time.
 */
public interface FeatureExtractor {

    /** Images per forward pass when extracting over a data set. */
    int DEFAULT_BATCH = 128;

    /** Values per feature vector. */
    int length();

    /**
     * Features of a batch.
     *
     * @param images [n, C, H, W] in [-1, 1]
     * @return n vectors of {@link #length()} values
     */
    float[][] extract(INDArray images);

    /**
     * Features of the images {@code indices} of a data set, in that order, batch by batch.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true
     */
    default float[][] extract(ImageDataset data, int[] indices, Progress progress, BooleanSupplier cancelled) {
        int length = data.imageLength();
        float[][] features = new float[indices.length][];
        for (int start = 0; start < indices.length; start += DEFAULT_BATCH) {
            Progress.checkCancelled(cancelled);
            int n = Math.min(DEFAULT_BATCH, indices.length - start);
            float[] pixels = new float[n * length];
            for (int i = 0; i < n; i++) {
                data.writeImage(indices[start + i], pixels, i * length);
            }
            INDArray batch = Nd4j.create(pixels, new long[] {n, data.channels(), data.imageSize(), data.imageSize()}, 'c');
            float[][] part = extract(batch);
            System.arraycopy(part, 0, features, start, n);
            progress.update((double) (start + n) / indices.length, (start + n) + " / " + indices.length + " images");
        }
        return features;
    }

    /** The pixels themselves (CHW order), the paper's weakest baseline. */
    static FeatureExtractor pixels(int channels, int imageSize) {
        int length = channels * imageSize * imageSize;
        return new FeatureExtractor() {
            @Override
            public int length() {
                return length;
            }

            @Override
            public float[][] extract(INDArray images) {
                return images.dup('c').reshape(images.size(0), length).toFloatMatrix();
            }
        };
    }

    /** 0, 1, ..., count - 1: every image of a data set of that size. */
    static int[] all(int count) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = i;
        }
        return indices;
    }
}
