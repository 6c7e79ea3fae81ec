package io.dcganexplorer.data.procedural;

import java.util.SplittableRandom;

/** Derives independent, reproducible random streams from a data set seed and an image index. */
final class Seeds {

    private Seeds() {
    }

    /**
     * Mixes a seed and an index into a well-scrambled 64-bit value (SplitMix64's finaliser), so that
     * neighbouring indices and seeds give unrelated streams.
     */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The random stream for image {@code index} of a data set with {@code seed}. */
    static SplittableRandom forImage(long seed, long index) {
        return new SplittableRandom(mix(seed, index));
    }
}
