package io.dcganexplorer.accel;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The two memory passes {@link ChannelBatchNorm} is made of, over contiguous NCHW float arrays seen as rows of
 * {@code h*w} values, one row per image and channel (row {@code r} belongs to channel {@code r % c}): per-channel
 * sums, and a per-channel affine map. Each pass reads the arrays once, in chunks of consecutive rows copied
 * into Java arrays (a bulk copy, then loops the JIT compiler vectorises), and splits the rows between up to
 * as many threads as there are cores (the caller and the common fork-join pool).
 *
 * <p>Why not ND4J ops: batchnorm as whole-array ND4J ops took six passes over the data forward and eleven
 * backward (each op reads and writes the whole array); these take two each.
 */
final class RowPasses {

    /** Floats per chunk: 64 KB, so a chunk and its partner stay in the core's L2 cache. */
    private static final int CHUNK = 16 * 1024;
    /** Below this many values one thread is faster than waking a second. */
    private static final int MIN_PARALLEL = 64 * 1024;
    private static final int MAX_THREADS = 8;

    private RowPasses() {
    }

    /**
     * Per-channel {@code {sum(a), sum(a * b)}}, or {@code {sum(a), sum(a * a)}} when {@code b} is null, in double
     * precision. {@code a} and {@code b}: [n, c, h, w] floats, contiguous, {@code hw = h * w}.
     */
    static double[][] sums(INDArray a, INDArray b, int c, int hw) {
        int rows = (int) (a.length() / hw);
        FloatBuffer fa = buffer(a);
        FloatBuffer fb = b == null ? null : buffer(b);
        List<double[][]> parts = inParallel(rows, hw, (from, to) -> sumRows(fa, fb, from, to, c, hw));
        double[][] total = new double[2][c];
        for (double[][] part : parts) {
            for (int k = 0; k < c; k++) {
                total[0][k] += part[0][k];
                total[1][k] += part[1][k];
            }
        }
        return total;
    }

    /**
     * {@code out = p[ch] * u + q[ch] * v + k[ch]}, or {@code out = p[ch] * u + k[ch]} when {@code v} is null,
     * element by element with {@code ch} each element's channel. All arrays [n, c, h, w] floats, contiguous;
     * {@code out} may be {@code u}.
     */
    static void affine(INDArray out, INDArray u, float[] p, INDArray v, float[] q, float[] k, int c, int hw) {
        int rows = (int) (u.length() / hw);
        FloatBuffer fo = buffer(out);
        FloatBuffer fu = buffer(u);
        FloatBuffer fv = v == null ? null : buffer(v);
        inParallel(rows, hw, (from, to) -> {
            affineRows(fo, fu, p, fv, q, k, from, to, c, hw);
            return null;
        });
    }

    private static double[][] sumRows(FloatBuffer fa, FloatBuffer fb, int from, int to, int c, int hw) {
        double[][] sums = new double[2][c];
        int chunkRows = Math.max(1, CHUNK / hw);
        float[] x = new float[chunkRows * hw];
        float[] y = fb == null ? x : new float[chunkRows * hw];
        for (int r = from; r < to; r += chunkRows) {
            int n = Math.min(chunkRows, to - r);
            load(fa, x, fb, y, r, n * hw, hw);
            for (int i = 0; i < n; i++) {
                int off = i * hw;
                double s0 = 0;
                double s1 = 0;
                double t0 = 0;
                double t1 = 0;
                int j = 0;
                for (; j + 1 < hw; j += 2) {
                    float x0 = x[off + j];
                    float x1 = x[off + j + 1];
                    s0 += x0;
                    s1 += x1;
                    t0 += x0 * y[off + j];
                    t1 += x1 * y[off + j + 1];
                }
                if (j < hw) {
                    s0 += x[off + j];
                    t0 += x[off + j] * y[off + j];
                }
                int ch = (r + i) % c;
                sums[0][ch] += s0 + s1;
                sums[1][ch] += t0 + t1;
            }
        }
        return sums;
    }

    private static void affineRows(FloatBuffer fo, FloatBuffer fu, float[] p, FloatBuffer fv, float[] q, float[] k,
                                   int from, int to, int c, int hw) {
        int chunkRows = Math.max(1, CHUNK / hw);
        float[] u = new float[chunkRows * hw];
        float[] v = fv == null ? null : new float[chunkRows * hw];
        for (int r = from; r < to; r += chunkRows) {
            int n = Math.min(chunkRows, to - r);
            load(fu, u, fv, v, r, n * hw, hw);
            for (int i = 0; i < n; i++) {
                int off = i * hw;
                int ch = (r + i) % c;
                float pc = p[ch];
                float kc = k[ch];
                if (v == null) {
                    for (int j = off; j < off + hw; j++) {
                        u[j] = u[j] * pc + kc;
                    }
                } else {
                    float qc = q[ch];
                    for (int j = off; j < off + hw; j++) {
                        u[j] = u[j] * pc + v[j] * qc + kc;
                    }
                }
            }
            fo.put(fo.position() + r * hw, u, 0, n * hw);
        }
    }

    /** Copies {@code length} values from row {@code r} on of {@code a} into {@code x}, and of {@code b} (if any) into {@code y}. */
    private static void load(FloatBuffer a, float[] x, FloatBuffer b, float[] y, int r, int length, int hw) {
        a.get(a.position() + r * hw, x, 0, length);
        if (b != null) {
            b.get(b.position() + r * hw, y, 0, length);
        }
    }

    /**
     * Whether the array's values are one c-order block, as the passes here (and the other hand-written kernels
     * that read an array's buffer directly) need. ND4J's default-stride test alone fails for size-1 dimensions with
     * other strides (a batch of one image, for instance), which are still one block.
     */
    static boolean contiguous(INDArray a) {
        return a.ordering() == 'c' && (Shape.hasDefaultStridesForShape(a) || a.elementWiseStride() == 1);
    }

    /** A float view of the array's values; its position is the array's first value. */
    private static FloatBuffer buffer(INDArray array) {
        return array.data().asNioFloat();
    }

    interface RowRange<T> {
        T run(int from, int to);
    }

    /**
     * Runs {@code work} over [0, rows) split into contiguous ranges, one per thread (at most one per core, and
     * one per {@code MIN_PARALLEL} values when a row holds {@code hw}); results in row order.
     */
    static <T> List<T> inParallel(int rows, int hw, RowRange<T> work) {
        int threads = Math.min(Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()),
                Math.min(rows, (int) Math.max(1, (long) rows * hw / MIN_PARALLEL)));
        List<T> results = new ArrayList<>(threads);
        if (threads <= 1) {
            results.add(work.run(0, rows));
            return results;
        }
        List<ForkJoinTask<T>> forked = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            int from = (int) ((long) rows * t / threads);
            int to = (int) ((long) rows * (t + 1) / threads);
            forked.add(ForkJoinPool.commonPool().submit(() -> work.run(from, to)));
        }
        results.add(work.run(0, (int) ((long) rows / threads)));
        for (ForkJoinTask<T> task : forked) {
            results.add(task.join());
        }
        return results;
    }
}
