package io.dcganexplorer.core.probe;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.data.ImageDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * For generated samples, their closest training images: the check of Radford, Metz and Chintala (2015),
 * section 6.1 and Figure 2's discussion, that the model has not memorised its training set. A sample far
 * from every training image (in pixels and in D's features) was not copied.
 *
 * <p>Distances are Euclidean. In pixel space on the [-1, 1] values as they are. In feature space on
 * {@link DiscriminatorFeatures} standardised per dimension with the mean and standard deviation of the
 * searched training images, so that layers with large activations do not drown the others.
 */
public final class NearestNeighbours {

    /**
     * One neighbour.
     *
     * @param index index of the training image in the data set
     * @param distance Euclidean distance to the sample
     */
    public record Match(int index, double distance) {
    }

    /**
     * The neighbours of one sample, nearest first.
     *
     * @param sample position of the sample in {@link Result#samples()}
     * @param pixel the k nearest training images in pixel space
     * @param feature the k nearest training images in D-feature space
     */
    public record Neighbours(int sample, List<Match> pixel, List<Match> feature) {

        /** Copies the lists. */
        public Neighbours {
            pixel = List.copyOf(pixel);
            feature = List.copyOf(feature);
        }
    }

    /**
     * The samples and their neighbours.
     *
     * @param samples the generated images, CHW in [-1, 1], one array per sample
     * @param neighbours one entry per sample
     * @param searched how many training images were searched
     */
    public record Result(List<float[]> samples, List<Neighbours> neighbours, int searched) {

        /** Copies the lists (and the arrays). */
        public Result {
            samples = samples.stream().map(float[]::clone).toList();
            neighbours = List.copyOf(neighbours);
        }

        /** Sample {@code i}'s pixels (a copy). */
        public float[] sample(int i) {
            return samples.get(i).clone();
        }

        @Override
        public List<float[]> samples() {
            return samples.stream().map(float[]::clone).toList();
        }
    }

    private NearestNeighbours() {
    }

    /**
     * Generates {@code count} samples (z from {@link LatentSampler#SAMPLING_STREAM} under {@code seed}, the
     * same images the CLI's sample command draws) and finds each one's {@code k} nearest training images.
     *
     * @param trainIndices which training images to search (all of a large set is slow: 60,000 x 3,584 floats)
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true
     */
    public static Result forSamples(Dcgan gan, ImageDataset train, int[] trainIndices, int count, long seed, int k,
                                    Progress progress, BooleanSupplier cancelled) {
        if (count < 1 || k < 1 || k > trainIndices.length) {
            throw new IllegalArgumentException("need at least one sample and 1 <= k <= " + trainIndices.length
                    + " (count = " + count + ", k = " + k + ")");
        }
        var config = gan.config();
        INDArray z = new LatentSampler(config.nz(), config.latent()).batch(seed, LatentSampler.SAMPLING_STREAM, 0, count);
        INDArray images = gan.generate(z);
        FeatureExtractor pixels = FeatureExtractor.pixels(config.channels(), config.imageSize());
        DiscriminatorFeatures features = new DiscriminatorFeatures(gan.discriminator());
        float[][] samplePixels = pixels.extract(images);
        float[][] sampleFeatures = features.extract(images);
        float[][] trainPixels = pixels.extract(train, trainIndices,
                (f, m) -> progress.update(0.3 * f, "training pixels: " + m), cancelled);
        float[][] trainFeatures = features.extract(train, trainIndices,
                (f, m) -> progress.update(0.3 + 0.6 * f, "training features: " + m), cancelled);
        standardiseLike(trainFeatures, sampleFeatures);
        Progress.checkCancelled(cancelled);
        progress.update(0.9, "searching");
        List<Neighbours> result = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            result.add(new Neighbours(s, nearest(samplePixels[s], trainPixels, trainIndices, k),
                    nearest(sampleFeatures[s], trainFeatures, trainIndices, k)));
        }
        progress.update(1, "done");
        return new Result(List.of(samplePixels), result, trainIndices.length);
    }

    /**
     * The {@code k} rows of {@code candidates} nearest to {@code query} (Euclidean), nearest first.
     *
     * @param ids the data-set index reported for each candidate row
     */
    public static List<Match> nearest(float[] query, float[][] candidates, int[] ids, int k) {
        // A bounded insertion list: k is small (a handful), the candidates many.
        int[] best = new int[k];
        double[] bestD = new double[k];
        java.util.Arrays.fill(bestD, Double.POSITIVE_INFINITY);
        for (int c = 0; c < candidates.length; c++) {
            float[] row = candidates[c];
            double d = 0;
            for (int j = 0; j < query.length; j++) {
                double v = query[j] - row[j];
                d += v * v;
            }
            if (d < bestD[k - 1]) {
                int pos = k - 1;
                while (pos > 0 && bestD[pos - 1] > d) {
                    bestD[pos] = bestD[pos - 1];
                    best[pos] = best[pos - 1];
                    pos--;
                }
                bestD[pos] = d;
                best[pos] = c;
            }
        }
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < Math.min(k, candidates.length); i++) {
            matches.add(new Match(ids[best[i]], Math.sqrt(bestD[i])));
        }
        return matches;
    }

    /** Standardises {@code reference} in place by its own per-column mean and std, and {@code others} the same way. */
    private static void standardiseLike(float[][] reference, float[][] others) {
        int d = reference[0].length;
        double[] mean = new double[d];
        double[] sq = new double[d];
        for (float[] row : reference) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
                sq[j] += (double) row[j] * row[j];
            }
        }
        float[] m = new float[d];
        float[] inv = new float[d];
        for (int j = 0; j < d; j++) {
            mean[j] /= reference.length;
            double var = Math.max(0, sq[j] / reference.length - mean[j] * mean[j]);
            m[j] = (float) mean[j];
            inv[j] = var > 1e-12 ? (float) (1 / Math.sqrt(var)) : 0f;
        }
        for (float[][] set : new float[][][] {reference, others}) {
            for (float[] row : set) {
                for (int j = 0; j < d; j++) {
                    row[j] = (row[j] - m[j]) * inv[j];
                }
            }
        }
    }
}
