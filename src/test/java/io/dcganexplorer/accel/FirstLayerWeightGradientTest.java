package io.dcganexplorer.accel;

import static io.dcganexplorer.accel.ConvTestSupport.D1;
import static io.dcganexplorer.accel.ConvTestSupport.K4;
import static io.dcganexplorer.accel.ConvTestSupport.P1;
import static io.dcganexplorer.accel.ConvTestSupport.S2;
import static io.dcganexplorer.accel.ConvTestSupport.assertClose;
import static io.dcganexplorer.accel.ConvTestSupport.inWorkspace;
import static io.dcganexplorer.accel.ConvTestSupport.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentDistribution;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** FirstLayerWeightGradient against libnd4j's conv2d_bp, the cases it leaves alone, and D's first layer using it. */
class FirstLayerWeightGradientTest {


    @BeforeAll
    static void cpuBuildOnly() {
        ConvTestSupport.cpuBuildOnly("conv2d_bp");
    }

    @Test
    void matchesConv2dBackpropsWeightAndBiasGradients() {
        // Batches that leave a partial group of images at the end of a thread's share, non-square planes (every
        // border case of the patches), and a batch large enough to be split between threads.
        long[][] inputs = {{3, 2, 8, 12}, {11, 3, 16, 16}, {2, 4, 10, 6}, {40, 3, 32, 32}};
        int[] outs = {5, 8, 3, 16};
        for (int t = 0; t < inputs.length; t++) {
            long[] shape = inputs[t];
            int out = outs[t];
            INDArray x = random(t + 1, shape);
            INDArray w = random(t + 11, out, shape[1], 4, 4);
            INDArray b = random(t + 21, out);
            INDArray delta = random(t + 31, shape[0], out, shape[2] / 2, shape[3] / 2);
            assertThat(FirstLayerWeightGradient.applies(x, w, delta, K4, S2, P1, D1)).as(Arrays.toString(shape)).isTrue();
            INDArray dx = x.ulike();
            INDArray expectedW = w.ulike();
            INDArray expectedB = b.ulike();
            Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, b, delta)
                    .addOutputs(dx, expectedW, expectedB).addIntegerArguments(4, 4, 2, 2, 1, 1, 1, 1, 0, 0, 1).build());
            INDArray actualW = Nd4j.valueArrayOf(w.shape(), 7f);
            INDArray actualB = Nd4j.valueArrayOf(b.shape(), 7f);
            FirstLayerWeightGradient.compute(x, delta, actualW, actualB);
            assertClose(actualW, expectedW, "weights " + Arrays.toString(shape));
            assertClose(actualB, expectedB, "bias " + Arrays.toString(shape));
        }
    }

    @Test
    void readsAnImageWithOddStridesAndWritesIntoWorkspaceArrays() {
        // A batch of one image as DL4J can hand it over: one contiguous block whose size-1 batch dimension has a
        // stride other than the default one.
        INDArray flat = random(5, 3 * 16 * 16);
        INDArray x = Nd4j.create(flat.data(), new long[] {1, 3, 16, 16}, new long[] {1, 256, 16, 1}, 0, 'c');
        assertThat(org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(x)).isFalse();
        INDArray delta = random(6, 1, 6, 8, 8);
        INDArray w = random(7, 6, 3, 4, 4);
        assertThat(FirstLayerWeightGradient.applies(x, w, delta, K4, S2, P1, D1)).isTrue();
        INDArray expected = w.ulike();
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x.dup(), w, delta)
                .addOutputs(x.dup().ulike(), expected).addIntegerArguments(4, 4, 2, 2, 1, 1, 1, 1, 0, 0, 1).build());
        INDArray actual = inWorkspace("weights-test", 8L << 20, 333, () -> {
            INDArray deltaInWorkspace = delta.dup();
            INDArray gradient = Nd4j.createUninitialized(DataType.FLOAT, 6, 3, 4, 4);
            FirstLayerWeightGradient.compute(x, deltaInWorkspace, gradient, null);
            return gradient;
        });
        assertClose(actual, expected, "odd strides, in a workspace");
    }

    @Test
    void readsImagesAndErrorsThatStartInsideLargerArrays() {
        INDArray images = random(12, 9, 3, 16, 16);
        INDArray errors = random(13, 9, 8, 8, 8);
        INDArray x = images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 9));
        INDArray delta = errors.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 7));
        assertThat(x.offset()).isPositive();
        INDArray w = random(14, 8, 3, 4, 4);
        INDArray b = random(15, 8);
        assertThat(FirstLayerWeightGradient.applies(x, w, delta, K4, S2, P1, D1)).isTrue();
        INDArray expectedW = w.ulike();
        INDArray expectedB = b.ulike();
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x.dup(), w, b, delta.dup())
                .addOutputs(x.dup().ulike(), expectedW, expectedB)
                .addIntegerArguments(4, 4, 2, 2, 1, 1, 1, 1, 0, 0, 1).build());
        INDArray actualW = w.ulike();
        INDArray actualB = b.ulike();
        FirstLayerWeightGradient.compute(x, delta, actualW, actualB);
        assertClose(actualW, expectedW, "weights from views");
        assertClose(actualB, expectedB, "bias from views");
    }

    @Test
    void declinesWhatItDoesNotHandle() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16);
        INDArray w = Nd4j.rand(DataType.FLOAT, 8, 3, 4, 4);
        INDArray delta = Nd4j.rand(DataType.FLOAT, 2, 8, 8, 8);
        assertThat(FirstLayerWeightGradient.applies(x, w, delta, K4, S2, P1, D1)).isTrue();
        assertThat(FirstLayerWeightGradient.applies(Nd4j.rand(DataType.FLOAT, 2, 8, 16, 16),
                Nd4j.rand(DataType.FLOAT, 8, 8, 4, 4), delta, K4, S2, P1, D1)).as("8 input channels").isFalse();
        assertThat(FirstLayerWeightGradient.applies(Nd4j.rand(DataType.FLOAT, 2, 1, 16, 16),
                Nd4j.rand(DataType.FLOAT, 8, 1, 4, 4), delta, K4, S2, P1, D1)).as("1 input channel").isFalse();
        assertThat(FirstLayerWeightGradient.applies(x, w, delta, K4, new int[] {1, 1}, P1, D1)).isFalse();
        assertThat(FirstLayerWeightGradient.applies(x, w, delta, K4, S2, new int[] {0, 0}, D1)).isFalse();
        assertThat(FirstLayerWeightGradient.applies(x, Nd4j.rand(DataType.FLOAT, 8, 3, 3, 3), delta, new int[] {3, 3},
                S2, P1, D1)).isFalse();
        assertThat(FirstLayerWeightGradient.applies(x.castTo(DataType.DOUBLE), w, delta, K4, S2, P1, D1)).isFalse();
        assertThat(FirstLayerWeightGradient.applies(x.permute(0, 1, 3, 2), w, delta, K4, S2, P1, D1))
                .as("not contiguous").isFalse();
        assertThat(FirstLayerWeightGradient.applies(Nd4j.rand(DataType.FLOAT, 2, 3, 15, 16), w, delta, K4, S2, P1, D1))
                .as("odd height").isFalse();
        Accel.setKernelEnabled(Accel.Kernel.FIRST_LAYER_WEIGHT_GRADIENT, false);
        try {
            assertThat(FirstLayerWeightGradient.applies(x, w, delta, K4, S2, P1, D1)).as("switched off").isFalse();
        } finally {
            Accel.setKernelEnabled(Accel.Kernel.FIRST_LAYER_WEIGHT_GRADIENT, true);
        }
    }

    @Test
    void dsFirstLayerSkipsItsInputGradientOnlyWhileAsked() {
        DcganConfig config = new DcganConfig(16, 3, 8, 4, 4, 4, 2e-4, 0.5, LatentDistribution.UNIFORM, 3);
        MultiLayerNetwork d = Dcgan.create(config).discriminator();
        INDArray x = random(1, 4, 3, 16, 16);
        INDArray labels = Nd4j.ones(DataType.FLOAT, 4, 1);
        INDArray full = d.calculateGradients(x, labels, null, null).getSecond().detach();
        INDArray fullGradient = d.getGradientsViewArray().dup();
        assertThat(full).isNotNull();

        assertThat(FastLayers.firstLayerWeightGradientsOnly(d, true)).isTrue();
        try {
            assertThat(d.calculateGradients(x, labels, null, null).getSecond()).as("no input gradient").isNull();
        } finally {
            FastLayers.firstLayerWeightGradientsOnly(d, false);
        }
        assertClose(d.getGradientsViewArray(), fullGradient, "D's whole gradient without the input gradient");
        assertClose(d.calculateGradients(x, labels, null, null).getSecond(), full, "input gradient with the mode off");
    }
}
