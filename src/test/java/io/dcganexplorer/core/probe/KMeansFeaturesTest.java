package io.dcganexplorer.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dcganexplorer.data.InMemoryImageDataset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansFeaturesTest {

    /** 8x8 one-channel images: class 0 vertical stripes, class 1 horizontal, random phase, light noise. */
    private static float[][] stripes(int n, int[] labels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] images = new float[n][64];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            int phase = random.nextInt(2);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    int along = labels[i] == 0 ? x : y;
                    images[i][y * 8 + x] = ((along + phase) % 2 == 0 ? 0.8f : -0.8f)
                            + (float) (0.1 * random.nextGaussian());
                }
            }
        }
        return images;
    }

    private static InMemoryImageDataset dataset(float[][] images, int[] labels) {
        byte[][] bytes = new byte[images.length][64];
        for (int i = 0; i < images.length; i++) {
            for (int j = 0; j < 64; j++) {
                bytes[i][j] = (byte) io.dcganexplorer.data.ImageConversions.toByteValue(images[i][j]);
            }
        }
        return new InMemoryImageDataset("stripes", 8, 1, bytes, labels, java.util.List.of("vertical", "horizontal"));
    }

    @Test
    void normalisedPatchesHaveZeroMeanAndUnitSampleVariance() {
        double[] v = {1, 0.5, -0.2, 0.3, 0.9, -1};
        KMeansFeatures.normalise(v);
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        double var = java.util.Arrays.stream(v).map(a -> (a - mean) * (a - mean)).sum() / (v.length - 1);
        assertThat(mean).isCloseTo(0, within(1e-12));
        assertThat(var).isCloseTo(1, within(0.01));
    }

    @Test
    void kMeansFeaturesSeparateStripeOrientationsOnATinySyntheticSet() {
        int[] trainY = new int[200];
        int[] testY = new int[200];
        float[][] train = stripes(200, trainY, 1);
        float[][] test = stripes(200, testY, 2);
        var data = dataset(train, trainY);
        KMeansFeatures features = KMeansFeatures.fit(data, FeatureExtractor.all(200),
                new KMeansFeatures.Options(3, 4, 500, 30, 3), Progress.NONE, () -> false);
        assertThat(features.length()).isEqualTo(4 * 16);
        float[][] trainF = features.extract(data, FeatureExtractor.all(200), Progress.NONE, () -> false);
        var testData = dataset(test, testY);
        float[][] testF = features.extract(testData, FeatureExtractor.all(200), Progress.NONE, () -> false);
        for (float v : trainF[0]) {
            assertThat(v).as("triangle activations are never negative").isGreaterThanOrEqualTo(0f);
        }
        LinearProbe.Result r = LinearProbe.fitAndTest(trainF, trainY, testF, testY, 2, LinearProbe.Options.defaults(1),
                Progress.NONE, () -> false);
        assertThat(r.accuracy()).isGreaterThan(0.95);
    }
}
