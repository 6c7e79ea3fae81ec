package io.dcganexplorer.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What the tests of the hand-written convolution pieces share: the DCGAN's geometry and a comparison. */
final class ConvTestSupport {

    static final int[] K4 = {4, 4};
    static final int[] S2 = {2, 2};
    static final int[] P1 = {1, 1};
    static final int[] D1 = {1, 1};

    private ConvTestSupport() {
    }

    /** Skips the calling test class on the CUDA backend (the references are the CPU natives' ops). */
    static void cpuBuildOnly(String reference) {
        assumeFalse(NativeBackend.cudaBackendOnClassPath(), "compared against the CPU natives' " + reference);
        NativeBackend.configure();
    }

    static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, shape);
    }

    /** Every value within 1e-5 of the expected array's largest magnitude. */
    static void assertClose(INDArray actual, INDArray expected, String what) {
        double scale = expected.amaxNumber().doubleValue();
        double error = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(error).as(what + ": largest difference against a largest value of " + scale)
                .isLessThan(1e-5 * scale);
    }

    /**
     * Runs {@code work} inside a workspace of {@code bytes} (named {@code name}), after an array of
     * {@code offsetFloats} so that what it allocates does not start at the workspace's first byte; returns the
     * result detached from the workspace.
     */
    static INDArray inWorkspace(String name, long bytes, int offsetFloats, Supplier<INDArray> work) {
        WorkspaceConfiguration config = WorkspaceConfiguration.builder().initialSize(bytes)
                .policyLearning(LearningPolicy.NONE).build();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(config, name)) {
            Nd4j.create(DataType.FLOAT, offsetFloats);
            return work.get().detach();
        }
    }
}
