package io.dcganexplorer.accel;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LeakyReLU with the same results as {@link ActivationLReLU}, computed with ops that run at memory speed.
 *
 * <p>libnd4j's {@code LeakyReLU} and {@code LeakyReLUBp} ops take 3 and 5 ns per element on this
 * machine, several times a plain scalar op, and D pays them three times per GAN step. For a slope in
 * [0, 1], {@code lrelu(x) = max(x, slope * x)} (two ops) and its derivative is
 * {@code slope + (1 - slope) * step(x)} (four in-place ops). {@code FastLayersBenchmark} on D's first
 * activations, [128, 64, 16, 16]: forward 7.8 -> 2.4 ms, backward 11.4 -> 2.1 ms. Other data types and
 * slopes outside [0, 1] use the parent's ops.
 *
 * <p>One difference, at exactly 0: the gradient there is the slope, as in PyTorch, where DL4J's op takes 1.
 * Pre-activations are exactly 0 with probability 0, so training follows the stock layer
 * ({@code FastLayersTest}).
 *
 * <p>Serialised configurations name this class; they load where this app's classes are present.
 */
public class FastLeakyReLU extends ActivationLReLU {

    public FastLeakyReLU() {
        super();
    }

    public FastLeakyReLU(double alpha) {
        super(alpha);
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (!fast(in)) {
            return super.getActivation(in, training);
        }
        INDArray scaled = in.mul(getAlpha());
        Nd4j.exec(new Max(in, scaled, in));
        scaled.close();
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        if (!fast(in) || epsilon.dataType() != in.dataType()) {
            return super.backprop(in, epsilon);
        }
        assertShape(in, epsilon);
        double alpha = getAlpha();
        // in := (in > 0 ? 1 : alpha) * epsilon, as LeakyReLUBp
        Nd4j.exec(new Step(in, in, 0.0));
        in.muli(1.0 - alpha).addi(alpha).muli(epsilon);
        return new Pair<>(in, null);
    }

    private boolean fast(INDArray in) {
        double alpha = getAlpha();
        return (in.dataType() == DataType.FLOAT || in.dataType() == DataType.DOUBLE) && alpha >= 0 && alpha <= 1;
    }
}
