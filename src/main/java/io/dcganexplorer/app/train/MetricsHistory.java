package io.dcganexplorer.app.train;

import io.dcganexplorer.run.MetricsRow;
import java.util.Arrays;

/**
 * The points the charts plot, bounded however long a run gets: when {@code capacity} points are held, each
 * pair of neighbours is merged into its average, so old history keeps its shape at half the resolution
 * and new points keep arriving at full resolution until the next merge. Not thread-safe: the UI thread
 * owns it.
 */
public final class MetricsHistory {

    /** Values per point: iteration, lossD, lossG, D(x), D(G(z)). */
    public static final int ITERATION = 0;
    public static final int LOSS_D = 1;
    public static final int LOSS_G = 2;
    public static final int D_REAL = 3;
    public static final int D_FAKE = 4;
    private static final int WIDTH = 5;

    private final int capacity;
    private final double[][] points;
    private final int[] weights;
    private int size;
    private int generation;
    /** Raw rows merged into the newest point so far; after a compaction new rows merge in pairs too. */
    private int rowsPerPoint = 1;
    private long lastIteration = -1;

    public MetricsHistory(int capacity) {
        if (capacity < 4 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity = " + capacity + ": must be even and at least 4");
        }
        this.capacity = capacity;
        this.points = new double[capacity][WIDTH];
        this.weights = new int[capacity];
    }

    /** Adds a row; rows at or before the last iteration (a re-read, a resumed run's overlap) are ignored. */
    public void add(MetricsRow row) {
        if (row.iteration() <= lastIteration) {
            return;
        }
        lastIteration = row.iteration();
        double[] values = {row.iteration(), row.lossD(), row.lossG(), row.dReal(), row.dFake()};
        if (size > 0 && weights[size - 1] < rowsPerPoint) {
            // Keep the newest point at the same resolution as the compacted history.
            double[] p = points[size - 1];
            int w = weights[size - 1];
            for (int i = 0; i < WIDTH; i++) {
                p[i] = (p[i] * w + values[i]) / (w + 1);
            }
            weights[size - 1] = w + 1;
            return;
        }
        if (size == capacity) {
            compact();
        }
        System.arraycopy(values, 0, points[size], 0, WIDTH);
        weights[size] = 1;
        size++;
    }

    private void compact() {
        for (int i = 0; i < size / 2; i++) {
            double[] a = points[2 * i];
            double[] b = points[2 * i + 1];
            int wa = weights[2 * i];
            int wb = weights[2 * i + 1];
            double[] merged = new double[WIDTH];
            for (int k = 0; k < WIDTH; k++) {
                merged[k] = (a[k] * wa + b[k] * wb) / (wa + wb);
            }
            points[i] = merged;
            weights[i] = wa + wb;
        }
        for (int i = size / 2; i < capacity; i++) {
            points[i] = new double[WIDTH];
        }
        size /= 2;
        rowsPerPoint *= 2;
        generation++;
    }

    /** Forgets every point (a new run). */
    public void clear() {
        size = 0;
        rowsPerPoint = 1;
        lastIteration = -1;
        generation++;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Changes whenever existing points were rewritten (merged or cleared); while it stays the same, points
     * are only appended and a chart may add the new ones instead of redrawing everything. The newest point
     * may still absorb rows; charts update it in place.
     */
    public int generation() {
        return generation;
    }

    /** Value {@code column} (ITERATION, LOSS_D, ...) of point {@code index}. */
    public double value(int index, int column) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("point " + index + " of " + size);
        }
        return points[index][column];
    }

    public long lastIteration() {
        return lastIteration;
    }

    @Override
    public String toString() {
        return "MetricsHistory" + Arrays.toString(new int[] {size, capacity, generation});
    }
}
