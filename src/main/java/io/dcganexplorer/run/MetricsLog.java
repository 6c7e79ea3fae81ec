package io.dcganexplorer.run;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends to metrics.csv, one line per step. Lines are flushed in small groups so a follower (the app,
 * maybe on another machine sharing the folder) sees progress within a second or two.
 */
public final class MetricsLog implements Closeable {

    private static final long FLUSH_NANOS = 1_000_000_000L;

    private final BufferedWriter out;
    private long lastFlush = System.nanoTime();

    private MetricsLog(BufferedWriter out) {
        this.out = out;
    }

    /**
     * Opens for appending after {@code firstIteration - 1}: rows at or beyond it (written after the checkpoint
     * that a resume starts from) are dropped, so the file never holds two rows for one step.
     */
    public static MetricsLog openForAppend(Path file, long firstIteration) throws IOException {
        List<MetricsRow> kept = new ArrayList<>();
        if (Files.exists(file)) {
            for (MetricsRow row : read(file)) {
                if (row.iteration() < firstIteration) {
                    kept.add(row);
                }
            }
        }
        StringBuilder text = new StringBuilder(MetricsRow.HEADER).append('\n');
        for (MetricsRow row : kept) {
            text.append(row.toCsv()).append('\n');
        }
        AtomicFiles.writeString(file, text.toString());
        return new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    public void append(MetricsRow row) throws IOException {
        out.write(row.toCsv());
        out.write('\n');
        long now = System.nanoTime();
        if (now - lastFlush > FLUSH_NANOS) {
            out.flush();
            lastFlush = now;
        }
    }

    public void flush() throws IOException {
        out.flush();
        lastFlush = System.nanoTime();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** All complete rows of a metrics file; a partial last line (being written) is skipped. */
    public static List<MetricsRow> read(Path file) throws IOException {
        List<MetricsRow> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            MetricsRow row = MetricsRow.parse(line);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }
}
