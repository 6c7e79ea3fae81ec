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
     */
    public record Report(double frechetDistance, ClassCoverage coverage, int realCount, int generatedCount) {

        /** Two lines for a terminal or a log. */
        public String summary() {
            return String.format(Locale.ROOT, "Frechet distance %.3f (%,d generated vs %,d real images)%n%s",
                    frechetDistance, generatedCount, realCount, coverage.summary());
        }
    }

    private SampleQuality() {
    }

    /** Feature statistics of real images (for example the 10,000 Fashion-MNIST test images). */
    public static FrechetDistance.Gaussian reference(QualityClassifier classifier, ImageDataset real,
                                                     Progress progress, BooleanSupplier cancelled) {
        if (real.imageSize() != classifier.imageSize() || real.channels() != classifier.channels()) {
            throw new IllegalArgumentException("real images are " + real.imageSize() + "x" + real.imageSize() + "x"
                    + real.channels() + ", the classifier takes " + classifier.imageSize() + "x"
                    + classifier.imageSize() + "x" + classifier.channels());
        }
        float[][] features = classifier.features().extract(real, FeatureExtractor.all(real.size()), progress, cancelled);
        return FrechetDistance.Gaussian.fit(features);
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
