package io.dcganexplorer.core.quality;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.core.probe.FeatureExtractor;
import io.dcganexplorer.core.probe.Progress;
import io.dcganexplorer.data.ImageDataset;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores a generator against real images with a {@link QualityClassifier}: the Fréchet distance in its
 * feature space and the class coverage of its samples. The real statistics are computed once
 * ({@link #reference}) and reused, so scoring during training costs only the generated samples.
 *
 * <p>The Fréchet distance is biased upwards for small sample counts (Chong and Forsyth, "Effectively
 * Unbiased FID and Inception Score and where to find them", 2020): compare only numbers computed with
 * the same counts.
 */
public final class SampleQuality {

    /** Images per generator forward pass. */
    static final int BATCH = 256;

    /**
     * The scores of one generator.
     *
     * @param frechetDistance FD between real and generated features (0 = indistinguishable Gaussians)
     * @param coverage predicted classes of the generated samples
     * @param realCount real images behind the reference statistics
     * @param generatedCount generated samples scored
     * @param realFloor FD between two disjoint halves of the real images (NaN when not measured): what
     *     sampling noise alone gives, the score's floor
     * @param floorHalf real images in each half behind {@code realFloor}
     */
    public record Report(double frechetDistance, ClassCoverage coverage, int realCount, int generatedCount,
                         double realFloor, int floorHalf) {

        /** A report without a floor. */
        public Report(double frechetDistance, ClassCoverage coverage, int realCount, int generatedCount) {
            this(frechetDistance, coverage, realCount, generatedCount, Double.NaN, 0);
        }

        /** This report with a real-against-real floor beside the score. */
        public Report withFloor(double floor, int half) {
            return new Report(frechetDistance, coverage, realCount, generatedCount, floor, half);
        }

        /** Two lines for a terminal or a log, the floor beside the score when measured. */
        public String summary() {
            String floor = Double.isNaN(realFloor) ? "" : String.format(Locale.ROOT,
                    " (real vs real floor %.3f: two disjoint halves of %,d real images)", realFloor, floorHalf);
            return String.format(Locale.ROOT, "Frechet distance %.3f%s; %,d generated vs %,d real images%n%s",
                    frechetDistance, floor, generatedCount, realCount, coverage.summary());
        }
    }

    /**
     * Real-image statistics with their own floor.
     *
     * @param gaussian mean and covariance of all the real images' features (the reference of a score)
     * @param floor FD between two disjoint random halves of them
     * @param half images in each half
     */
    public record RealReference(FrechetDistance.Gaussian gaussian, double floor, int half) {
    }

    private SampleQuality() {
    }

    /** Feature statistics of real images (for example the 10,000 Fashion-MNIST test images). */
    public static FrechetDistance.Gaussian reference(QualityClassifier classifier, ImageDataset real,
                                                     Progress progress, BooleanSupplier cancelled) {
        checkShape(classifier, real);
        float[][] features = classifier.features().extract(real, FeatureExtractor.all(real.size()), progress, cancelled);
        return FrechetDistance.Gaussian.fit(features);
    }

    private static void checkShape(QualityClassifier classifier, ImageDataset real) {
        if (real.imageSize() != classifier.imageSize() || real.channels() != classifier.channels()) {
            throw new IllegalArgumentException("real images are " + real.imageSize() + "x" + real.imageSize() + "x"
                    + real.channels() + ", the classifier takes " + classifier.imageSize() + "x"
                    + classifier.imageSize() + "x" + classifier.channels());
        }
    }

    /**
     * As {@link #reference}, plus the real-against-real floor: the FD between two disjoint random halves of
     * the real images, each of {@code min(perHalf, n / 2)} images, so that the floor's counts match a score's.
     */
    public static RealReference referenceWithFloor(QualityClassifier classifier, ImageDataset real, int perHalf,
                                                   long seed, Progress progress, BooleanSupplier cancelled) {
        checkShape(classifier, real);
        float[][] features = classifier.features().extract(real, FeatureExtractor.all(real.size()), progress, cancelled);
        int half = Math.min(perHalf, features.length / 2);
        return new RealReference(FrechetDistance.Gaussian.fit(features), realFloor(features, half, seed), half);
    }

    /**
     * FD between two disjoint random halves of {@code features}, {@code half} vectors each, drawn by
     * {@code seed}: how far apart two samples of the same distribution land at these counts.
     *
     * @throws IllegalArgumentException when there are fewer than 2 x half vectors or half &lt; 2
     */
    public static double realFloor(float[][] features, int half, long seed) {
        if (half < 2 || 2 * half > features.length) {
            throw new IllegalArgumentException("a floor of two halves of " + half + " needs at least " + 2 * half
                    + " real images (and half >= 2), got " + features.length);
        }
        int[] order = FeatureExtractor.all(features.length);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < 2 * half; i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[][] a = new float[half][];
        float[][] b = new float[half][];
        for (int i = 0; i < half; i++) {
            a[i] = features[order[i]];
            b[i] = features[order[half + i]];
        }
        return FrechetDistance.between(a, b);
    }

    /**
     * Scores {@code count} samples of a generator, z drawn from {@link LatentSampler#SAMPLING_STREAM}
     * under {@code seed}. Runs G in inference mode; call it from the thread that owns G.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true
     */
    public static Report evaluate(MultiLayerNetwork generator, DcganConfig config, QualityClassifier classifier,
                                  FrechetDistance.Gaussian reference, int count, long seed, Progress progress,
                                  BooleanSupplier cancelled) {
        if (config.imageSize() != classifier.imageSize() || config.channels() != classifier.channels()) {
            throw new IllegalArgumentException("the model makes " + config.imageSize() + "x" + config.imageSize() + "x"
                    + config.channels() + " images, the classifier takes " + classifier.imageSize() + "x"
                    + classifier.imageSize() + "x" + classifier.channels());
        }
        if (count < 2) {
            throw new IllegalArgumentException("samples = " + count + ": a covariance needs at least 2");
        }
        LatentSampler sampler = new LatentSampler(config.nz(), config.latent());
        float[][] features = new float[count][];
        int[] predicted = new int[count];
        for (int start = 0; start < count; start += BATCH) {
            Progress.checkCancelled(cancelled);
            int n = Math.min(BATCH, count - start);
            INDArray images = generator.output(sampler.batch(seed, LatentSampler.SAMPLING_STREAM, start, n), false);
            QualityClassifier.Analysis analysis = classifier.analyse(images);
            System.arraycopy(analysis.features(), 0, features, start, n);
            System.arraycopy(analysis.predicted(), 0, predicted, start, n);
            progress.update(0.95 * (start + n) / count, (start + n) + " / " + count + " samples");
        }
        double fd = FrechetDistance.between(reference, FrechetDistance.Gaussian.fit(features));
        progress.update(1, "done");
        return new Report(fd, ClassCoverage.of(predicted, classifier.classNames()), reference.count(), count);
    }
}
