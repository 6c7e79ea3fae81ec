package org.nd4j.nativeblas;

/**
 * A compatibility shim that lets DL4J 1.0.0-M2.1 find oneDNN again. Not part of the app's API.
 *
 * <p>{@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()} decides whether the
 * oneDNN layer helpers (convolution, batchnorm) may be used by reflectively calling
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}. nd4j-native M2.1 moved
 * that binding to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} and renamed the
 * method to {@code isUseONEDNN()}, so the lookup fails, the check is cached as failed, and every layer
 * silently falls back to DL4J's slower built-in code (im2col plus Java-side batchnorm). This class
 * restores the old name and forwards to the new binding; it changes no native state.
 *
 * <p>Only the two members that DL4J looks up exist. Delete this class when DL4J's lookup is fixed
 * upstream ({@code NativeBackendTest} then still proves the helpers attach).
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The old name of the native environment singleton, as far as {@code BaseMKLDNNHelper} needs it. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** The one instance; the native singleton behind it is looked up on each call. */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the natives were built with oneDNN and may use it: forwards to {@code isUseONEDNN()}. */
        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
