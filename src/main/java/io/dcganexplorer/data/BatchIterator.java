package io.dcganexplorer.data;

import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Endless, reproducibly shuffled NCHW float32 batches from an {@link ImageDataset}.
 *
 * <p>Each epoch's order is a permutation computed from (seed, epoch) alone, never from the iterator's
 * history, so a checkpoint only has to store the {@link Position} to resume the exact same sequence of
 * batches. The last incomplete batch of each epoch is dropped, as in the DCGAN reference code, so that
 * every batch has the same size (batch normalisation statistics depend on it).
 *
 * <p>Not thread-safe: the trainer thread owns it.
 */
public final class BatchIterator {

    /** 2^64 / golden ratio: spreads consecutive epoch numbers across the seed space. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /**
     * Where an iterator stands: the next {@link #next()} returns batch {@code batchInEpoch} of
     * {@code epoch}.
     */
    public record Position(int epoch, int batchInEpoch) {

        /** Validates the position. */
        public Position {
            if (epoch < 0 || batchInEpoch < 0) {
                throw new IllegalArgumentException("position must not be negative: epoch " + epoch
                        + ", batch " + batchInEpoch);
            }
        }

        /** The start of the first epoch. */
        public static final Position START = new Position(0, 0);
    }

    private final ImageDataset dataset;
    private final int batchSize;
    private final long seed;
    private final int batchesPerEpoch;
    private int epoch;
    private int batchInEpoch;
    private int[] permutation;
    private int permutationEpoch = -1;
    private int[] lastIndices = new int[0];

    /** An iterator at the start of epoch 0. */
    public BatchIterator(ImageDataset dataset, int batchSize, long seed) {
        this(dataset, batchSize, seed, Position.START);
    }

    /**
     * An iterator resuming at {@code position}.
     *
     * @throws IllegalArgumentException when the data set holds fewer images than one batch
     */
    public BatchIterator(ImageDataset dataset, int batchSize, long seed, Position position) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, was " + batchSize);
        }
        if (dataset.size() < batchSize) {
            throw new IllegalArgumentException("the data set has " + dataset.size()
                    + " images, fewer than one batch of " + batchSize + ": " + dataset.description());
        }
        this.batchSize = batchSize;
        this.seed = seed;
        this.batchesPerEpoch = dataset.size() / batchSize;
        seek(position);
    }

    /** Full batches per epoch; the remaining size % batchSize images are left out of each epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The batch size. */
    public int batchSize() {
        return batchSize;
    }

    /** Where the next batch comes from; store it in a checkpoint to resume. */
    public Position position() {
        return new Position(epoch, batchInEpoch);
    }

    /** Moves to {@code position}; the next batch is the one an uninterrupted iterator would return there. */
    public void seek(Position position) {
        if (position.batchInEpoch() > batchesPerEpoch) {
            throw new IllegalArgumentException("batch " + position.batchInEpoch() + " is beyond the "
                    + batchesPerEpoch + " batches of an epoch");
        }
        epoch = position.epoch();
        batchInEpoch = position.batchInEpoch();
    }

    /** The next batch, shape [batchSize, channels, size, size], values in [-1, 1]. */
    public INDArray next() {
        if (batchInEpoch == batchesPerEpoch) {
            epoch++;
            batchInEpoch = 0;
        }
        int[] order = permutation(epoch);
        int imageLength = dataset.imageLength();
        float[] values = new float[batchSize * imageLength];
        int[] indices = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            indices[i] = order[batchInEpoch * batchSize + i];
            dataset.writeImage(indices[i], values, i * imageLength);
        }
        lastIndices = indices;
        batchInEpoch++;
        long size = dataset.imageSize();
        return Nd4j.create(values, new long[] {batchSize, dataset.channels(), size, size}, 'c');
    }

    /** The data set indices of the images in the last batch, in batch order (empty before the first). */
    public int[] lastIndices() {
        return lastIndices.clone();
    }

    /** The labels of the images in the last batch ({@code -1} each for an unlabelled data set). */
    public int[] lastLabels() {
        int[] labels = new int[lastIndices.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = dataset.label(lastIndices[i]);
        }
        return labels;
    }

    /** The order of the images in {@code epoch}: a Fisher-Yates shuffle seeded from (seed, epoch) only. */
    int[] permutation(int epoch) {
        if (epoch != permutationEpoch) {
            int[] order = new int[dataset.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            SplittableRandom random = new SplittableRandom(mix(seed + (epoch + 1) * GOLDEN_GAMMA));
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            permutation = order;
            permutationEpoch = epoch;
        }
        return permutation;
    }

    /** The SplitMix64 finaliser, so that nearby seeds and epochs give unrelated streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
