package io.dcganexplorer.accel;

import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's pieces against FastLayers' on the GAN's own activation shapes at batch 128: LeakyReLU and ReLU
 * forward and backward, batchnorm forward (training) and backward, and a convolution's backward pass in full
 * ({@code conv2d_bp}) against its input gradient alone ({@code deconv2d}, what the G step uses). Prints the
 * median of 30 runs of each, in milliseconds. Not a test; see docs/PERFORMANCE.md.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) io.dcganexplorer.accel.FastLayersBenchmark</pre>
 */
public final class FastLayersBenchmark {

    private static final int REPS = 30;
    /** As in training, every array a timed call allocates comes from a workspace learnt in the warm-up runs. */
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP).build();
    private static final String WORKSPACE_NAME = "fast-layers-benchmark";

    private FastLayersBenchmark() {
    }

    public static void main(String[] args) {
        NativeBackend.configure();
        System.out.println("| piece | shape | DL4J ms | fast ms |");
        System.out.println("| --- | --- | ---: | ---: |");
        // 32x32 models' shapes; with the argument 64, the 64x64 models' two largest.
        long[][] shapes = args.length > 0 && args[0].equals("64")
                ? new long[][] {{128, 64, 32, 32}, {128, 128, 16, 16}}
                : new long[][] {{128, 64, 16, 16}, {128, 128, 8, 8}, {128, 256, 4, 4}};
        for (long[] shape : shapes) {
            INDArray x = Nd4j.randn(DataType.FLOAT, shape);
            INDArray eps = Nd4j.randn(DataType.FLOAT, shape);
            activation("LeakyReLU 0.2", shape, new ActivationLReLU(0.2), new FastLeakyReLU(0.2), x, eps);
            activation("ReLU", shape, new ActivationReLU(), new FastReLU(), x, eps);
            batchNorm(shape, x, eps);
        }
        smallOutputDeconvolution(new long[] {128, 64, 16, 16}, 1);
        smallOutputDeconvolution(new long[] {128, 64, 32, 32}, 3);
        convolutionBackward(new long[] {128, 1, 32, 32}, 64);
        convolutionBackward(new long[] {128, 3, 32, 32}, 64);
        convolutionBackward(new long[] {128, 3, 64, 64}, 64);
        convolutionBackward(new long[] {128, 64, 16, 16}, 128);
        convolutionBackward(new long[] {128, 128, 8, 8}, 256);
    }

    private static void activation(String name, long[] shape, IActivation stock, IActivation fast, INDArray x,
                                   INDArray eps) {
        INDArray work = x.ulike();
        row(name + " forward", shape,
                median(() -> stock.getActivation(work.assign(x), true)),
                median(() -> fast.getActivation(work.assign(x), true)));
        row(name + " backward", shape,
                median(() -> stock.backprop(work.assign(x), eps)),
                median(() -> fast.backprop(work.assign(x), eps)));
    }

    private static void batchNorm(long[] shape, INDArray x, INDArray eps) {
        int c = (int) shape[1];
        INDArray gamma = Nd4j.ones(DataType.FLOAT, 1, c);
        INDArray beta = Nd4j.zeros(DataType.FLOAT, 1, c);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder().defaultWorkspace(WORKSPACE_NAME, WORKSPACE).build();
        BatchNormalizationHelper stock = new MKLDNNBatchNormHelper(DataType.FLOAT);
        BatchNormalizationHelper fast = new ChannelBatchNorm();
        row("batchnorm forward (training)", shape,
                median(() -> stock.preOutput(x, true, shape, gamma, beta, null, null, 0.9, 1e-5, CNN2DFormat.NCHW, mgr)),
                median(() -> fast.preOutput(x, true, shape, gamma, beta, null, null, 0.9, 1e-5, CNN2DFormat.NCHW, mgr)));
        INDArray dGamma = Nd4j.create(DataType.FLOAT, 1, c);
        INDArray dBeta = Nd4j.create(DataType.FLOAT, 1, c);
        row("batchnorm backward", shape,
                median(() -> stock.backpropGradient(x, eps, shape, gamma, beta, dGamma, dBeta, 1e-5, CNN2DFormat.NCHW, mgr)),
                median(() -> fast.backpropGradient(x, eps, shape, gamma, beta, dGamma, dBeta, 1e-5, CNN2DFormat.NCHW, mgr)));
    }

    /**
     * conv2d_bp (every gradient) against the input gradient alone (D's layers in the G step) and, for first layers
     * (a few input channels), against the weight and bias gradients alone (D's first layer in the D step).
     */
    private static void convolutionBackward(long[] input, int out) {
        INDArray x = Nd4j.randn(DataType.FLOAT, input);
        INDArray w = Nd4j.randn(DataType.FLOAT, out, input[1], 4, 4).muli(0.02);
        INDArray b = Nd4j.zeros(DataType.FLOAT, out);
        INDArray delta = Nd4j.randn(DataType.FLOAT, input[0], out, input[2] / 2, input[3] / 2);
        INDArray dx = x.ulike();
        INDArray dw = w.ulike();
        INDArray db = b.ulike();
        // kernel 4, stride 2, padding 1, dilation 1, not "same", NCHW (and for conv2d_bp: weights [out, in, kH, kW])
        double full = median(() -> Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(x, w, b, delta)
                .addOutputs(dx, dw, db).addIntegerArguments(4, 4, 2, 2, 1, 1, 1, 1, 0, 0, 1).build()));
        double inputOnly = median(() -> Nd4j.exec(DynamicCustomOp.builder("deconv2d")
                .addInputs(delta, w.permute(2, 3, 1, 0)).addOutputs(dx)
                .addIntegerArguments(4, 4, 2, 2, 1, 1, 1, 1, 0, 0).build()));
        row("conv backward: all gradients vs input gradient only", input, full, inputOnly);
        if (input[1] <= 4) {
            double weightsOnly = median(() -> FirstLayerWeightGradient.compute(x, delta, dw, db));
            row("first conv backward: all gradients vs weight and bias gradients only", input, full, weightsOnly);
        }
    }

    /** G's output layer at 32x32x1 and 64x64x3 (SmallOutputDeconvolution is used only for the second). */
    private static void smallOutputDeconvolution(long[] input, int out) {
        INDArray x = Nd4j.randn(DataType.FLOAT, input);
        INDArray w = Nd4j.randn(DataType.FLOAT, input[1], out, 4, 4).muli(0.02);
        INDArray y = Nd4j.create(DataType.FLOAT, input[0], out, 2 * input[2], 2 * input[3]);
        double libnd4j = median(() -> Nd4j.exec(DynamicCustomOp.builder("deconv2d")
                .addInputs(x, w.permute(2, 3, 1, 0)).addOutputs(y)
                .addIntegerArguments(4, 4, 2, 2, 1, 1, 1, 1, 0, 0).build()));
        double perImage = median(() -> SmallOutputDeconvolution.forward(x, w, null, y));
        row("transposed conv into " + out + " channel(s): libnd4j vs per-image products", input, libnd4j, perImage);
    }

    private static double median(Runnable r) {
        for (int i = 0; i < 5; i++) {
            inWorkspace(r);
        }
        double[] ms = new double[REPS];
        for (int i = 0; i < REPS; i++) {
            long start = System.nanoTime();
            inWorkspace(r);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[REPS / 2];
    }

    private static void inWorkspace(Runnable r) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_NAME)) {
            r.run();
        }
    }

    private static void row(String name, long[] shape, double stock, double fast) {
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f |%n", name, Arrays.toString(shape), stock, fast);
    }
}
