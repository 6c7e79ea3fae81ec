package io.dcganexplorer.core.probe;

import io.dcganexplorer.data.ImageDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The DCGAN paper's Table 1 baseline: single-layer K-means features of image patches, after Coates, Lee and
 * Ng, "An Analysis of Single-Layer Networks in Unsupervised Feature Learning" (AISTATS 2011).
 *
 * <p>Learning: random patches of {@link Options#patch()} x patch pixels (all channels) from training
 * images; each patch normalised (its mean removed, divided by sqrt(variance + {@link #NORM_EPSILON}), the
 * paper's 10 on a 0-255 scale moved to our [-1, 1] scale); the patches ZCA-whitened (eigenvalues +
 * {@link #ZCA_EPSILON}, as Coates et al.); K-means++ by Commons Math's {@link KMeansPlusPlusClusterer}.
 *
 * <p>Encoding: at every position (stride 1) the patch is normalised and whitened the same way and gets
 * Coates et al.'s "triangle" activation f_k = max(0, mean(z) − z_k), z_k its distance to centroid k; each
 * centroid's map is then max-pooled to 4x4 exactly as {@link DiscriminatorFeatures} pools D's layers.
 * Distances use ND4J's matrix products ((B·positions) x patch by patch x k).
 */
public final class KMeansFeatures implements FeatureExtractor {

    /** Coates et al.'s 10 (on 0..255 pixels) in [-1, 1] units: 10 / 127.5². */
    public static final double NORM_EPSILON = 10 / (127.5 * 127.5);
    /** Coates et al.'s whitening regulariser on normalised patches. */
    public static final double ZCA_EPSILON = 0.1;
    private static final int BATCH = 64;

    /**
     * How the baseline is learned.
     *
     * @param patch patch side in pixels (Coates et al.: 6)
     * @param centroids k, the number of centroids: each gives 16 features after pooling
     * @param patches random patches to cluster
     * @param iterations K-means iteration cap
     * @param seed seeds the patches and K-means++
     */
    public record Options(int patch, int centroids, int patches, int iterations, long seed) {

        /** Validates the options. */
        public Options {
            if (patch < 1 || centroids < 2 || patches < centroids || iterations < 1) {
                throw new IllegalArgumentException("K-means options: patch " + patch + ", centroids " + centroids
                        + ", patches " + patches + ", iterations " + iterations
                        + ": need patch >= 1, centroids >= 2, patches >= centroids, iterations >= 1");
            }
        }

        /**
         * 6x6 patches, 224 centroids (so the features have the 3,584 dimensions of a 32x32 D with ndf 32),
         * 20,000 patches, 50 iterations.
         */
        public static Options defaults(long seed) {
            return new Options(6, 224, 20_000, 50, seed);
        }

        /** The defaults with as many centroids as give {@code featureLength} features (D's count, say). */
        public static Options matching(int featureLength, long seed) {
            int centroids = Math.max(2, featureLength / (DiscriminatorFeatures.GRID * DiscriminatorFeatures.GRID));
            return new Options(6, centroids, Math.max(20_000, centroids), 50, seed);
        }
    }

    private final int channels;
    private final int imageSize;
    private final int patch;
    private final float[] mean;
    private final INDArray whiten;
    private final INDArray centroidsT;
    private final INDArray centroidNorms;

    private KMeansFeatures(int channels, int imageSize, int patch, float[] mean, double[][] whiten,
                           double[][] centroids) {
        this.channels = channels;
        this.imageSize = imageSize;
        this.patch = patch;
        this.mean = mean;
        this.whiten = Nd4j.create(whiten).castTo(DataType.FLOAT);
        INDArray c = Nd4j.create(centroids).castTo(DataType.FLOAT);
        this.centroidsT = c.transpose().dup('c');
        this.centroidNorms = c.mul(c).sum(1).reshape(1, centroids.length);
    }

    /**
     * Learns the centroids from patches of the images {@code indices} of {@code data}.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true
     */
    public static KMeansFeatures fit(ImageDataset data, int[] indices, Options options, Progress progress,
                                     BooleanSupplier cancelled) {
        int size = data.imageSize();
        int c = data.channels();
        int p = options.patch();
        if (p > size) {
            throw new IllegalArgumentException("patch " + p + " is larger than the " + size + "x" + size + " images");
        }
        int dim = c * p * p;
        SplittableRandom random = new SplittableRandom(options.seed());
        float[] image = new float[data.imageLength()];
        double[][] patches = new double[options.patches()][];
        for (int i = 0; i < patches.length; i++) {
            if (i % 1000 == 0) {
                Progress.checkCancelled(cancelled);
            }
            data.writeImage(indices[random.nextInt(indices.length)], image, 0);
            int y = random.nextInt(size - p + 1);
            int x = random.nextInt(size - p + 1);
            double[] v = new double[dim];
            int t = 0;
            for (int ch = 0; ch < c; ch++) {
                for (int dy = 0; dy < p; dy++) {
                    for (int dx = 0; dx < p; dx++) {
                        v[t++] = image[(ch * size + y + dy) * size + x + dx];
                    }
                }
            }
            normalise(v);
            patches[i] = v;
        }
        progress.update(0.1, "whitening " + patches.length + " patches");
        double[] mean = new double[dim];
        for (double[] v : patches) {
            for (int j = 0; j < dim; j++) {
                mean[j] += v[j] / patches.length;
            }
        }
        double[][] cov = new double[dim][dim];
        for (double[] v : patches) {
            for (int a = 0; a < dim; a++) {
                double va = v[a] - mean[a];
                for (int b = a; b < dim; b++) {
                    cov[a][b] += va * (v[b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < dim; a++) {
            for (int b = a; b < dim; b++) {
                cov[a][b] /= patches.length - 1;
                cov[b][a] = cov[a][b];
            }
        }
        double[][] zca = zca(cov);
        List<DoublePoint> points = new ArrayList<>(patches.length);
        for (double[] v : patches) {
            double[] w = new double[dim];
            for (int b = 0; b < dim; b++) {
                double sum = 0;
                for (int a = 0; a < dim; a++) {
                    sum += (v[a] - mean[a]) * zca[a][b];
                }
                w[b] = sum;
            }
            points.add(new DoublePoint(w));
        }
        Progress.checkCancelled(cancelled);
        progress.update(0.2, "K-means++: " + options.centroids() + " centroids of " + patches.length + " patches");
        JDKRandomGenerator rng = new JDKRandomGenerator();
        rng.setSeed(options.seed());
        List<CentroidCluster<DoublePoint>> clusters = new KMeansPlusPlusClusterer<DoublePoint>(options.centroids(),
                options.iterations(), new EuclideanDistance(), rng).cluster(points);
        double[][] centroids = new double[clusters.size()][];
        for (int k = 0; k < centroids.length; k++) {
            centroids[k] = clusters.get(k).getCenter().getPoint();
        }
        float[] meanF = new float[dim];
        for (int j = 0; j < dim; j++) {
            meanF[j] = (float) mean[j];
        }
        progress.update(1, "K-means done");
        return new KMeansFeatures(c, size, p, meanF, zca, centroids);
    }

    /** Subtracts the patch's mean and divides by sqrt(variance + {@link #NORM_EPSILON}). */
    static void normalise(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double var = 0;
        for (double x : v) {
            var += (x - m) * (x - m);
        }
        // Coates et al. use the sample variance.
        var /= Math.max(1, v.length - 1);
        double s = 1 / Math.sqrt(var + NORM_EPSILON);
        for (int i = 0; i < v.length; i++) {
            v[i] = (v[i] - m) * s;
        }
    }

    /** V diag(1 / sqrt(λ + ε)) Vᵀ: ZCA whitening of zero-mean rows with covariance {@code cov}. */
    static double[][] zca(double[][] cov) {
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        RealMatrix v = eig.getV();
        double[] lambda = eig.getRealEigenvalues();
        int d = lambda.length;
        RealMatrix scaled = v.copy();
        for (int col = 0; col < d; col++) {
            double f = 1 / Math.sqrt(Math.max(0, lambda[col]) + ZCA_EPSILON);
            for (int r = 0; r < d; r++) {
                scaled.setEntry(r, col, scaled.getEntry(r, col) * f);
            }
        }
        return scaled.multiply(v.transpose()).getData();
    }

    /** The number of centroids. */
    public int centroids() {
        return (int) centroidsT.size(1);
    }

    @Override
    public int length() {
        return centroids() * DiscriminatorFeatures.GRID * DiscriminatorFeatures.GRID;
    }

    @Override
    public float[][] extract(INDArray images) {
        int n = (int) images.size(0);
        if (images.size(1) != channels || images.size(2) != imageSize || images.size(3) != imageSize) {
            throw new IllegalArgumentException("images of shape " + java.util.Arrays.toString(images.shape())
                    + ", the K-means features were learned on " + channels + "x" + imageSize + "x" + imageSize);
        }
        float[][] out = new float[n][];
        float[] pixels = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int start = 0; start < n; start += BATCH) {
            int b = Math.min(BATCH, n - start);
            float[][] part = encode(pixels, start, b);
            System.arraycopy(part, 0, out, start, b);
        }
        return out;
    }

    private float[][] encode(float[] pixels, int first, int count) {
        int side = imageSize - patch + 1;
        int positions = side * side;
        int dim = mean.length;
        int imageLength = channels * imageSize * imageSize;
        float[] rows = new float[count * positions * dim];
        double[] v = new double[dim];
        int r = 0;
        for (int i = 0; i < count; i++) {
            int base = (first + i) * imageLength;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int t = 0;
                    for (int ch = 0; ch < channels; ch++) {
                        for (int dy = 0; dy < patch; dy++) {
                            int at = base + (ch * imageSize + y + dy) * imageSize + x;
                            for (int dx = 0; dx < patch; dx++) {
                                v[t++] = pixels[at + dx];
                            }
                        }
                    }
                    normalise(v);
                    for (int j = 0; j < dim; j++) {
                        rows[r++] = (float) v[j] - mean[j];
                    }
                }
            }
        }
        INDArray p = Nd4j.create(rows, new long[] {(long) count * positions, dim}, 'c').mmul(whiten);
        INDArray pNorms = p.mul(p).sum(1).reshape(-1, 1);
        // |p - c|² = |p|² - 2 p.c + |c|², clamped at 0 against rounding.
        INDArray z = p.mmul(centroidsT).muli(-2).addiColumnVector(pNorms).addiRowVector(centroidNorms);
        z = Transforms.sqrt(Transforms.max(z, 0.0, false), false);
        INDArray mu = z.mean(1).reshape(-1, 1);
        INDArray f = Transforms.relu(z.rsubiColumnVector(mu), false);
        int k = centroids();
        float[] maps = f.reshape(count, side, side, k).permute(0, 3, 1, 2).dup('c').data().asFloat();
        float[][] out = new float[count][length()];
        for (int i = 0; i < count; i++) {
            DiscriminatorFeatures.maxPoolToGrid(maps, i * k * positions, k, side, side, out[i], 0);
        }
        return out;
    }
}
