package io.dcganexplorer.core.gan;

import io.dcganexplorer.accel.Accel;
import io.dcganexplorer.accel.NativeBackend;
import io.dcganexplorer.accel.NativeGarbage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a GAN step's time goes: G's forward pass, the D step and the G step of {@link DcganTrainer}, timed
 * separately at batch 128 over 25 steps (the paper's networks, the trainer's memory schedule), printing the
 * median of the last 20. Arguments: image size and channels (default 32 1). Not a test; see
 * docs/PERFORMANCE.md.
 *
 * <p>With a third argument {@code blas}, it compares instead: blocks of 5 whole steps alternate between
 * OpenBLAS with two threads and with one, 8 blocks each after 2 warm-up blocks, and it prints the median step
 * of each (the first step of a block is left out; {@code -Dblocks=N} for N blocks each). With {@code deconv}, the same between libnd4j's
 * {@code deconv2d} and {@code SmallOutputDeconvolution} for G's output layer and D's first input gradient; with
 * {@code weights}, between {@code conv2d_bp} and {@code FirstLayerWeightGradient} for D's first layer in the D step. Alternating inside one process keeps the machine's drift
 * out of the comparison.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) io.dcganexplorer.core.gan.StepPhasesBenchmark 32 1
 *java -cp target/test-classes:target/classes:$(cat cp.txt) io.dcganexplorer.core.gan.StepPhasesBenchmark 32 1 blas</pre>
 */
public final class StepPhasesBenchmark {

    private static final int STEPS = 25;
    private static final int WARM_UP = 5;

    private StepPhasesBenchmark() {
    }

    public static void main(String[] args) {
        Accel.prepareBackend();
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Dcgan gan = Dcgan.create(DcganConfig.paperDefaults(size, channels, 1));
        DcganTrainer trainer = new DcganTrainer(gan);
        INDArray real = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(7), 128, channels, size, size)
                .muli(2).subi(1);
        NativeGarbage garbage = NativeGarbage.forTraining();
        if (args.length > 2 && args[2].equals("blas")) {
            compare(trainer, real, garbage, "OpenBLAS 2 threads", "1 thread",
                    first -> NativeBackend.setBlasThreads(first ? 2 : 1));
            return;
        }
        if (args.length > 2 && args[2].equals("deconv")) {
            compare(trainer, real, garbage, "libnd4j deconv2d into 1-3 channels", "SmallOutputDeconvolution",
                    first -> Accel.setKernelEnabled(Accel.Kernel.SMALL_OUTPUT_DECONVOLUTION, !first));
            return;
        }
        if (args.length > 2 && args[2].equals("weights")) {
            compare(trainer, real, garbage, "D's first layer through conv2d_bp", "FirstLayerWeightGradient",
                    first -> Accel.setKernelEnabled(Accel.Kernel.FIRST_LAYER_WEIGHT_GRADIENT, !first));
            return;
        }
        double[][] ms = new double[4][STEPS];
        for (int s = 0; s < STEPS; s++) {
            long t0 = System.nanoTime();
            INDArray fake = trainer.generateForTraining(128);
            long t1 = System.nanoTime();
            trainer.discriminatorStep(real, fake);
            long t2 = System.nanoTime();
            trainer.generatorStep(fake, true);
            long t3 = System.nanoTime();
            ms[0][s] = (t1 - t0) / 1e6;
            ms[1][s] = (t2 - t1) / 1e6;
            ms[2][s] = (t3 - t2) / 1e6;
            ms[3][s] = (t3 - t0) / 1e6;
            garbage.collectIfDue();
        }
        String[] names = {"G forward", "D step (real and fake, forward and backward, Adam)",
            "G step (D forward and input gradient, G backward, Adam)", "total"};
        for (int i = 0; i < names.length; i++) {
            double[] v = Arrays.copyOfRange(ms[i], WARM_UP, STEPS);
            Arrays.sort(v);
            System.out.printf(Locale.ROOT, "%-58s %7.1f ms%n", names[i], v[v.length / 2]);
        }
    }

    /** Alternates blocks of steps between two settings ({@code set.accept(true)} is the first). */
    private static void compare(DcganTrainer trainer, INDArray real, NativeGarbage garbage, String firstName,
                                String secondName, java.util.function.Consumer<Boolean> set) {
        List<Double> first = new ArrayList<>();
        List<Double> second = new ArrayList<>();
        for (int block = 0; block < 2 + 2 * Integer.getInteger("blocks", 8); block++) {
            boolean isFirst = block % 2 == 0;
            set.accept(isFirst);
            for (int s = 0; s < 5; s++) {
                long t0 = System.nanoTime();
                trainer.step(real);
                garbage.collectIfDue();
                if (block >= 2 && s > 0) {
                    (isFirst ? first : second).add((System.nanoTime() - t0) / 1e6);
                }
            }
        }
        Collections.sort(first);
        Collections.sort(second);
        double a = first.get(first.size() / 2);
        double b = second.get(second.size() / 2);
        System.out.printf(Locale.ROOT, "%s: median step %.1f ms; %s: %.1f ms (%+.1f%%), %d steps each%n",
                firstName, a, secondName, b, 100 * (b - a) / a, first.size());
    }
}
