package io.dcganexplorer.core.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps a training loop's native memory flat. DL4J frees some per-step arrays (updater and batchnorm
 * temporaries outside its workspaces) only when the Java garbage collector finalises their owners, and a
 * trainer's Java heap holds so little that the collector rarely runs: resident memory then climbs by
 * megabytes per step until JavaCPP's limit (twice -Xmx) forces a collection. ND4J's own periodic
 * collection is not driven by the CPU backend in M2.1, so the loop calls {@link #collectIfDue()} after
 * each step.
 *
 * <p>The first collection comes when resident memory has grown by {@code allowedGrowthBytes} since the
 * first step; the number of steps that took is the period, and from then on a collection comes every
 * period steps. Every step of a run makes about the same garbage, so the native garbage never exceeds
 * about {@code allowedGrowthBytes}. Triggering on resident growth alone does not work past the first
 * collection: the C library keeps freed pages, so resident memory stays at its peak, and measuring the
 * next growth from there let the garbage (and the peak) grow by {@code allowedGrowthBytes} more each time
 * (a 30-minute run climbed from 0.9 to 1.8 GB). A growth of {@code allowedGrowthBytes} above the highest
 * level seen after a collection still collects at once and shortens the period, for steps that make more
 * garbage than the first ones. Collections are at least a second apart; where /proc is not available, every 10 seconds.
 */
public final class NativeGarbage {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
    private static final long FALLBACK_INTERVAL_NANOS = 10_000_000_000L;

    private final long allowedGrowthBytes;
    private final LongSupplier residentBytes;
    private final LongSupplier clock;
    private final Runnable collector;
    private final Runnable trimmer;
    private boolean trimPending;
    private long startBytes = -1;
    private long highWaterBytes = -1;
    private long stepsSinceCollection;
    private long periodSteps = -1;
    private long lastCollection;
    private int collections;

    /** @param allowedGrowthBytes native garbage allowed between collections, e.g. 256 MB */
    public NativeGarbage(long allowedGrowthBytes) {
        this(allowedGrowthBytes, NativeGarbage::residentBytes, System::nanoTime,
                () -> Nd4j.getMemoryManager().invokeGc(), NativeBackend::trimNativeHeap);
    }

    /**
     * For tests: resident memory, the clock (nanoseconds), the collection and the trim of the C heap are
     * given.
     */
    NativeGarbage(long allowedGrowthBytes, LongSupplier residentBytes, LongSupplier clock, Runnable collector,
                  Runnable trimmer) {
        this.allowedGrowthBytes = allowedGrowthBytes;
        this.residentBytes = residentBytes;
        this.clock = clock;
        this.collector = collector;
        this.trimmer = trimmer;
        this.lastCollection = clock.getAsLong();
    }

    /** Called once per training step: collects if due and returns true if it did. Cheap otherwise. */
    public boolean collectIfDue() {
        stepsSinceCollection++;
        if (trimPending) {
            // A step after the collection: ND4J's deallocator threads have freed what it found by now.
            trimPending = false;
            trimmer.run();
        }
        long now = clock.getAsLong();
        if (now - lastCollection < MIN_INTERVAL_NANOS) {
            return false;
        }
        long rss = residentBytes.getAsLong();
        if (rss < 0) {
            return now - lastCollection >= FALLBACK_INTERVAL_NANOS && collect();
        }
        if (startBytes < 0) {
            startBytes = rss;
            return false;
        }
        boolean due;
        if (periodSteps < 0) {
            due = rss - startBytes > allowedGrowthBytes;
            if (due) {
                periodSteps = stepsSinceCollection;
            }
        } else {
            boolean grown = rss - highWaterBytes > allowedGrowthBytes;
            due = stepsSinceCollection >= periodSteps || grown;
            if (grown) {
                periodSteps = Math.min(periodSteps, stepsSinceCollection);
            }
        }
        if (!due) {
            return false;
        }
        collect();
        highWaterBytes = Math.max(highWaterBytes, residentBytes.getAsLong());
        return true;
    }

    private boolean collect() {
        collector.run();
        trimPending = true;
        lastCollection = clock.getAsLong();
        stepsSinceCollection = 0;
        collections++;
        return true;
    }

    /** How many collections this instance has asked for. */
    public int collections() {
        return collections;
    }

    /** Steps between collections once learned from the first one; -1 before. */
    public long periodSteps() {
        return periodSteps;
    }

    /** VmRSS of this process, or -1 where /proc is not available. */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
