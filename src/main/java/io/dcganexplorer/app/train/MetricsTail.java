package io.dcganexplorer.app.train;

import io.dcganexplorer.run.MetricsRow;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rows another process appends to a metrics.csv, a little at a time: each {@link #poll()} reads
 * only the bytes added since the last one and keeps a partial last line for the next call. A file that
 * shrank (the writer rewrote it on resume) is read again from the start.
 */
public final class MetricsTail {

    private final Path file;
    private long offset;
    private final StringBuilder partial = new StringBuilder();

    public MetricsTail(Path file) {
        this.file = file;
    }

    /** The complete rows added since the last call; empty when the file is missing or unchanged. */
    public List<MetricsRow> poll() throws IOException {
        List<MetricsRow> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < offset) {
                offset = 0;
                partial.setLength(0);
            }
            if (length == offset) {
                return rows;
            }
            in.seek(offset);
            byte[] bytes = new byte[(int) Math.min(length - offset, 64L * 1024 * 1024)];
            in.readFully(bytes);
            offset += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
        }
        int start = 0;
        for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n", start)) {
            MetricsRow row = MetricsRow.parse(partial.substring(start, nl).trim());
            if (row != null) {
                rows.add(row);
            }
            start = nl + 1;
        }
        partial.delete(0, start);
        return rows;
    }
}
