package io.dcganexplorer.run;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends to metrics.csv, one line per step. Lines are flushed in small groups so a follower (the app,
 * maybe on another machine sharing the folder) sees progress within a second or two.
 *
 * <p>A failed write (a full disk) leaves the file as it was before it (a half-written line is cut off
 * again) and keeps the lines in memory; the next flush tries again, so no row is lost while the trainer
 * goes on.
 */
public final class MetricsLog implements Closeable {

    /** Where garbage lines of metrics.csv go when a resume rewrites the file, so none is dropped unseen. */
    public static final String REJECTED = "metrics-rejected.txt";

    private static final long FLUSH_NANOS = 1_000_000_000L;

    private final Path file;
    private final FileChannel channel;
    private final StringBuilder pending = new StringBuilder();
    private int pendingRows;
    private long lastFlush = System.nanoTime();

    private MetricsLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** As {@link #openForAppend(Path, long, List)}, not reporting garbage lines. */
    public static MetricsLog openForAppend(Path file, long firstIteration) throws IOException {
        return openForAppend(file, firstIteration, new ArrayList<>());
    }

    /**
     * Opens for appending after {@code firstIteration - 1}: rows at or beyond it (written after the checkpoint
     * that a resume starts from) are dropped, so the file never holds two rows for one step. Complete lines
     * that are not metrics rows are moved to {@value #REJECTED} next to the file, each one named in
     * {@code problems}.
     */
    public static MetricsLog openForAppend(Path file, long firstIteration, List<String> problems)
            throws IOException {
        List<MetricsRow> kept = new ArrayList<>();
        if (Files.exists(file)) {
            List<String> garbage = new ArrayList<>();
            for (MetricsRow row : read(file, garbage)) {
                if (row.iteration() < firstIteration) {
                    kept.add(row);
                }
            }
            if (!garbage.isEmpty()) {
                Path rejected = file.resolveSibling(REJECTED);
                Files.writeString(rejected, String.join("\n", garbage) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                garbage.forEach(g -> problems.add(file + ": not a metrics row, moved to " + REJECTED + ": " + g));
            }
        }
        StringBuilder text = new StringBuilder(MetricsRow.HEADER).append('\n');
        for (MetricsRow row : kept) {
            text.append(row.toCsv()).append('\n');
        }
        AtomicFiles.writeString(file, text.toString());
        return new MetricsLog(file, FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /** Adds a row; it reaches the file within about a second (see {@link #flush()} for write errors). */
    public void append(MetricsRow row) throws IOException {
        pending.append(row.toCsv()).append('\n');
        pendingRows++;
        if (System.nanoTime() - lastFlush > FLUSH_NANOS) {
            flush();
        }
    }

    /** Rows not yet in the file (after a failed write). */
    public int pendingRows() {
        return pendingRows;
    }

    /**
     * Writes the pending rows. On failure the file is cut back to its last complete line, the rows stay
     * pending, and the exception says which file could not be written.
     */
    public void flush() throws IOException {
        lastFlush = System.nanoTime();
        if (pending.length() == 0) {
            return;
        }
        long good = channel.size();
        try {
            ByteBuffer bytes = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            pending.setLength(0);
            pendingRows = 0;
        } catch (IOException e) {
            try {
                channel.truncate(good);
            } catch (IOException ignored) {
                // The file keeps a partial last line, which readers skip and the next resume removes.
            }
            throw new IOException(file + ": " + ModelBundle.firstLine(e), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }

    /** All complete rows of a metrics file; a partial last line (being written) is skipped. */
    public static List<MetricsRow> read(Path file) throws IOException {
        return read(file, new ArrayList<>());
    }

    /**
     * All complete rows of a metrics file. Complete lines that are not rows (not the header, not blank) are
     * added to {@code garbage}; a last line without its newline is one being written, not garbage.
     */
    public static List<MetricsRow> read(Path file, List<String> garbage) throws IOException {
        // Decoded leniently: a garbage byte must not hide the good rows around it.
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        List<MetricsRow> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            MetricsRow row = MetricsRow.parse(line);
            if (row != null) {
                rows.add(row);
            } else if (i < lines.length - 1 && !line.isBlank() && !line.startsWith("iteration")) {
                garbage.add("line " + (i + 1) + ": " + ModelBundle.printable(line, 80));
            }
        }
        return rows;
    }
}
