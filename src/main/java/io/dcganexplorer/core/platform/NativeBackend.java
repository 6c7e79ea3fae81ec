package io.dcganexplorer.core.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one place that configures ND4J's native CPU backend for this app. Call {@link #configure()} before
 * the first network is built (the network factories and {@code Dcgan} already do); it is cheap and
 * idempotent.
 *
 * <p>What it does and why:
 * <ul>
 *   <li>Turns DL4J's oneDNN layer helpers on. M2.1 ships them switched off through the system property
 *       {@value #HELPERS_DISABLE_PROPERTY} (default {@code true}); without them convolutions run as im2col
 *       plus gemm and batchnorm as a chain of small Java-driven ops, several times slower. The property
 *       is read each time a layer is created, so it has to be set before networks are built. A value set
 *       explicitly by the user ({@code -D...=true}) wins, which keeps a switch for ruling the helpers out
 *       when debugging. The helpers also need the {@code org.nd4j.nativeblas.Nd4jCpu} shim in this
 *       project to find oneDNN at all.</li>
 * </ul>
 */
public final class NativeBackend {

    /** DL4J's switch for all layer helpers (cuDNN and oneDNN); {@code DL4JSystemProperties.DISABLE_HELPER_PROPERTY}. */
    public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private static volatile boolean configured;

    private NativeBackend() {
    }

    /** Sets the system properties the app relies on, unless the user set them; safe to call any number of times. */
    public static void configure() {
        if (configured) {
            return;
        }
        synchronized (NativeBackend.class) {
            if (!configured) {
                if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
                    System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
                }
                configured = true;
            }
        }
    }

    /** Whether layers built from now on may get oneDNN helpers (the property, not whether oneDNN is present). */
    public static boolean helpersRequested() {
        return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY, "true"));
    }

    /** Whether the loaded natives were built with oneDNN and allow it (starts ND4J if it is not running). */
    public static boolean oneDnnAvailable() {
        return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }

    /**
     * The file of the native ND4J library this process mapped, such as
     * {@code ~/.javacpp/cache/.../linux-x86_64-onednn-avx2/libnd4jcpu.so}: shows which build JavaCPP chose.
     * Empty before ND4J has started, or where {@code /proc/self/maps} does not exist.
     */
    public static Optional<String> loadedNativeLibrary() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.endsWith("libnd4jcpu.so"))
                    .map(line -> line.substring(line.indexOf('/')))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
