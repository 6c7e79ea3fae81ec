package io.dcganexplorer.core.gan;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * Binary cross-entropy for a sigmoid output, computed from the logit so it never saturates.
 *
 * <p>DL4J's {@code LossBinaryXENT} clips probabilities to [1e-5, 1 - 1e-5] and divides by p(1 - p).
 * When the discriminator confidently rejects a generated image (D(G(z)) far below 1e-5, common early
 * in training) that makes the generator's gradient vanish, which is exactly what the non-saturating
 * loss is meant to avoid. Here dL/dz = sigmoid(z) - y and L = softplus(z) - y z, both exact for any z.
 *
 * <p>It also records the mean loss and mean D output of the last batch it saw, so the trainer reports
 * them without a second forward pass. That makes an instance single-threaded, like the network it
 * belongs to.
 */
public final class SigmoidCrossEntropyLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    @JsonIgnore
    private transient double lastMeanLoss = Double.NaN;
    @JsonIgnore
    private transient double lastMeanProbability = Double.NaN;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray scores = scoreArray(labels, preOutput, activationFn, mask);
        double sum = scores.sumNumber().doubleValue();
        return average ? sum / scores.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return scoreArray(labels, preOutput, activationFn, mask).sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireSigmoid(activationFn);
        INDArray probabilities = Transforms.sigmoid(preOutput, true);
        INDArray y = labels.castTo(preOutput.dataType());
        lastMeanProbability = probabilities.meanNumber().doubleValue();
        lastMeanLoss = scoreArray(y, preOutput, activationFn, mask).meanNumber().doubleValue()
                * preOutput.size(1);
        INDArray gradient = probabilities.subi(y);
        if (mask != null) {
            gradient.muli(mask.castTo(gradient.dataType()));
        }
        return gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "SigmoidCrossEntropy";
    }

    /** Mean BCE of the last batch whose gradient this loss computed, NaN before the first. */
    public double lastMeanLoss() {
        return lastMeanLoss;
    }

    /** Mean sigmoid output (the discriminator's "probability real") of that batch, NaN before the first. */
    public double lastMeanProbability() {
        return lastMeanProbability;
    }

    /** Per-element softplus(z) - y z = max(z, 0) - y z + log(1 + exp(-|z|)). */
    private static INDArray scoreArray(INDArray labels, INDArray z, IActivation activationFn, INDArray mask) {
        requireSigmoid(activationFn);
        INDArray y = labels.castTo(z.dataType());
        INDArray softplusTail = Transforms.log1p(Transforms.exp(Transforms.abs(z, true).negi(), false), false);
        INDArray scores = Transforms.relu(z, true).subi(y.mul(z)).addi(softplusTail);
        if (mask != null) {
            scores.muli(mask.castTo(scores.dataType()));
        }
        return scores;
    }

    private static void requireSigmoid(IActivation activationFn) {
        if (!(activationFn instanceof ActivationSigmoid)) {
            throw new IllegalStateException("SigmoidCrossEntropyLoss needs a sigmoid output, got " + activationFn);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigmoidCrossEntropyLoss;
    }

    @Override
    public int hashCode() {
        return SigmoidCrossEntropyLoss.class.hashCode();
    }

    @Override
    public String toString() {
        return "SigmoidCrossEntropyLoss()";
    }
}
