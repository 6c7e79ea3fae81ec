package io.dcganexplorer.app.walk;

import java.util.Arrays;

/**
 * The latest slider-to-image latencies (a bounded window, so a long session does not grow it) with their
 * median and 99th percentile, and the rate at which frames were shown. Thread-safe.
 */
public final class LatencyStats {

    private final long[] nanos;
    private final long[] shownAt;
    private int count;
    private int next;

    public LatencyStats(int window) {
        nanos = new long[window];
        shownAt = new long[window];
    }

    /** Records one frame shown at {@code now} for a request made at {@code requestedAt} (both nanoTime). */
    public synchronized void record(long requestedAt, long now) {
        nanos[next] = now - requestedAt;
        shownAt[next] = now;
        next = (next + 1) % nanos.length;
        count = Math.min(count + 1, nanos.length);
    }

    public synchronized void clear() {
        count = 0;
        next = 0;
    }

    public synchronized int count() {
        return count;
    }

    /** Latency at quantile q (0..1) in milliseconds, nearest rank; NaN when empty. */
    public synchronized double quantileMillis(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }

    /** Frames per second between the first and the last recorded frame; NaN with fewer than two. */
    public synchronized double framesPerSecond() {
        if (count < 2) {
            return Double.NaN;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            first = Math.min(first, shownAt[i]);
            last = Math.max(last, shownAt[i]);
        }
        return last == first ? Double.NaN : (count - 1) * 1e9 / (last - first);
    }
}
