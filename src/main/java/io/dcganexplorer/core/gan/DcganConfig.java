package io.dcganexplorer.core.gan;

import io.dcganexplorer.core.latent.LatentDistribution;

/**
 * Everything that defines a DCGAN model and how it is trained.
 *
 * <p>Defaults follow Radford, Metz and Chintala, "Unsupervised Representation Learning with Deep
 * Convolutional Generative Adversarial Networks" (2015): nz = 100, 64 filters at the widest layer,
 * batch 128, Adam with learning rate 2e-4 and beta1 = 0.5, uniform noise in [-1, 1].
 *
 * @param imageSize width and height of the images: 16 (tests), 32 or 64
 * @param channels 1 (grayscale) or 3 (RGB)
 * @param nz length of the latent vector z
 * @param ngf generator filters at the last (full-resolution) hidden layer; doubled per layer towards z
 * @param ndf discriminator filters at the first layer; doubled per layer towards the output
 * @param batchSize images per mini-batch, for both the real and the generated half of a step
 * @param learningRate Adam learning rate for both networks
 * @param beta1 Adam's first-moment decay
 * @param latent the distribution z is drawn from
 * @param seed seeds weights, latent draws and data order; the same seed gives the same run
 */
public record DcganConfig(int imageSize, int channels, int nz, int ngf, int ndf, int batchSize,
                          double learningRate, double beta1, LatentDistribution latent, long seed) {

    /** The paper's Adam beta2 (PyTorch's and TensorFlow's default); not a user setting. */
    public static final double BETA2 = 0.999;

    public DcganConfig {
        if (imageSize != 16 && imageSize != 32 && imageSize != 64) {
            throw new InvalidConfigException("imageSize", imageSize, "must be 16, 32 or 64");
        }
        if (channels != 1 && channels != 3) {
            throw new InvalidConfigException("channels", channels, "must be 1 (grayscale) or 3 (RGB)");
        }
        requireRange("nz", nz, 1, 1024);
        requireRange("ngf", ngf, 1, 1024);
        requireRange("ndf", ndf, 1, 1024);
        // Batch normalisation needs at least two samples to estimate a variance.
        requireRange("batchSize", batchSize, 2, 4096);
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new InvalidConfigException("learningRate", learningRate, "must be in (0, 1]");
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new InvalidConfigException("beta1", beta1, "must be in [0, 1)");
        }
        if (latent == null) {
            throw new InvalidConfigException("latent", null, "must be UNIFORM or GAUSSIAN");
        }
    }

    /** The paper's settings for the given image size and channels, with the given seed. */
    public static DcganConfig paperDefaults(int imageSize, int channels, long seed) {
        return new DcganConfig(imageSize, channels, 100, 64, 64, 128, 2e-4, 0.5, LatentDistribution.UNIFORM, seed);
    }

    /** Number of stride-2 layers between 4x4 and the image size. */
    public int upsamplingLayers() {
        return Integer.numberOfTrailingZeros(imageSize / 4);
    }

    public DcganConfig withImageSize(int v) {
        return new DcganConfig(v, channels, nz, ngf, ndf, batchSize, learningRate, beta1, latent, seed);
    }

    public DcganConfig withChannels(int v) {
        return new DcganConfig(imageSize, v, nz, ngf, ndf, batchSize, learningRate, beta1, latent, seed);
    }

    public DcganConfig withNz(int v) {
        return new DcganConfig(imageSize, channels, v, ngf, ndf, batchSize, learningRate, beta1, latent, seed);
    }

    public DcganConfig withFilters(int generatorFilters, int discriminatorFilters) {
        return new DcganConfig(imageSize, channels, nz, generatorFilters, discriminatorFilters, batchSize,
                learningRate, beta1, latent, seed);
    }

    public DcganConfig withBatchSize(int v) {
        return new DcganConfig(imageSize, channels, nz, ngf, ndf, v, learningRate, beta1, latent, seed);
    }

    public DcganConfig withLearningRate(double v) {
        return new DcganConfig(imageSize, channels, nz, ngf, ndf, batchSize, v, beta1, latent, seed);
    }

    public DcganConfig withBeta1(double v) {
        return new DcganConfig(imageSize, channels, nz, ngf, ndf, batchSize, learningRate, v, latent, seed);
    }

    public DcganConfig withLatent(LatentDistribution v) {
        return new DcganConfig(imageSize, channels, nz, ngf, ndf, batchSize, learningRate, beta1, v, seed);
    }

    public DcganConfig withSeed(long v) {
        return new DcganConfig(imageSize, channels, nz, ngf, ndf, batchSize, learningRate, beta1, latent, v);
    }

    private static void requireRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidConfigException(field, value, "must be between " + min + " and " + max);
        }
    }
}
