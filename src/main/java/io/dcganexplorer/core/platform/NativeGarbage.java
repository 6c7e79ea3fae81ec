package io.dcganexplorer.core.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps a training loop's native memory flat. DL4J frees some per-step arrays (updater and batchnorm
 * temporaries outside its workspaces) only when the Java garbage collector finalises their owners, and a
 * trainer's Java heap holds so little that the collector rarely runs: resident memory then climbs by
 * megabytes per step until JavaCPP's limit (twice -Xmx) forces a collection. ND4J's own periodic
 * collection is not driven by the CPU backend in M2.1, so the loop calls {@link #collectIfDue()} after
 * each step: it asks ND4J for a collection once resident memory has grown by {@code allowedGrowthBytes}
 * since the last one (at most once a second), or every 10 seconds where /proc is not available.
 */
public final class NativeGarbage {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
    private static final long FALLBACK_INTERVAL_NANOS = 10_000_000_000L;

    private final long allowedGrowthBytes;
    private long baselineBytes = -1;
    private long lastCollection = System.nanoTime();
    private int collections;

    /** @param allowedGrowthBytes resident growth that triggers a collection, e.g. 256 MB */
    public NativeGarbage(long allowedGrowthBytes) {
        this.allowedGrowthBytes = allowedGrowthBytes;
    }

    /** Collects if due; returns true if it did. Cheap otherwise (one small /proc read). */
    public boolean collectIfDue() {
        long now = System.nanoTime();
        if (now - lastCollection < MIN_INTERVAL_NANOS) {
            return false;
        }
        long rss = residentBytes();
        boolean due = rss < 0 ? now - lastCollection >= FALLBACK_INTERVAL_NANOS
                : baselineBytes < 0 || rss - baselineBytes > allowedGrowthBytes;
        if (baselineBytes < 0 && rss >= 0) {
            baselineBytes = rss;
            return false;
        }
        if (!due) {
            return false;
        }
        Nd4j.getMemoryManager().invokeGc();
        lastCollection = System.nanoTime();
        long after = residentBytes();
        // The freed pages may not return to the OS at once; never let the baseline fall below the start.
        baselineBytes = Math.max(baselineBytes, after);
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
