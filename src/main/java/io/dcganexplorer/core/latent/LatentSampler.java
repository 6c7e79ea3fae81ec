package io.dcganexplorer.core.latent;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws latent batches that depend only on (seed, stream, index), never on what was drawn before.
 *
 * <p>That makes training resumable without saving RNG state (the batch for iteration i is the same
 * whether or not the process restarted) and makes "sample 17 of seed 42" mean the same image in the
 * CLI, the app and a lesson file.
 */
public final class LatentSampler {

    /** Stream for the z batches used in training steps. */
    public static final long TRAINING_STREAM = 1;
    /** Stream for the fixed z batch whose grid is saved while training. */
    public static final long PREVIEW_STREAM = 2;
    /** Stream for interactive sampling (grids in the app, the CLI's sample command). */
    public static final long SAMPLING_STREAM = 3;

    private final int nz;
    private final LatentDistribution distribution;

    public LatentSampler(int nz, LatentDistribution distribution) {
        if (nz < 1) {
            throw new IllegalArgumentException("nz = " + nz + ": must be at least 1");
        }
        this.nz = nz;
        this.distribution = distribution;
    }

    public int nz() {
        return nz;
    }

    /** One z vector: number {@code index} of {@code stream} under {@code seed}. */
    public float[] vector(long seed, long stream, long index) {
        SplittableRandom random = new SplittableRandom(mix(mix(seed, stream), index));
        float[] z = new float[nz];
        for (int i = 0; i < nz; i++) {
            z[i] = distribution.draw(random);
        }
        return z;
    }

    /** A [count, nz] batch: rows are vectors {@code first} .. {@code first + count - 1} of the stream. */
    public INDArray batch(long seed, long stream, long first, int count) {
        float[] data = new float[count * nz];
        for (int row = 0; row < count; row++) {
            System.arraycopy(vector(seed, stream, first + row), 0, data, row * nz, nz);
        }
        return Nd4j.create(data, new long[] {count, nz}, 'c');
    }

    /** The vectors as the rows of one [count, nz] batch, for a single generator call. */
    public static INDArray stack(java.util.List<float[]> zs) {
        if (zs.isEmpty()) {
            throw new IllegalArgumentException("no vectors to stack");
        }
        int nz = zs.get(0).length;
        float[] data = new float[zs.size() * nz];
        for (int i = 0; i < zs.size(); i++) {
            if (zs.get(i).length != nz) {
                throw new IllegalArgumentException("vectors of different length: " + nz + " and " + zs.get(i).length);
            }
            System.arraycopy(zs.get(i), 0, data, i * nz, nz);
        }
        return Nd4j.create(data, new long[] {zs.size(), nz}, 'c');
    }

    /** The training batch of one iteration: its rows never overlap another iteration's. */
    public INDArray trainingBatch(long seed, long iteration, int batchSize) {
        return batch(seed, TRAINING_STREAM, iteration * batchSize, batchSize);
    }

    /** SplitMix64's finaliser over a combination of two longs: well spread, cheap, stable across JDKs. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
