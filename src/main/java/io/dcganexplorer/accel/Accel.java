package io.dcganexplorer.accel;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point to every speed-up of this app, and its one switch.
 *
 * <p>The rest of the code asks for three things and never learns which kernels run:
 * <ul>
 *   <li>{@link #prepareBackend()}: ND4J's native backend set up for speed (oneDNN layer helpers, OpenMP threads
 *       that sleep instead of spinning). First thing in {@code main}, and before any network is built.</li>
 *   <li>{@link #install(MultiLayerNetwork)}: the fast layers put into a network DL4J built or loaded (same
 *       results, same configuration and files), and {@link #parameterGradientsOnly} / {@link #inputGradientOnly}
 *       to say what a backward pass needs, so that those layers may skip the rest.</li>
 *   <li>{@link #compile(MultiLayerNetwork)}: the generator compiled for one z at a time
 *       ({@link GeneratorInference}), for the interactive panes.</li>
 * </ul>
 *
 * <p>{@code -D}{@value #PROPERTY}{@code =off} turns all of it off: networks run as DL4J ships them (its layer
 * helpers left to DL4J's own switch, which M2.1 sets to off), {@link #compile} is empty so callers use the
 * network, OpenBLAS and OpenMP keep ND4J's settings. The property is read at each call, so a test or a benchmark
 * may build one network with and one without. What memory keeping needs ({@link NativeGarbage}) is not a
 * speed-up and stays on.
 *
 * <p>The first install logs one line (logger {@code io.dcganexplorer.accel.Accel}, level INFO) saying what was
 * installed or why not; a reflective step that fails logs a warning that names it ({@link FastLayers}).
 */
public final class Accel {

    /** {@code -Ddcgan.accel=off} turns every speed-up off; {@code on} (the default) leaves them on. */
    public static final String PROPERTY = "dcgan.accel";

    private static final Logger LOG = LoggerFactory.getLogger(Accel.class);
    private static final AtomicBoolean SUMMARY_LOGGED = new AtomicBoolean();
    private static final AtomicBoolean BAD_VALUE_LOGGED = new AtomicBoolean();

    /** The kernels that a benchmark may switch off inside one process to compare whole steps with and without. */
    public enum Kernel {
        /** G's output layer and D's first input gradient as per-image products ({@link SmallOutputDeconvolution}). */
        SMALL_OUTPUT_DECONVOLUTION,
        /** D's first layer's weight gradient alone in the D step ({@link FirstLayerWeightGradient}). */
        FIRST_LAYER_WEIGHT_GRADIENT
    }

    /** A setting that lasts until closed (in a {@code finally}). */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Something to do with a network, which may fail with an I/O error (typically: write it to a file). */
    @FunctionalInterface
    public interface NetworkAction {
        void run() throws java.io.IOException;
    }

    private Accel() {
    }

    /** False when {@code -Ddcgan.accel=off}; read at each call. */
    public static boolean enabled() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.equalsIgnoreCase("on")) {
            return true;
        }
        if (value.equalsIgnoreCase("off")) {
            return false;
        }
        if (BAD_VALUE_LOGGED.compareAndSet(false, true)) {
            LOG.warn("{}={}: expected on or off; the speed-ups stay on", PROPERTY, value);
        }
        return true;
    }

    /**
     * Sets ND4J's native backend up for speed, unless {@link #enabled() off}: see {@link NativeBackend#configure()}.
     * Cheap and idempotent. The OpenMP setting only takes effect before ND4J's natives load, so the two entry
     * points ({@code cli.Main}, {@code app.Launcher}) call this first thing; the network factories call it too,
     * because the layer helpers are chosen when a layer is created and tests start without those entry points. A
     * network restored from a file gets the helpers only if this ran before (an entry point, or a network built
     * earlier in the process).
     */
    public static void prepareBackend() {
        if (enabled()) {
            NativeBackend.configure();
        }
    }

    /**
     * Installs the fast layers into {@code network} (in place; calling it twice is harmless) and returns how many
     * pieces it put in (an activation, a helper, a layer object): 0 when off, on the CUDA backend, or where nothing
     * applies. The first call in a process logs what was installed or why not.
     */
    public static int install(MultiLayerNetwork network) {
        String why = whyNotInstalled();
        int changed = why == null ? FastLayers.install(network) : 0;
        if (SUMMARY_LOGGED.compareAndSet(false, true)) {
            LOG.info("{}", why == null ? summary(changed, network.getnLayers()) : "speed-ups not installed: " + why);
        }
        return changed;
    }

    /** Null when the fast layers may be installed, else the reason they are not. */
    static String whyNotInstalled() {
        if (!enabled()) {
            return PROPERTY + "=off";
        }
        if (NativeBackend.cudaBackendOnClassPath()) {
            return "the CUDA backend is on the class path (the fast layers are CPU kernels)";
        }
        return null;
    }

    private static String summary(int changed, int layers) {
        return String.format(Locale.ROOT, "speed-ups on: %d fast pieces in the first network's %d layers; oneDNN "
                + "helpers %s; OMP_WAIT_POLICY=%s; compiled batch-1 generator available (%s=off turns all off)",
                changed, layers, NativeBackend.helpersRequested() ? "requested" : "off (" + NativeBackend.HELPERS_DISABLE_PROPERTY
                        + "=true)", NativeBackend.ompWaitPolicy(), PROPERTY);
    }

    /**
     * {@code generator} compiled for one z at a time ({@link GeneratorInference}, on one OpenMP thread), or empty
     * when off or when the network is not of the shape the compiler takes; callers then use the network itself.
     */
    public static Optional<GeneratorInference> compile(MultiLayerNetwork generator) {
        return enabled() ? GeneratorInference.compile(generator) : Optional.empty();
    }

    /**
     * Tells the backend that this process trains from now on: OpenBLAS goes to one thread, process-wide (its
     * spinning second thread slowed the convolutions; see {@link NativeBackend#setBlasThreads}). Nothing when off.
     */
    public static void prepareForTraining() {
        if (enabled()) {
            // The step's only BLAS calls are G's projection and D's output layer, small products; OpenBLAS's second
            // thread spinning after each of them slowed the convolutions' OpenMP threads (StepPhasesBenchmark 32 1
            // blas, blocks of steps alternating in one process: 32x32x1 -2.6 to -8.6% in four runs). At 64x64x3 the
            // same comparison gave +0.9 to +3.2% in three runs, although perf puts OpenBLAS at 0.4% of that step's
            // CPU samples with one thread.
            NativeBackend.setBlasThreads(1);
        }
    }

    /**
     * Until closed, backward passes through {@code network} need only its parameters' gradients, not the gradient
     * with respect to its input (D in the D step: its input is data or a detached G(z)). Layers that can skip the
     * input gradient may then return none.
     */
    public static Scope parameterGradientsOnly(MultiLayerNetwork network) {
        FastLayers.firstLayerWeightGradientsOnly(network, true);
        return () -> FastLayers.firstLayerWeightGradientsOnly(network, false);
    }

    /**
     * Until closed, backward passes through {@code network} need only the gradient with respect to its input (D in
     * the G step); its parameters' gradients may be left stale.
     */
    public static Scope inputGradientOnly(MultiLayerNetwork network) {
        FastLayers.inputGradientsOnly(network, true);
        return () -> FastLayers.inputGradientsOnly(network, false);
    }

    /**
     * Runs {@code action} (typically: write the network to a file) with DL4J's own classes in the network's
     * configuration, so that any DL4J program can load what it writes. The caller must own the network.
     */
    public static void withStockClasses(MultiLayerNetwork network, NetworkAction action) throws java.io.IOException {
        FastLayers.withStockActivations(network, action);
    }

    /**
     * Turns one kernel off or on again for the whole process, for benchmarks that alternate blocks of steps with
     * and without it ({@code StepPhasesBenchmark}); the app never calls this.
     */
    public static void setKernelEnabled(Kernel kernel, boolean on) {
        switch (kernel) {
            case SMALL_OUTPUT_DECONVOLUTION -> SmallOutputDeconvolution.enabled = on;
            case FIRST_LAYER_WEIGHT_GRADIENT -> FirstLayerWeightGradient.enabled = on;
        }
    }
}
