package io.dcganexplorer.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.ExecutionException;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.enums.MemoryKind;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Out of memory in every form DL4J produces. Two are real: 2^50 bytes is beyond any machine's address
 * space, so the allocator refuses at once without touching memory. The others are built with the classes
 * and messages JavaCPP 1.5.7, ND4J 1.0.0-M2.1 and libnd4j use (see {@link OutOfMemory}).
 */
class OutOfMemoryTest {

    private static final long PETABYTE = 1L << 50;

    @Test
    void aRealJavaCppAllocationThatFailsIsNativeOutOfMemory() {
        Throwable failure = catchThrowable(() -> new FloatPointer(PETABYTE / Float.BYTES).close());

        assertThat(failure).isInstanceOf(OutOfMemoryError.class);
        OutOfMemory oom = OutOfMemory.of(failure).orElseThrow();
        assertThat(oom.kind()).isEqualTo(OutOfMemory.Kind.NATIVE);
        assertThat(oom.message()).startsWith("Cannot allocate new FloatPointer(");
        assertThat(oom.remedy()).contains("close other programs");
    }

    @Test
    void aRealNd4jHostAllocationThatFailsIsNativeOutOfMemory() {
        // What a workspace of that size asks the memory manager for; it says so in an OutOfMemoryError.
        Throwable failure = catchThrowable(() -> Nd4j.getMemoryManager().allocate(PETABYTE, MemoryKind.HOST, false));

        assertThat(OutOfMemory.of(failure)).get().extracting(OutOfMemory::kind, OutOfMemory::message)
                .containsExactly(OutOfMemory.Kind.NATIVE, "Failed to allocate [" + PETABYTE + "] bytes");
    }

    @Test
    void javaCppLimitsAreNativeLimitsThatMoreHeapRaises() {
        OutOfMemoryError physical = new OutOfMemoryError("Cannot allocate new FloatPointer(262144): totalBytes = 1G, "
                + "physicalBytes = 4G");
        physical.initCause(new OutOfMemoryError("Physical memory usage is too high: physicalBytes (4G) > "
                + "maxPhysicalBytes (4G)"));
        OutOfMemoryError total = new OutOfMemoryError("Cannot allocate new BytePointer(64): totalBytes = 2G, "
                + "physicalBytes = 3G");
        total.initCause(new OutOfMemoryError("Failed to allocate memory within limits: totalBytes (2G + 64) > "
                + "maxBytes (2G)"));

        for (OutOfMemoryError e : new OutOfMemoryError[] {physical, total}) {
            OutOfMemory oom = OutOfMemory.of(e).orElseThrow();
            assertThat(oom.kind()).isEqualTo(OutOfMemory.Kind.NATIVE_LIMIT);
            assertThat(oom.message()).startsWith("Cannot allocate new ");
            assertThat(oom.remedy()).contains("-Xmx");
        }
    }

    @Test
    void libnd4jFailuresInPlainRuntimeExceptionsAreRecognised() {
        // OpaqueDataBuffer.allocateDataBuffer and NativeOpExecutioner rethrow libnd4j's message like this.
        assertThat(OutOfMemory.of(new RuntimeException("Allocation failed: [std::bad_alloc]")))
                .get().extracting(OutOfMemory::kind).isEqualTo(OutOfMemory.Kind.NATIVE);
        assertThat(OutOfMemory.of(new RuntimeException("Op [conv2d] execution failed",
                new RuntimeException("std::bad_alloc")))).get().extracting(OutOfMemory::kind, OutOfMemory::message)
                .containsExactly(OutOfMemory.Kind.NATIVE, "std::bad_alloc");
        assertThat(OutOfMemory.of(new RuntimeException("Allocation failed: [Requested amount exceeds HOST device "
                + "limits; Limit bytes: [1000]; Requested bytes: [4000]]"))).get().extracting(OutOfMemory::kind)
                .isEqualTo(OutOfMemory.Kind.NATIVE_LIMIT);
    }

    @Test
    void aFullJavaHeapIsRecognisedThroughWrappers() {
        ExecutionException wrapped = new ExecutionException("Java heap space", new OutOfMemoryError("Java heap space"));

        OutOfMemory oom = OutOfMemory.of(wrapped).orElseThrow();

        assertThat(oom.kind()).isEqualTo(OutOfMemory.Kind.JAVA_HEAP);
        assertThat(oom.where()).isEqualTo("the Java heap is full");
        assertThat(oom.remedy()).isEqualTo("give Java more memory (-Xmx)");
        assertThat(OutOfMemory.of(new OutOfMemoryError())).get().extracting(OutOfMemory::message)
                .isEqualTo("Java heap space");
    }

    @Test
    void otherFailuresAreNotOutOfMemoryEvenWithACauseCycle() {
        RuntimeException a = new RuntimeException("batchSize = 0: must be between 2 and 4096");
        RuntimeException b = new RuntimeException((String) null);
        a.initCause(b);
        b.initCause(a);

        assertThat(OutOfMemory.is(a)).isFalse();
        assertThat(OutOfMemory.is(new IllegalStateException())).isFalse();
    }
}
