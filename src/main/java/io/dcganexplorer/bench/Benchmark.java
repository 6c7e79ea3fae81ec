package io.dcganexplorer.bench;

import io.dcganexplorer.accel.Accel;
import io.dcganexplorer.accel.GeneratorInference;
import io.dcganexplorer.accel.NativeBackend;
import io.dcganexplorer.accel.NativeGarbage;
import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.DcganTrainer;
import io.dcganexplorer.core.gan.DiscriminatorFactory;
import io.dcganexplorer.core.gan.GeneratorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures what the app needs from the machine: GAN training throughput, generator latency, memory,
 * and how close the training step gets to the machine's own matrix-multiply speed.
 *
 * <p>Every number is a median over timed repetitions after warm-up, because the machine may be shared.
 * The training step is {@link DcganTrainer#step} on a fixed batch of uniform noise in [-1, 1]; real
 * data would cost the same. Latency is {@link Dcgan#generate} (inference mode), and for batch 1 also
 * {@link GeneratorInference}, the compiled path the Walk pane renders with.
 *
 * <p><b>FLOPs of a step</b> (documented so the achieved GFLOPS can be checked by hand). Let {@code Fg}
 * and {@code Fd} be the multiply-accumulates of one image's forward pass through G and D, counting the
 * dense and (de)convolution layers only (batchnorm and activations are elementwise and small). A
 * convolution with {@code Cin -> Cout} channels, a 4x4 kernel and an {@code Hout x Wout} output costs
 * {@code 16 Cin Cout Hout Wout}; a 4x4 stride-2 deconvolution costs the same with the input size in place
 * of the output size. A backward pass costs twice its forward pass (gradient for the input and for the
 * weights). One step is G forward, D forward + backward on real, on fake, and once more in the G step,
 * then G backward: {@code 3 Fg + 9 Fd} MACs per image, so {@code FLOPs = 2 (3 Fg + 9 Fd) batch}.
 */
public final class Benchmark {

    /** One image shape to benchmark. */
    public record Shape(int imageSize, int channels) {

        @Override
        public String toString() {
            return imageSize + "x" + imageSize + "x" + channels;
        }
    }

    /**
     * What to run.
     *
     * @param shapes image shapes, each trained with the paper's defaults (nz 100, ngf = ndf = 64)
     * @param batchSize training batch
     * @param warmupSteps untimed steps first (JIT, oneDNN primitive caches, workspaces)
     * @param minWarmupSeconds warm-up goes on until this much time has passed too: the first steps run slow while
     *                         the JIT compiles the Java kernels ({@code RowPasses}, the im2col loops) on the same
     *                         2 cores and native memory settles; at 32x32x1 steps 3-11 (what a 3-step warm-up
     *                         timed) took 24% longer than steps 33-41 of the same process, in two runs
     * @param repetitions timed repetitions; the median is reported
     * @param stepsPerRepetition steps per timed repetition
     * @param latencyIterations timed calls per generator-latency median
     * @param filters ngf and ndf (64 in the paper; smaller for quick tests)
     * @param nz latent size
     */
    public record Settings(List<Shape> shapes, int batchSize, int warmupSteps, double minWarmupSeconds,
                           int repetitions, int stepsPerRepetition, int latencyIterations, int filters, int nz) {

        public Settings {
            shapes = List.copyOf(shapes);
            if (shapes.isEmpty() || batchSize < 2 || warmupSteps < 0 || !(minWarmupSeconds >= 0) || repetitions < 1
                    || stepsPerRepetition < 1
                    || latencyIterations < 1 || filters < 1 || nz < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "invalid benchmark settings: shapes %s "
                        + "(at least one), batch %d (at least 2), warm-up %d steps and %s s (not negative), %d repetitions "
                        + "of %d steps, %d latency calls, %d filters, nz %d (all at least 1)", shapes, batchSize,
                        warmupSteps, minWarmupSeconds, repetitions, stepsPerRepetition, latencyIterations, filters, nz));
            }
        }

        /** 32x32x1, 32x32x3 and 64x64x3 at batch 128 with the paper's network sizes. */
        public static Settings standard() {
            return new Settings(List.of(new Shape(32, 1), new Shape(32, 3), new Shape(64, 3)), 128, 3, 20, 5, 3, 50,
                    64, 100);
        }
    }

    /**
     * Numbers for one shape.
     *
     * @param imagesPerSecond training images per second (batch / median step time)
     * @param stepMillis median step time
     * @param latencyBatch1Millis median G(z) time for one z
     * @param compiledBatch1Millis median G(z) time for one z through {@link GeneratorInference}, the path the
     *                             interactive panes use, with one value of z changing between calls (a slider
     *                             drag); NaN if the generator does not compile
     * @param latencyBatch64Millis median G(z) time for 64 z
     * @param stepGflop floating-point work of one step, by the formula in the class comment, in GFLOP
     * @param achievedGflops stepGflop / median step time
     * @param fractionOfMatmul achievedGflops / the machine's measured matmul GFLOPS
     * @param peakRssBytes the process's peak resident memory while this shape ran (since a reset where
     *                     the kernel allows it, else since the process started); -1 if unknown
     */
    public record ShapeResult(Shape shape, int batchSize, double imagesPerSecond, double stepMillis,
                              double latencyBatch1Millis, double compiledBatch1Millis, double latencyBatch64Millis,
                              double stepGflop,
                              double achievedGflops, double fractionOfMatmul, long peakRssBytes) {
    }

    /**
     * The whole run.
     *
     * @param matmulGflops median float32 1024x1024x1024 gemm speed
     * @param peakRssBytes VmHWM at the end; -1 if unknown
     * @param currentRssBytes VmRSS at the end; -1 if unknown
     * @param threads ND4J's native thread count
     * @param nativeLibrary the libnd4jcpu.so that was loaded, or "unknown"
     * @param allocator the native memory allocator ({@link NativeBackend#nativeAllocator()})
     */
    public record Result(List<ShapeResult> shapes, double matmulGflops, long peakRssBytes, long currentRssBytes,
                         int threads, String nativeLibrary, String allocator) {

        public Result {
            shapes = List.copyOf(shapes);
        }

        /** A Markdown table with one row per shape, and the machine's numbers underneath. */
        public String toMarkdown() {
            StringBuilder out = new StringBuilder();
            out.append("| shape | batch | train images/s | step ms | G latency b1 ms | compiled b1 ms | G latency b64 ms "
                    + "| GFLOP/step | achieved GFLOPS | of matmul | peak RSS MB |\n");
            out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (ShapeResult r : shapes) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.0f | %.2f | %.2f | %.1f | %.2f | %.1f | %.0f%% | %s |%n",
                        r.shape(), r.batchSize(), r.imagesPerSecond(), r.stepMillis(), r.latencyBatch1Millis(),
                        r.compiledBatch1Millis(), r.latencyBatch64Millis(), r.stepGflop(), r.achievedGflops(), 100 * r.fractionOfMatmul(),
                        megabytes(r.peakRssBytes())));
            }
            out.append(String.format(Locale.ROOT, "%nMatmul (1024^3, float32): %.1f GFLOPS. ND4J threads: %d. "
                    + "Peak RSS %s MB, current RSS %s MB.%nNatives: %s. Native memory allocator: %s.%n", matmulGflops, threads,
                    megabytes(peakRssBytes), megabytes(currentRssBytes), nativeLibrary, allocator));
            return out.toString();
        }

        private static String megabytes(long bytes) {
            return bytes < 0 ? "?" : String.valueOf(bytes >> 20);
        }
    }

    private Benchmark() {
    }

    /** Runs the benchmark; takes minutes with {@link Settings#standard()}. */
    public static Result run(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        double matmul = matmulGflops(5);
        List<ShapeResult> results = new ArrayList<>();
        for (Shape shape : settings.shapes()) {
            results.add(runShape(settings, shape, matmul));
        }
        long current = readStatusBytes("VmRSS:");
        return new Result(results, matmul, Math.max(peakRss(), current), current,
                Nd4j.getEnvironment().maxThreads(), NativeBackend.loadedNativeLibrary().orElse("unknown"),
                NativeBackend.nativeAllocator());
    }

    /** Multiply-accumulates of one image's forward pass through G, per the class comment. */
    public static long generatorMacs(DcganConfig config) {
        int channels = GeneratorFactory.baseChannels(config);
        long macs = (long) config.nz() * 16 * channels;
        int size = 4;
        for (int stage = 1; stage <= config.upsamplingLayers(); stage++) {
            int out = stage == config.upsamplingLayers() ? config.channels() : channels / 2;
            macs += 16L * channels * out * size * size;
            channels = out;
            size *= 2;
        }
        return macs;
    }

    /** Multiply-accumulates of one image's forward pass through D, per the class comment. */
    public static long discriminatorMacs(DcganConfig config) {
        int channels = config.channels();
        int out = config.ndf();
        int size = config.imageSize() / 2;
        long macs = 0;
        for (int stage = 1; stage <= config.upsamplingLayers(); stage++) {
            macs += 16L * channels * out * size * size;
            channels = out;
            out *= 2;
            size /= 2;
        }
        return macs + 16L * DiscriminatorFactory.topChannels(config);
    }

    /** FLOPs of one training step: {@code 2 (3 Fg + 9 Fd) batch}. */
    public static double stepFlops(DcganConfig config) {
        return 2.0 * (3.0 * generatorMacs(config) + 9.0 * discriminatorMacs(config)) * config.batchSize();
    }

    /** Median float32 GFLOPS of a 1024x1024 by 1024x1024 matrix product over {@code repetitions} runs. */
    public static double matmulGflops(int repetitions) {
        int n = 1024;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        double[] seconds = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return 2.0 * n * n * n / median(seconds) / 1e9;
    }

    private static ShapeResult runShape(Settings settings, Shape shape, double matmul) {
        resetPeakRss();
        DcganConfig config = DcganConfig.paperDefaults(shape.imageSize(), shape.channels(), 1)
                .withBatchSize(settings.batchSize())
                .withFilters(settings.filters(), settings.filters())
                .withNz(settings.nz());
        Dcgan gan = Dcgan.create(config);
        DcganTrainer trainer = new DcganTrainer(gan);
        INDArray real = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(7), settings.batchSize(),
                shape.channels(), shape.imageSize(), shape.imageSize()).muli(2).subi(1);
        // As in TrainingSession, so that peak RSS and step time are what a training run sees.
        NativeGarbage garbage = NativeGarbage.forTraining();
        long warmupEnd = System.nanoTime() + (long) (settings.minWarmupSeconds() * 1e9);
        for (int i = 0; i < settings.warmupSteps() || System.nanoTime() < warmupEnd; i++) {
            trainer.step(real);
            garbage.collectIfDue();
        }
        double[] stepSeconds = new double[settings.repetitions()];
        for (int r = 0; r < settings.repetitions(); r++) {
            long start = System.nanoTime();
            for (int s = 0; s < settings.stepsPerRepetition(); s++) {
                trainer.step(real);
                garbage.collectIfDue();
            }
            stepSeconds[r] = (System.nanoTime() - start) / 1e9 / settings.stepsPerRepetition();
        }
        double step = median(stepSeconds);
        double latency1 = generatorLatency(gan, trainer, 1, settings.latencyIterations());
        double compiled1 = compiledLatency(gan, trainer, settings.latencyIterations());
        double latency64 = generatorLatency(gan, trainer, 64, Math.max(1, settings.latencyIterations() / 5));
        double gflop = stepFlops(config) / 1e9;
        return new ShapeResult(shape, settings.batchSize(), settings.batchSize() / step, step * 1e3,
                latency1 * 1e3, compiled1 * 1e3, latency64 * 1e3, gflop, gflop / step, gflop / step / matmul,
                peakRss());
    }

    private static double generatorLatency(Dcgan gan, DcganTrainer trainer, int batch, int iterations) {
        INDArray z = trainer.latentBatch(0, batch);
        return medianSeconds(() -> gan.generate(z), iterations);
    }

    private static double compiledLatency(Dcgan gan, DcganTrainer trainer, int iterations) {
        GeneratorInference compiled = Accel.compile(gan.generator()).orElse(null);
        if (compiled == null) {
            return Double.NaN;
        }
        float[] z = trainer.latentBatch(0, 1).toFloatVector();
        // Like a slider being dragged: one value of z changes between calls, and the image ends in a Java
        // array as the Walk pane reads it.
        int[] call = {0};
        return medianSeconds(() -> {
            z[0] = (float) Math.sin(0.1 * call[0]++);
            compiled.generatePlanes(z);
        }, iterations);
    }

    /** Median seconds of {@code call} over {@code iterations} timed calls, after up to 10 warm-up calls. */
    private static double medianSeconds(Runnable call, int iterations) {
        for (int i = 0; i < Math.min(iterations, 10); i++) {
            call.run();
        }
        double[] seconds = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            call.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return median(seconds);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Linux resets VmHWM to the current RSS when "5" is written to clear_refs; elsewhere this does nothing. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // The peak then covers the whole process so far, which the table still reports honestly.
        }
    }

    /** The high-water mark, which the kernel updates lazily: never below the RSS read just before it. */
    private static long peakRss() {
        long current = readStatusBytes("VmRSS:");
        return Math.max(readStatusBytes("VmHWM:"), current);
    }

    /** A "VmXXX:   123 kB" line of /proc/self/status in bytes, or -1. */
    static long readStatusBytes(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Runs the standard settings and prints the table; the lead's {@code bench} command replaces this. */
    /** Parses "32x32x1,64x64x3" (size x size x channels); the message names a malformed item. */
    public static List<Shape> parseShapes(String list) {
        List<Shape> shapes = new ArrayList<>();
        for (String item : list.split(",")) {
            String[] p = item.trim().split("x");
            try {
                if (p.length != 3 || !p[0].equals(p[1])) {
                    throw new NumberFormatException();
                }
                shapes.add(new Shape(Integer.parseInt(p[0]), Integer.parseInt(p[2])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shape '" + item + "': expected SIZExSIZExCHANNELS, e.g. 32x32x1");
            }
        }
        return shapes;
    }
}
