package io.dcganexplorer.core.gan;

import io.dcganexplorer.core.latent.LatentDistribution;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Tiny configs and data for fast, seeded tests (the config is shared with other packages' tests). */
public final class TinyGan {

    private TinyGan() {
    }

    /** 16x16 grayscale, uniform z, nz = 4, 4 filters, batch 8. */
    public static DcganConfig config(long seed) {
        return new DcganConfig(16, 1, 4, 4, 4, 8, 2e-4, 0.5, LatentDistribution.UNIFORM, seed);
    }

    /**
     * Gives every batchnorm running statistic, gamma and beta of {@code net} values far from their defaults (fresh
     * batchnorm has mean 0 and std 1, which would hide a folding mistake) and makes weights and biases 10x larger,
     * so that images differ visibly between z.
     */
    public static void roughen(org.deeplearning4j.nn.multilayer.MultiLayerNetwork net) {
        net.paramTable().forEach((key, value) -> {
            if (key.endsWith("_mean") || key.endsWith("_beta")) {
                value.assign(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, value.shape()).subi(0.5).muli(0.6));
            } else if (key.endsWith("_log10stdev")) {
                value.assign(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, value.shape()).subi(0.5).muli(0.8));
            } else if (key.endsWith("_gamma")) {
                value.assign(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, value.shape()).muli(1.5).addi(0.25));
            } else if (key.endsWith("_W") || key.endsWith("_b")) {
                value.muli(10);
            }
        });
    }

    /**
     * Four fixed 16x16 shapes in [-1, 1] (background -1, shape +1): a square, a plus, a horizontal bar
     * and a vertical bar.
     */
    static float[][] shapes() {
        float[][] shapes = new float[4][256];
        for (float[] s : shapes) {
            java.util.Arrays.fill(s, -1f);
        }
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                if (x >= 4 && x < 12 && y >= 4 && y < 12) {
                    shapes[0][y * 16 + x] = 1f;
                }
                if ((x >= 7 && x < 9) || (y >= 7 && y < 9)) {
                    shapes[1][y * 16 + x] = 1f;
                }
                if (y >= 6 && y < 10) {
                    shapes[2][y * 16 + x] = 1f;
                }
                if (x >= 6 && x < 10) {
                    shapes[3][y * 16 + x] = 1f;
                }
            }
        }
        return shapes;
    }

    /** A batch cycling through the shapes, starting at {@code offset}. */
    static INDArray shapeBatch(int n, int offset) {
        float[][] shapes = shapes();
        float[] data = new float[n * 256];
        for (int i = 0; i < n; i++) {
            System.arraycopy(shapes[(i + offset) % shapes.length], 0, data, i * 256, 256);
        }
        return Nd4j.create(data, new long[] {n, 1, 16, 16}, 'c');
    }

    /** Mean over samples of the RMS distance to the nearest shape. */
    static double meanDistanceToNearestShape(INDArray samples) {
        float[][] shapes = shapes();
        float[] data = samples.dup('c').data().asFloat();
        int n = (int) samples.size(0);
        double total = 0;
        for (int i = 0; i < n; i++) {
            double best = Double.MAX_VALUE;
            for (float[] shape : shapes) {
                double sum = 0;
                for (int p = 0; p < 256; p++) {
                    double d = data[i * 256 + p] - shape[p];
                    sum += d * d;
                }
                best = Math.min(best, Math.sqrt(sum / 256));
            }
            total += best;
        }
        return total / n;
    }
}
