package io.dcganexplorer.accel;

import java.util.Collections;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalisation of NCHW float activations in two passes over the data each way, plugged into DL4J's
 * {@code BatchNormalization} layer through its helper interface (the slot the oneDNN helper fills).
 *
 * <p>Why: on this machine libnd4j's {@code batchnorm} / {@code batchnorm_bp} ops (oneDNN or generic) and
 * DL4J's per-dimension broadcasts are slow. In training, the forward pass here is one pass for the per-channel
 * sums of x and x^2 and one for {@code scale * x + shift}; the backward pass one for the sums of dy and dy*x and
 * one for {@code dx = a*dy + b*x + k}, all per channel ({@link RowPasses}). {@code FastLayersBenchmark} at batch
 * 128, oneDNN helper / this class when it was whole-array ND4J ops (six passes forward, eleven backward) / now:
 * forward (training) on [128, 64, 16, 16] 10.5-11.2 / 5.9 / 2.5 ms, backward 17.1-18.7 / 13.0 / 3.8 ms; on
 * [128, 64, 32, 32] forward 38-48 / 17-20 / 8-13 ms, backward 90-117 / 50-54 / 11 ms. Inference (running
 * statistics) is the same affine pass, or the oneDNN helper at batch 1.
 *
 * <p>Semantics are those of DL4J's oneDNN helper, which this replaces: batch statistics with the biased
 * variance in training (also what the layer folds into its running variance), gradients of gamma and
 * beta summed over the batch. Anything else (other data types, NHWC, rank 2, non-contiguous input)
 * returns {@code null}, and the layer falls back to its built-in code.
 *
 * <p>Not thread-safe, like the layer it belongs to: it keeps the last batch's mean and variance for the
 * backward pass.
 */
final class ChannelBatchNorm implements BatchNormalizationHelper {

    private INDArray meanCache;
    private INDArray varCache;
    private final BatchNormalizationHelper inference;

    /** Computes everything itself. */
    public ChannelBatchNorm() {
        this(null);
    }

    /**
     * Leaves inference-mode passes (running statistics, one fused op in DL4J's oneDNN helper) to
     * {@code inference} when it is not null: at batch 1 the seven small ops here cost more than that op.
     */
    public ChannelBatchNorm(BatchNormalizationHelper inference) {
        this.inference = inference;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                              INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        if (!supported(x, format) || gamma == null || beta == null) {
            return null;
        }
        if (!training && inference != null) {
            INDArray out = inference.preOutput(x, false, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
            if (out != null) {
                return out;
            }
        }
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        long hw = x.size(2) * x.size(3);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        float[] batchMean;
        float[] batchVariance;
        if (training) {
            ensureCaches(c);
            double count = (double) n * hw;
            double[][] sums = RowPasses.sums(x, null, c, (int) hw);
            batchMean = new float[c];
            batchVariance = new float[c];
            for (int k = 0; k < c; k++) {
                double m = sums[0][k] / count;
                batchMean[k] = (float) m;
                batchVariance[k] = (float) Math.max(0.0, sums[1][k] / count - m * m);
            }
            meanCache.assign(Nd4j.createFromArray(batchMean));
            varCache.assign(Nd4j.createFromArray(batchVariance));
        } else {
            batchMean = mean.toFloatVector();
            batchVariance = var.toFloatVector();
        }
        // out = gamma * (x - mean) / sqrt(var + eps) + beta = scale * x + shift, per channel.
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int k = 0; k < c; k++) {
            double s = gamma.getDouble(k) / Math.sqrt(batchVariance[k] + eps);
            scale[k] = (float) s;
            shift[k] = (float) (beta.getDouble(k) - batchMean[k] * s);
        }
        RowPasses.affine(out, x, scale, null, null, shift, c, (int) hw);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                     double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input, format) || gamma == null || dGammaView == null || meanCache == null
                || epsilon.dataType() != DataType.FLOAT || meanCache.length() != input.size(1)) {
            return null;
        }
        if (!RowPasses.contiguous(epsilon)) {
            epsilon = epsilon.dup('c');
        }
        int n = (int) input.size(0);
        int c = (int) input.size(1);
        int hw = (int) (input.size(2) * input.size(3));
        double count = (double) n * hw;
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        // sum(dy) and sum(dy * x) per channel in one pass; then
        // dx = g*s*dy - g*s^3*sum(dy*(x-m))/M * (x-m) - g*s*sum(dy)/M, with s = 1/sqrt(var + eps), M = n*h*w,
        // which is a*dy + b*x + k per channel: a second pass.
        double[][] sums = RowPasses.sums(epsilon, input, c, hw);
        float[] mean = meanCache.toFloatVector();
        float[] variance = varCache.toFloatVector();
        float[] a = new float[c];
        float[] b = new float[c];
        float[] k = new float[c];
        float[] dGamma = new float[c];
        float[] dBeta = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double s = 1.0 / Math.sqrt(variance[ch] + eps);
            double sumDy = sums[0][ch];
            double sumDyCentred = sums[1][ch] - mean[ch] * sumDy;
            double gs = gamma.getDouble(ch) * s;
            double bb = -gs * s * s * sumDyCentred / count;
            a[ch] = (float) gs;
            b[ch] = (float) bb;
            k[ch] = (float) (-gs * sumDy / count - bb * mean[ch]);
            dGamma[ch] = (float) (sumDyCentred * s);
            dBeta[ch] = (float) sumDy;
        }
        RowPasses.affine(dx, epsilon, a, input, b, k, c, hw);
        dGammaView.assign(Nd4j.createFromArray(dGamma).reshape(dGammaView.shape()));
        dBetaView.assign(Nd4j.createFromArray(dBeta).reshape(dBetaView.shape()));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dx);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Collections.emptyMap();
    }

    private static boolean supported(INDArray x, CNN2DFormat format) {
        return x.rank() == 4 && format == CNN2DFormat.NCHW && x.dataType() == DataType.FLOAT
                && RowPasses.contiguous(x);
    }

    private void ensureCaches(int channels) {
        if (meanCache == null || meanCache.length() != channels) {
            // Outside any workspace: they must outlive the forward pass until the backward pass reads them.
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                meanCache = Nd4j.createUninitialized(DataType.FLOAT, channels);
                varCache = Nd4j.createUninitialized(DataType.FLOAT, channels);
            }
        }
    }
}
