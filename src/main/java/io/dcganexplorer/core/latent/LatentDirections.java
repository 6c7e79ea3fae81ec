package io.dcganexplorer.core.latent;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;

/**
 * Interpretable directions in Z found without labels, after Härkönen et al. 2020 ("GANSpace"): sample
 * many z, take the generator's activations at an intermediate layer, find their principal components,
 * and carry each component back to Z by linear regression of z on the component coefficients.
 *
 * <p>PCA runs on the N x N Gram matrix (N samples, far fewer than the layer's activations), through
 * LAPACK's symmetric eigensolver, so it takes well under a second for the sizes used here.
 */
public final class LatentDirections {

    /**
     * Directions found for one generator.
     *
     * @param layer the generator layer whose activations were analysed
     * @param zDirections unit vectors in Z, orthonormalised in order of importance
     * @param explainedVariance fraction of the layer's activation variance along each principal component
     * @param zSpread standard deviation of the sampled z along each direction (a natural slider range)
     * @param activationComponents the principal components themselves, in activation space (unit, orthogonal)
     */
    public record Result(String layer, List<float[]> zDirections, double[] explainedVariance, double[] zSpread,
                         List<float[]> activationComponents) {
    }

    private LatentDirections() {
    }

    /**
     * Computes the top {@code count} directions from {@code samples} z vectors of the sampler.
     *
     * @param generator the generator (used in inference mode; not modified)
     * @param layer name of the layer whose output is analysed (e.g. "relu0", the 4x4 projection)
     */
    public static Result compute(MultiLayerNetwork generator, String layer, LatentSampler sampler, long seed,
                                 int samples, int count) {
        if (count < 1 || count >= samples) {
            throw new IllegalArgumentException("directions = " + count + ": must be between 1 and samples - 1 ("
                    + (samples - 1) + ")");
        }
        int layerIndex = indexOf(generator, layer);
        INDArray z = sampler.batch(seed, LatentSampler.SAMPLING_STREAM, 1_000_000, samples).castTo(DataType.DOUBLE);
        INDArray act = generator.feedForwardToLayer(layerIndex, z.castTo(DataType.FLOAT), false).get(layerIndex + 1);
        INDArray y = act.reshape(samples, act.length() / samples).castTo(DataType.DOUBLE);
        y.subiRowVector(y.mean(0));
        INDArray zc = z.dup();
        zc.subiRowVector(zc.mean(0));

        INDArray gram = y.mmul(y.transpose());
        double totalVariance = y.mul(y).sumNumber().doubleValue();
        INDArray vectors = gram.dup('f');
        INDArray eigenvalues = Eigen.symmetricGeneralizedEigenvalues(vectors, true);

        List<float[]> components = new ArrayList<>();
        List<double[]> zRaw = new ArrayList<>();
        double[] explained = new double[count];
        for (int k = 0; k < count; k++) {
            // LAPACK returns eigenvalues in ascending order.
            int col = samples - 1 - k;
            double lambda = Math.max(eigenvalues.getDouble(col), 1e-30);
            INDArray u = vectors.getColumn(col).reshape(samples, 1);
            INDArray v = y.transpose().mmul(u).divi(Math.sqrt(lambda));
            components.add(v.castTo(DataType.FLOAT).data().asFloat());
            // Regression of z on the coefficients x_j = sqrt(lambda) u_j: U_k = Zc^T u / sqrt(lambda).
            zRaw.add(zc.transpose().mmul(u).data().asDouble());
            explained[k] = lambda / totalVariance;
        }
        List<float[]> directions = orthonormalise(zRaw);
        double[] spread = new double[count];
        for (int k = 0; k < count; k++) {
            INDArray d = org.nd4j.linalg.factory.Nd4j.createFromArray(directions.get(k)).castTo(DataType.DOUBLE)
                    .reshape(directions.get(k).length, 1);
            spread[k] = zc.mmul(d).stdNumber().doubleValue();
        }
        return new Result(layer, directions, explained, spread, components);
    }

    /** Gram-Schmidt in order: the first direction is kept, later ones lose what earlier ones explain. */
    static List<float[]> orthonormalise(List<double[]> vectors) {
        List<double[]> basis = new ArrayList<>();
        for (double[] v : vectors) {
            double[] w = v.clone();
            for (double[] b : basis) {
                double dot = 0;
                for (int i = 0; i < w.length; i++) {
                    dot += w[i] * b[i];
                }
                for (int i = 0; i < w.length; i++) {
                    w[i] -= dot * b[i];
                }
            }
            double norm = 0;
            for (double x : w) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (norm < 1e-12) {
                throw new IllegalStateException("latent directions are linearly dependent; sample more z");
            }
            for (int i = 0; i < w.length; i++) {
                w[i] /= norm;
            }
            basis.add(w);
        }
        List<float[]> out = new ArrayList<>();
        for (double[] b : basis) {
            float[] f = new float[b.length];
            for (int i = 0; i < b.length; i++) {
                f[i] = (float) b[i];
            }
            out.add(f);
        }
        return out;
    }

    /** z + amount * direction. */
    public static float[] move(float[] z, float[] direction, double amount) {
        Interpolation.requireSameLength(z, direction);
        float[] out = z.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (amount * direction[i]);
        }
        return out;
    }

    private static int indexOf(MultiLayerNetwork net, String layer) {
        for (int i = 0; i < net.getnLayers(); i++) {
            if (layer.equals(net.getLayer(i).conf().getLayer().getLayerName())) {
                return i;
            }
        }
        throw new IllegalArgumentException("the generator has no layer named '" + layer + "'");
    }
}
