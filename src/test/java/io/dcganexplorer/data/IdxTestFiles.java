package io.dcganexplorer.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny IDX files for tests. */
final class IdxTestFiles {

    private IdxTestFiles() {
    }

    /** Image {@code i}, pixel {@code p} has the value (i * 31 + p * 7 + 1) mod 256, never all zero. */
    static int pixel(int image, int index) {
        return (image * 31 + index * 7 + 1) & 0xFF;
    }

    /** An IDX image file with {@code headerCount} in the header but only {@code written} images of data. */
    static Path images(Path file, int magic, int headerCount, int written, int size, boolean gzip)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(headerCount);
        out.writeInt(size);
        out.writeInt(size);
        for (int i = 0; i < written; i++) {
            for (int p = 0; p < size * size; p++) {
                out.writeByte(pixel(i, p));
            }
        }
        return write(file, bytes.toByteArray(), gzip);
    }

    /** An IDX label file holding {@code labels}. */
    static Path labels(Path file, int[] labels, boolean gzip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxReader.LABELS_MAGIC);
        out.writeInt(labels.length);
        for (int label : labels) {
            out.writeByte(label);
        }
        return write(file, bytes.toByteArray(), gzip);
    }

    private static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }
}
