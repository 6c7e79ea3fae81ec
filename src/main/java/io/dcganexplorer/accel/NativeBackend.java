package io.dcganexplorer.accel;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's native backend: setting it up for this app ({@link #configure()}, reached only through
 * {@link Accel#prepareBackend()}, which the two entry points and the network factories call), the native thread
 * settings of the speed-ups, and facts about the running backend for status lines and {@code bench}.
 *
 * <p>What it does and why:
 * <ul>
 *   <li>Turns DL4J's oneDNN layer helpers on. M2.1 ships them switched off through the system property
 *       {@value #HELPERS_DISABLE_PROPERTY} (default {@code true}); without them convolutions run as im2col
 *       plus gemm and batchnorm as a chain of small Java-driven ops, several times slower. The property
 *       is read each time a layer is created, so it has to be set before networks are built. A value set
 *       explicitly by the user ({@code -D...=true}) wins, which keeps a switch for ruling the helpers out
 *       when debugging. The helpers also need the {@code org.nd4j.nativeblas.Nd4jCpu} shim in this
 *       project to find oneDNN at all. In a CUDA build ({@code mvn -Pcuda}, see the README) the helpers are
 *       left off: DL4J would look for its cuDNN helper classes instead, and M2.1 has none on Maven Central
 *       (there is no deeplearning4j-cuda-11.6 1.0.0-M2.1), so every convolution and batchnorm layer would
 *       log warnings and swap DL4J's class loader back and forth before falling back to the built-in code.
 *       cuDNN, where wanted, comes in through libnd4j itself (the {@code -cudnn} natives).</li>
 *   <li>Sets {@code OMP_WAIT_POLICY=PASSIVE} in the process environment (unless already set), so OpenMP
 *       threads sleep instead of spinning between parallel regions. With the default spinning, every
 *       native op waits for a spinning partner thread whenever another process (or the app's own UI
 *       thread) holds a core: on a busy 2-core machine elementwise ops went from 0.2-0.6 ms to 12-25 ms
 *       and the 32x32 GAN step from about 2 s to 3-7 s. libgomp reads the variable once, when ND4J's
 *       natives load, so this only takes effect if {@code configure()} runs before the first ND4J call:
 *       call it first thing in {@code main}.</li>
 * </ul>
 */
public final class NativeBackend {

    /** OpenMP's spin-or-sleep choice for idle threads; read by libgomp when it loads. */
    public static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";

    /** DL4J's switch for all layer helpers (cuDNN and oneDNN); {@code DL4JSystemProperties.DISABLE_HELPER_PROPERTY}. */
    public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    /** ND4J's CUDA backend class (nd4j-cuda-11.6); its presence marks a {@code -Pcuda} build. */
    static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    private static volatile boolean configured;

    private NativeBackend() {
    }

    /** Sets the system properties the app relies on, unless the user set them; safe to call any number of times. */
    static void configure() {
        if (configured) {
            return;
        }
        synchronized (NativeBackend.class) {
            if (!configured) {
                setEnvironmentIfAbsent(OMP_WAIT_POLICY, "PASSIVE");
                if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null && !cudaBackendOnClassPath()) {
                    System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
                }
                configured = true;
            }
        }
    }

    /** The OpenMP wait policy this process's environment holds now ({@code null} if none). */
    public static String ompWaitPolicy() {
        return LibC.INSTANCE == null ? System.getenv(OMP_WAIT_POLICY) : LibC.INSTANCE.getenv(OMP_WAIT_POLICY);
    }

    /** Whether layers built from now on may get oneDNN helpers (the property, not whether oneDNN is present). */
    public static boolean helpersRequested() {
        return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY, "true"));
    }

    /**
     * Whether ND4J's CUDA backend is on the class path, which is so only in a build with {@code -Pcuda}. ND4J
     * then runs on the GPU when a CUDA device answers. Does not start ND4J.
     */
    public static boolean cudaBackendOnClassPath() {
        try {
            Class.forName(CUDA_BACKEND_CLASS, false, NativeBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The backend ND4J runs on, {@code "CPU"} or {@code "CUDA"} (starts ND4J if it is not running). */
    public static String backendName() {
        return Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend", "unknown");
    }

    /**
     * Whether ND4J runs on the CPU natives and they were built with oneDNN and allow it (starts ND4J if it is
     * not running). False on the CUDA backend, whose build may not even hold the CPU bindings.
     */
    public static boolean oneDnnAvailable() {
        return "CPU".equalsIgnoreCase(backendName()) && CpuNatives.oneDnn();
    }

    /**
     * The file of the native ND4J library this process mapped, such as
     * {@code ~/.javacpp/cache/.../linux-x86_64-onednn-avx2/libnd4jcpu.so} ({@code libnd4jcuda.so} on the CUDA
     * backend): shows which build JavaCPP chose.
     * Empty before ND4J has started, or where {@code /proc/self/maps} does not exist.
     */
    public static Optional<String> loadedNativeLibrary() {
        return mappedFiles().stream()
                .filter(line -> line.endsWith("libnd4jcpu.so") || line.endsWith("libnd4jcuda.so"))
                .map(line -> line.substring(line.indexOf('/')))
                .findFirst();
    }

    /** The lines of {@code /proc/self/maps}, or none where it cannot be read (not Linux). */
    private static List<String> mappedFiles() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The allocator behind this process's native memory: {@code "jemalloc"} where libjemalloc is mapped (it only
     * takes over when preloaded at start: {@code scripts/dcgan} and the Linux desktop launcher do that when it
     * is installed; see README "Speed"), otherwise {@code "C library malloc"}. It matters for speed: the GAN
     * step's arrays of 8-34 MB are freed and allocated again every step, and glibc returns such blocks to the
     * system (its {@code mmap} threshold is at most 32 MB, and freed space at the top of a heap is trimmed),
     * so each new one is fresh pages that the kernel must fault in and zero; jemalloc keeps them for reuse.
     */
    public static String nativeAllocator() {
        return allocatorIn(mappedFiles());
    }

    static final String C_LIBRARY_MALLOC = "C library malloc";

    /** {@link #nativeAllocator()} for the lines of a {@code /proc/<pid>/maps} file. */
    static String allocatorIn(List<String> mapsLines) {
        for (String line : mapsLines) {
            int slash = line.lastIndexOf('/');
            if (slash >= 0 && line.startsWith("libjemalloc.so", slash + 1)) {
                return "jemalloc";
            }
        }
        return C_LIBRARY_MALLOC;
    }

    /**
     * Java cannot change its own environment, but libgomp reads the C environment, which libc's setenv
     * changes. JNA is already on the classpath through DL4J. Without it (or off Linux/macOS) nothing happens.
     */
    private static void setEnvironmentIfAbsent(String name, String value) {
        if (System.getenv(name) == null && LibC.INSTANCE != null) {
            LibC.INSTANCE.setenv(name, value, 0);
        }
    }

    /**
     * Gives the C library's free memory back to the system ({@code malloc_trim(0)}, glibc only). glibc keeps
     * pages that ND4J's freed arrays leave behind, in holes too scattered for it to return on its own, so a
     * trainer's resident memory climbs although its live memory does not. Returns false where there is no
     * {@code malloc_trim} (macOS, Windows, musl) or JNA cannot load libc.
     */
    static boolean trimNativeHeap() {
        if (GlibcMalloc.INSTANCE == null) {
            return false;
        }
        try {
            GlibcMalloc.INSTANCE.malloc_trim(0);
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /**
     * Sets how many threads OpenBLAS uses, process-wide, and returns how many it used before (or -1 where
     * the backend has no such setting and nothing changed). ND4J gives OpenBLAS one thread per core when it
     * starts. OpenBLAS's threads are its own pthreads, not OpenMP's: after each call its worker spins on
     * {@code sched_yield} for about 0.1 s before it sleeps, and on a 2-core machine that spinning takes a core
     * from the OpenMP threads the next convolution runs on. Starts ND4J if it is not running. The app sets it
     * through {@link Accel#prepareForTraining()}; public for benchmarks that compare thread counts.
     */
    public static int setBlasThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        try {
            org.nd4j.linalg.api.blas.Blas blas = Nd4j.factory().blas();
            int previous = blas.getMaxThreads();
            blas.setMaxThreads(threads);
            return previous;
        } catch (UnsupportedOperationException | LinkageError e) {
            return -1;
        }
    }

    /**
     * Sets how many threads OpenMP parallel regions started by the calling thread use, for that thread only
     * (OpenMP's per-thread {@code nthreads} setting): oneDNN's matrix products and convolutions follow it;
     * libnd4j's own thread pool and every other thread do not. Returns the previous value, or -1 where the
     * OpenMP runtime that ND4J loaded ({@code libgomp.so.1}) cannot be reached (not Linux, CUDA) and nothing
     * changed. Call after ND4J is initialised.
     */
    static int setOpenMpThreadsOfThisThread(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (GnuOpenMp.INSTANCE == null) {
            return -1;
        }
        try {
            int previous = GnuOpenMp.INSTANCE.omp_get_max_threads();
            GnuOpenMp.INSTANCE.omp_set_num_threads(threads);
            return previous;
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }

    /** Touches the CPU backend's bindings only when called, so a CUDA build without them never loads them. */
    private static final class CpuNatives {
        static boolean oneDnn() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }

    /** The two libc functions used above. */
    interface LibC extends Library {
        LibC INSTANCE = loadOptional("c", LibC.class);

        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    /** glibc's {@code malloc_trim}, apart from {@link LibC} so that a libc without it breaks nothing else. */
    interface GlibcMalloc extends Library {
        GlibcMalloc INSTANCE = loadOptional("c", GlibcMalloc.class);

        int malloc_trim(long pad);
    }

    /**
     * GNU OpenMP, the runtime ND4J's natives (and oneDNN in them) bring. Loaded by its soname, which the dynamic
     * loader resolves to the copy already in the process once ND4J is up.
     */
    interface GnuOpenMp extends Library {
        GnuOpenMp INSTANCE = loadOptional("libgomp.so.1", GnuOpenMp.class);

        int omp_get_max_threads();

        void omp_set_num_threads(int threads);
    }

    /** {@code functions} bound to {@code library}, or null where JNA cannot load it. */
    private static <T extends Library> T loadOptional(String library, Class<T> functions) {
        try {
            return Native.loadLibrary(library, functions);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }
}
