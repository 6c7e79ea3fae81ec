package io.dcganexplorer.core.projection;

import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.core.latent.LatentSampler;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Finds z with G(z) close to an image: gradient descent on z through the generator, as in Zhu et al.,
 * "Generative Visual Manipulation on the Natural Image Manifold" (2016) and Lipton and Tripathi, "Precise
 * Recovery of Latent Vectors from Generative Adversarial Networks" (2017).
 *
 * <ol>
 *   <li>{@code candidates} random z from the prior are drawn and judged in one batch; the {@code restarts}
 *       closest to the image are the starting points. The best of them is the first answer, at once.</li>
 *   <li>All starting points descend together, as one batch: loss = mean squared pixel difference, plus
 *       optionally the weighted mean squared difference of D's first layers' features (a perceptual loss that
 *       cares less about exact pixel positions). DL4J's backward pass gives dLoss/dz through G (and D) in
 *       inference mode ({@link FoldedNetwork}); Adam takes the step; z is then clamped into the prior's
 *       support ({@link #bound}).</li>
 *   <li>The best z seen at any step wins.</li>
 * </ol>
 *
 * <p>The networks are only read: G and D keep their parameters and batchnorm statistics. Not thread-safe:
 * one thread per instance.
 */
public final class Projector {

    /** Stream of {@link LatentSampler} the random starting points come from. */
    public static final long PROJECTION_STREAM = 0x50524F4AL;
    /** D layers whose output the feature loss compares: the first two convolution blocks. */
    public static final int FEATURE_LAYERS = 4;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double ADAM_EPS = 1e-8;

    private final FoldedNetwork generator;
    private final FoldedNetwork features;
    private final LatentSampler sampler;
    private final LatentDistribution latent;
    private final int nz;
    private final long[] imageShape;

    /**
     * @param generator G; read once and folded, never changed
     * @param discriminator D for the feature loss, or null for pixel loss only
     * @param nz length of z
     * @param latent the prior z is drawn from
     */
    public Projector(MultiLayerNetwork generator, MultiLayerNetwork discriminator, int nz, LatentDistribution latent) {
        this.generator = FoldedNetwork.of(generator);
        this.features = discriminator == null ? null : FoldedNetwork.of(discriminator, FEATURE_LAYERS);
        this.nz = nz;
        this.latent = latent;
        this.sampler = new LatentSampler(nz, latent);
        INDArray probe = this.generator.output(Nd4j.zeros(DataType.FLOAT, 1, nz));
        this.imageShape = probe.shape().clone();
    }

    /**
     * The box z is kept in: [-1, 1] per coordinate for the uniform prior (its support); for a Gaussian prior
     * [-3, 3], three standard deviations, which is also the Walk pane's slider range, so every projected z
     * can be shown and moved there.
     */
    public static double bound(LatentDistribution latent) {
        return latent == LatentDistribution.GAUSSIAN ? 3 : 1;
    }

    /** Values per image: channels * size * size. */
    public int imageLength() {
        return (int) (imageShape[1] * imageShape[2] * imageShape[3]);
    }

    public int nz() {
        return nz;
    }

    /** Whether a feature loss is available (a discriminator was given). */
    public boolean hasFeatures() {
        return features != null;
    }

    /** G(z) for one z in inference mode, CHW in [-1, 1]. */
    public float[] generate(float[] z) {
        return generator.output(Nd4j.create(z, new long[] {1, nz}, 'c')).dup('c').data().asFloat();
    }

    /**
     * Projects one image.
     *
     * @param target CHW in [-1, 1], the generator's size and channels
     * @param progress called on this thread with the best so far: once for the starting point, then after each step
     * @param cancelled polled before each step; when true the best so far is returned, marked cancelled
     * @throws IllegalArgumentException when the image's size does not match the generator's
     */
    public ProjectionResult project(float[] target, ProjectionSettings settings, Consumer<ProjectionProgress> progress,
                                    BooleanSupplier cancelled) {
        if (target.length != imageLength()) {
            throw new IllegalArgumentException("the image has " + target.length + " values; this generator draws "
                    + imageShape[1] + "x" + imageShape[2] + "x" + imageShape[3] + " = " + imageLength());
        }
        if (settings.featureWeight() > 0 && features == null) {
            throw new IllegalArgumentException("a feature loss needs the model's discriminator");
        }
        int pixels = imageLength();
        INDArray targetArray = Nd4j.create(target, new long[] {1, imageShape[1], imageShape[2], imageShape[3]}, 'c');
        INDArray targetFeatures = settings.featureWeight() > 0 ? features.output(targetArray).dup() : null;

        Best best = new Best();
        int restarts = settings.restarts();
        INDArray z = startingPoints(target, settings);
        INDArray startImages = generator.output(z);
        best.offer(z, losses(startImages, targetArray, targetFeatures, settings.featureWeight()), startImages, target);
        double startPsnr = best.psnr;
        progress.accept(best.snapshot(0, settings.steps()));

        double bound = bound(latent);
        INDArray m = Nd4j.zeros(DataType.FLOAT, restarts, nz);
        INDArray v = Nd4j.zeros(DataType.FLOAT, restarts, nz);
        int done = 0;
        boolean stopped = false;
        for (int step = 1; step <= settings.steps(); step++) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                stopped = true;
                break;
            }
            INDArray images = generator.forward(z);
            INDArray diff = images.sub(targetArray);
            INDArray perRow = diff.mul(diff).reshape(restarts, pixels).mean(1);
            INDArray epsilon = diff.muli(2.0 / pixels);
            if (targetFeatures != null) {
                INDArray f = features.forward(images);
                long q = f.length() / restarts;
                INDArray fd = f.sub(targetFeatures);
                perRow.addi(fd.mul(fd).reshape(restarts, q).mean(1).muli(settings.featureWeight()));
                epsilon.addi(features.backward(fd.muli(2.0 * settings.featureWeight() / q)));
            }
            INDArray gradient = generator.backward(epsilon);
            best.offer(z, perRow, images, target);
            // Adam, with the step size falling linearly to a tenth: large moves first, then settling in.
            double lr = settings.learningRate() * (1 - 0.9 * (step - 1) / Math.max(1.0, settings.steps() - 1));
            m.muli(BETA1).addi(gradient.mul(1 - BETA1));
            v.muli(BETA2).addi(gradient.mul(gradient).muli(1 - BETA2));
            double mHat = 1 / (1 - Math.pow(BETA1, step));
            double vHat = 1 / (1 - Math.pow(BETA2, step));
            INDArray update = m.mul(mHat).divi(Transforms.sqrt(v.mul(vHat), false).addi(ADAM_EPS)).muli(lr);
            z = Transforms.min(Transforms.max(z.sub(update), -bound, false), bound, false);
            done = step;
            progress.accept(best.snapshot(step, settings.steps()));
        }
        if (!stopped && settings.steps() > 0) {
            // The last update has not been judged yet.
            INDArray images = generator.output(z);
            INDArray perRow = losses(images, targetArray, targetFeatures, settings.featureWeight());
            best.offer(z, perRow, images, target);
        }
        return new ProjectionResult(best.z.clone(), best.image.clone(), best.loss, best.psnr, done, stopped, startPsnr);
    }

    /** Each row's loss: pixel MSE, plus the weighted feature MSE when {@code targetFeatures} is given. */
    private INDArray losses(INDArray images, INDArray targetArray, INDArray targetFeatures, double featureWeight) {
        int rows = (int) images.size(0);
        INDArray diff = images.sub(targetArray);
        INDArray perRow = diff.mul(diff).reshape(rows, imageLength()).mean(1);
        if (targetFeatures != null) {
            INDArray fd = features.output(images).sub(targetFeatures);
            perRow.addi(fd.mul(fd).reshape(rows, fd.length() / rows).mean(1).muli(featureWeight));
        }
        return perRow;
    }

    /** The {@code restarts} of {@code candidates} random z whose images are closest to the target. */
    private INDArray startingPoints(float[] target, ProjectionSettings settings) {
        int n = settings.candidates();
        INDArray pool = sampler.batch(settings.seed(), PROJECTION_STREAM, 0, n);
        int pixels = imageLength();
        double[] mse = new double[n];
        // In chunks: a pool of thousands at 64x64 would otherwise be one large array.
        int chunk = 64;
        for (int first = 0; first < n; first += chunk) {
            int count = Math.min(chunk, n - first);
            INDArray rows = pool.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(first, first + count),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c');
            float[] images = generator.output(rows).dup('c').data().asFloat();
            for (int i = 0; i < count; i++) {
                mse[first + i] = ImageDistance.mse(images, i * pixels, target, 0, pixels);
            }
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(mse[a], mse[b]));
        float[] all = pool.dup('c').data().asFloat();
        float[] chosen = new float[settings.restarts() * nz];
        for (int r = 0; r < settings.restarts(); r++) {
            System.arraycopy(all, order[r] * nz, chosen, r * nz, nz);
        }
        return Nd4j.create(chosen, new long[] {settings.restarts(), nz}, 'c');
    }

    /** The best z judged so far. */
    private final class Best {
        float[] z;
        float[] image;
        double loss = Double.MAX_VALUE;
        double psnr = Double.NaN;

        /** Considers each row of {@code zs}, with its loss and image. */
        void offer(INDArray zs, INDArray losses, INDArray images, float[] target) {
            int pixels = imageLength();
            float[] imageData = images.dup('c').data().asFloat();
            int rows = (int) zs.size(0);
            float[] zData = zs.dup('c').data().asFloat();
            for (int r = 0; r < rows; r++) {
                double pixelMse = ImageDistance.mse(imageData, r * pixels, target, 0, pixels);
                double l = losses.getDouble(r);
                if (l < loss) {
                    loss = l;
                    psnr = ImageDistance.psnrOfMse(pixelMse);
                    z = Arrays.copyOfRange(zData, r * nz, (r + 1) * nz);
                    image = Arrays.copyOfRange(imageData, r * pixels, (r + 1) * pixels);
                }
            }
        }

        ProjectionProgress snapshot(int step, int steps) {
            return new ProjectionProgress(step, steps, loss, psnr, z.clone(), image.clone());
        }
    }
}
