package io.dcganexplorer.core.platform;

import java.util.Locale;
import java.util.Optional;

/**
 * Recognises running out of memory in the forms it takes under DL4J, which are not all Java's
 * {@code OutOfMemoryError("Java heap space")}:
 * <ul>
 *   <li>JavaCPP refuses a native allocation once the process uses more than its limits (by default
 *       {@code maxBytes} = -Xmx and {@code maxPhysicalBytes} = 2 x -Xmx): {@code OutOfMemoryError("Cannot
 *       allocate new FloatPointer(n): totalBytes = ..., physicalBytes = ...")} caused by {@code
 *       OutOfMemoryError("Physical memory usage is too high: physicalBytes (...) > maxPhysicalBytes (...)")}
 *       or {@code "Failed to allocate memory within limits: totalBytes (...) > maxBytes (...)"};</li>
 *   <li>the C library has no memory left: the same JavaCPP message caused by {@code "Native allocator returned
 *       address == 0"}, or ND4J's {@code OutOfMemoryError("Failed to allocate [n] bytes")} for a workspace;</li>
 *   <li>libnd4j fails inside an op or a data buffer and ND4J rethrows its message in a plain
 *       {@code RuntimeException}: {@code "Allocation failed: [std::bad_alloc]"}, {@code "Op [conv2d] execution
 *       failed"} caused by {@code "std::bad_alloc"}, or libnd4j's own limit, {@code "Requested amount exceeds
 *       HOST device limits; Limit bytes: [...]; Requested bytes: [...]"}.</li>
 * </ul>
 * The forms were taken from JavaCPP 1.5.7 ({@code Pointer}, {@code FloatPointer}), ND4J 1.0.0-M2.1
 * ({@code CpuMemoryManager}, {@code OpaqueDataBuffer}, {@code NativeOpExecutioner}) and libnd4j's strings.
 * A native allocation that libnd4j does not check can still end the process (SIGSEGV), as can the kernel's
 * out-of-memory killer; checkpoints are what protect a run from those.
 *
 * @param kind where memory ran out
 * @param message the message that said so (the first line of the outermost one that names it)
 */
public record OutOfMemory(Kind kind, String message) {

    /** Where memory ran out, which decides what helps. */
    public enum Kind {
        /** The Java heap is full: more -Xmx helps. */
        JAVA_HEAP,
        /** Native memory reached a limit that JavaCPP or libnd4j derives from -Xmx: more -Xmx raises it. */
        NATIVE_LIMIT,
        /** The machine had no memory left for a native allocation: only using less helps. */
        NATIVE
    }

    /** Texts of native failures in the cause chain; compared in lower case. */
    private static final String[] NATIVE_TEXTS = {"bad_alloc", "native allocator returned address == 0",
        "cannot allocate new", "failed to allocate", "cannot allocate memory", "allocation failed", "out of memory",
        "failed temp allocation"};
    private static final String[] LIMIT_TEXTS = {"physical memory usage is too high",
        "failed to allocate memory within limits", "requested amount exceeds host"};
    /** Enough for any wrapper chain seen in practice; also ends a cause cycle. */
    private static final int MAX_DEPTH = 16;

    /** The out-of-memory {@code failure} stands for, looking through its causes; empty when it is something else. */
    public static Optional<OutOfMemory> of(Throwable failure) {
        Kind kind = null;
        String message = null;
        boolean javaError = false;
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            String text = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            Kind here = containsAny(text, LIMIT_TEXTS) ? Kind.NATIVE_LIMIT
                    : containsAny(text, NATIVE_TEXTS) ? Kind.NATIVE : null;
            if (here != null) {
                // A limit anywhere in the chain decides the kind; the outermost message says the most.
                kind = kind == Kind.NATIVE_LIMIT ? kind : here;
                message = message == null ? firstLine(t.getMessage()) : message;
            }
            javaError |= t instanceof OutOfMemoryError;
        }
        if (kind == null && javaError) {
            // "Java heap space", "GC overhead limit exceeded", "Requested array size exceeds VM limit".
            Throwable error = failure;
            while (!(error instanceof OutOfMemoryError)) {
                error = error.getCause();
            }
            kind = Kind.JAVA_HEAP;
            message = error.getMessage() == null ? "Java heap space" : firstLine(error.getMessage());
        }
        return kind == null ? Optional.empty() : Optional.of(new OutOfMemory(kind, message));
    }

    /** True when {@code failure} means memory ran out. */
    public static boolean is(Throwable failure) {
        return of(failure).isPresent();
    }

    /** Where it ran out, for a sentence: "the Java heap is full". */
    public String where() {
        return switch (kind) {
            case JAVA_HEAP -> "the Java heap is full";
            case NATIVE_LIMIT -> "native memory reached the limit JavaCPP sets from -Xmx";
            case NATIVE -> "this machine has no memory left for ND4J";
        };
    }

    /** What helps besides a smaller batch or image size, for a sentence: "give Java more memory (-Xmx)". */
    public String remedy() {
        return switch (kind) {
            case JAVA_HEAP -> "give Java more memory (-Xmx)";
            case NATIVE_LIMIT -> "give Java more memory (-Xmx; it raises the native limit too)";
            case NATIVE -> "close other programs to free memory";
        };
    }

    private static boolean containsAny(String text, String[] needles) {
        for (String n : needles) {
            if (text.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
