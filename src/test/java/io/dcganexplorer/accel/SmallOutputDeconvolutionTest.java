package io.dcganexplorer.accel;

import static io.dcganexplorer.accel.ConvTestSupport.D1;
import static io.dcganexplorer.accel.ConvTestSupport.K4;
import static io.dcganexplorer.accel.ConvTestSupport.P1;
import static io.dcganexplorer.accel.ConvTestSupport.S2;
import static io.dcganexplorer.accel.ConvTestSupport.assertClose;
import static io.dcganexplorer.accel.ConvTestSupport.inWorkspace;
import static io.dcganexplorer.accel.ConvTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** SmallOutputDeconvolution against libnd4j's deconv2d, and the cases it leaves to libnd4j. */
class SmallOutputDeconvolutionTest {


    @BeforeAll
    static void cpuBuildOnly() {
        ConvTestSupport.cpuBuildOnly("deconv2d");
    }

    @Test
    void matchesLibnd4jsDeconvolution() {
        // A non-square plane with an odd width reaches every border case of the taps; the last is split between
        // threads.
        long[][] inputs = {{2, 7, 32, 33}, {3, 8, 32, 32}, {2, 5, 33, 32}, {16, 64, 32, 32}};
        int[] outs = {3, 2, 1, 1};
        for (int t = 0; t < inputs.length; t++) {
            long[] shape = inputs[t];
            INDArray x = random(t + 1, shape);
            INDArray w = random(t + 11, shape[1], outs[t], 4, 4);
            INDArray bias = random(t + 21, outs[t]);
            assertThat(SmallOutputDeconvolution.applies(x, w, K4, S2, P1, D1)).isTrue();
            INDArray expected = Nd4j.create(DataType.FLOAT, shape[0], outs[t], 2 * shape[2], 2 * shape[3]);
            Nd4j.exec(DynamicCustomOp.builder("deconv2d").addInputs(x, w.permute(2, 3, 1, 0), bias)
                    .addOutputs(expected).addIntegerArguments(4, 4, 2, 2, 1, 1, 1, 1, 0, 0).build());
            INDArray actual = Nd4j.create(DataType.FLOAT, expected.shape());
            SmallOutputDeconvolution.forward(x, w, bias.toFloatVector(), actual);
            assertClose(actual, expected, java.util.Arrays.toString(shape));
        }
    }

    @Test
    void writesIntoAWorkspaceArrayWithoutBias() {
        INDArray x = random(3, 4, 16, 32, 32);
        INDArray w = random(4, 16, 3, 4, 4);
        INDArray expected = Nd4j.create(DataType.FLOAT, 4, 3, 64, 64);
        Nd4j.exec(DynamicCustomOp.builder("deconv2d").addInputs(x, w.permute(2, 3, 1, 0))
                .addOutputs(expected).addIntegerArguments(4, 4, 2, 2, 1, 1, 1, 1, 0, 0).build());
        INDArray actual = inWorkspace("deconv-test", 16L << 20, 777, () -> {
            INDArray xw = x.dup();
            INDArray out = Nd4j.createUninitialized(DataType.FLOAT, 4, 3, 64, 64);
            SmallOutputDeconvolution.forward(xw, w, null, out);
            return out;
        });
        assertClose(actual, expected, "in a workspace");
    }

    @Test
    void declinesOtherGeometries() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 8, 32, 32);
        assertThat(SmallOutputDeconvolution.applies(x, Nd4j.rand(DataType.FLOAT, 8, 3, 4, 4), K4, S2, P1, D1)).isTrue();
        assertThat(SmallOutputDeconvolution.applies(Nd4j.rand(DataType.FLOAT, 2, 8, 16, 16),
                Nd4j.rand(DataType.FLOAT, 8, 3, 4, 4), K4, S2, P1, D1)).as("planes under 32x32: libnd4j").isFalse();
        assertThat(SmallOutputDeconvolution.applies(x, Nd4j.rand(DataType.FLOAT, 8, 16, 4, 4), K4, S2, P1, D1))
                .as("16 output channels: oneDNN's kernel").isFalse();
        assertThat(SmallOutputDeconvolution.applies(x, Nd4j.rand(DataType.FLOAT, 8, 3, 4, 4), K4, new int[] {1, 1},
                P1, D1)).isFalse();
        assertThat(SmallOutputDeconvolution.applies(x, Nd4j.rand(DataType.FLOAT, 8, 3, 3, 3), new int[] {3, 3}, S2,
                P1, D1)).isFalse();
        assertThat(SmallOutputDeconvolution.applies(x.castTo(DataType.DOUBLE), Nd4j.rand(DataType.FLOAT, 8, 3, 4, 4),
                K4, S2, P1, D1)).isFalse();
        assertThat(SmallOutputDeconvolution.applies(x.permute(0, 1, 3, 2), Nd4j.rand(DataType.FLOAT, 8, 3, 4, 4),
                K4, S2, P1, D1)).as("not contiguous").isFalse();
    }
}
