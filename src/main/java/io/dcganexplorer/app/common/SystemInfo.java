package io.dcganexplorer.app.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Process figures for the status bar: JVM heap and, on Linux, the resident set size. */
public final class SystemInfo {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private SystemInfo() {
    }

    /** Heap in use and the heap limit, in bytes. */
    public static long[] heap() {
        Runtime rt = Runtime.getRuntime();
        return new long[] {rt.totalMemory() - rt.freeMemory(), rt.maxMemory()};
    }

    /**
     * The process's resident memory in bytes (native ND4J buffers included, which the heap figure misses),
     * or -1 where /proc is not available.
     */
    public static long residentBytes() {
        try {
            return residentBytes(Files.readAllLines(PROC_STATUS));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Parses the VmRSS line of a /proc/PID/status text; -1 when absent. */
    static long residentBytes(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return -1;
    }

    /** 1536 MiB → "1.5 GB"; binary units, one decimal. */
    public static String formatBytes(long bytes) {
        if (bytes < 0) {
            return "n/a";
        }
        double mib = bytes / (1024.0 * 1024.0);
        return mib >= 1024 ? String.format(Locale.ROOT, "%.1f GB", mib / 1024) : String.format(Locale.ROOT, "%.0f MB", mib);
    }
}
