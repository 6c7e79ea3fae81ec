package io.dcganexplorer.accel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
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
 * <p>A collection comes when resident memory has grown by {@code allowedGrowthBytes} over the baseline; at
 * the step after it (when ND4J's deallocator threads have freed what it found) the C library is asked to
 * give its free pages back ({@link NativeBackend#trimNativeHeap()}), and resident memory then is the new
 * baseline: what the run really holds, workspaces included. Without the trim glibc keeps the holes the
 * freed arrays leave, so resident memory stays at its peak: measuring growth from there let the garbage and
 * the peak grow by {@code allowedGrowthBytes} each cycle (a 30-minute 32x32x1 run climbed from 0.9 to
 * 1.8 GB), and learning a period in steps instead collected every other step, because the first steps'
 * growth is mostly workspaces, not garbage (10% of the step time). Where there is no {@code malloc_trim}
 * (not glibc) the baseline stays the first step's, so collections come at most once a second while memory
 * is above it. Collections are at least a second apart; where /proc is not available, every 10 seconds.
 */
public final class NativeGarbage {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
    private static final long FALLBACK_INTERVAL_NANOS = 10_000_000_000L;

    private final long allowedGrowthBytes;
    private final LongSupplier residentBytes;
    private final LongSupplier clock;
    private final Runnable collector;
    private final BooleanSupplier trimmer;
    private boolean trimPending;
    private long baselineBytes = -1;
    private long lastCollection;
    private int collections;

    /**
     * The schedule training runs with (and {@code bench}, so that its peak RSS is a training run's): a collection
     * when resident memory has grown 256 MB past its level after the last trim (README, "Reliability").
     */
    public static NativeGarbage forTraining() {
        return new NativeGarbage(256L << 20);
    }

    /** @param allowedGrowthBytes native garbage allowed between collections, e.g. 256 MB */
    public NativeGarbage(long allowedGrowthBytes) {
        this(allowedGrowthBytes, NativeGarbage::residentBytes, System::nanoTime,
                () -> Nd4j.getMemoryManager().invokeGc(), NativeBackend::trimNativeHeap);
    }

    /**
     * For tests: resident memory, the clock (nanoseconds), the collection and the trim of the C heap (true
     * if it trimmed) are given.
     */
    NativeGarbage(long allowedGrowthBytes, LongSupplier residentBytes, LongSupplier clock, Runnable collector,
                  BooleanSupplier trimmer) {
        this.allowedGrowthBytes = allowedGrowthBytes;
        this.residentBytes = residentBytes;
        this.clock = clock;
        this.collector = collector;
        this.trimmer = trimmer;
        this.lastCollection = clock.getAsLong();
    }

    /** Called once per training step: collects if due and returns true if it did. Cheap otherwise. */
    public boolean collectIfDue() {
        if (trimPending) {
            trimPending = false;
            if (trimmer.getAsBoolean()) {
                long rss = residentBytes.getAsLong();
                if (rss >= 0) {
                    baselineBytes = rss;
                }
            }
            return false;
        }
        long now = clock.getAsLong();
        if (now - lastCollection < MIN_INTERVAL_NANOS) {
            return false;
        }
        long rss = residentBytes.getAsLong();
        if (rss < 0) {
            return now - lastCollection >= FALLBACK_INTERVAL_NANOS && collect();
        }
        if (baselineBytes < 0) {
            baselineBytes = rss;
            return false;
        }
        return rss - baselineBytes > allowedGrowthBytes && collect();
    }

    private boolean collect() {
        collector.run();
        trimPending = true;
        lastCollection = clock.getAsLong();
        collections++;
        return true;
    }

    /** How many collections this instance has asked for. */
    public int collections() {
        return collections;
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
