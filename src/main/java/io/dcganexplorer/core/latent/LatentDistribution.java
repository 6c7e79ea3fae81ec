package io.dcganexplorer.core.latent;

import java.util.random.RandomGenerator;

/** The prior that z is drawn from. The paper used uniform noise; many reimplementations use a Gaussian. */
public enum LatentDistribution {
    /** Uniform in [-1, 1] per dimension, as in the paper. */
    UNIFORM {
        @Override
        public float draw(RandomGenerator random) {
            return (float) (random.nextDouble() * 2 - 1);
        }
    },
    /** Standard normal per dimension. */
    GAUSSIAN {
        @Override
        public float draw(RandomGenerator random) {
            return (float) random.nextGaussian();
        }
    };

    /** One coordinate of z. */
    public abstract float draw(RandomGenerator random);
}
