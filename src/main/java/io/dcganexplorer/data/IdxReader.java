package io.dcganexplorer.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST (LeCun et al., "Gradient-based learning
 * applied to document recognition", 1998): a big-endian magic number (0x00000803 for unsigned-byte
 * images of rank 3, 0x00000801 for labels of rank 1), the dimensions as big-endian ints, then the bytes.
 *
 * <p>Files may be gzipped or plain; gzip is recognised by its magic bytes, not by the file name, because
 * mirrors and package managers do not agree on whether to keep the ".gz". Every problem is reported as a
 * {@link DatasetException} whose message starts with the file.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (count, rows, columns). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (count). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Opens an image file and reads its header; read the images with {@link ImageStream#next}. */
    public static ImageStream openImages(Path file) {
        DataInputStream in = open(file);
        try {
            checkMagic(file, in.readInt(), IMAGES_MAGIC, "an IDX image file");
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows < 1 || cols < 1) {
                throw new DatasetException(file + ": impossible header: " + count + " images of "
                        + rows + "x" + cols);
            }
            return new ImageStream(file, in, count, rows, cols);
        } catch (IOException | RuntimeException e) {
            closeQuietly(in, e);
            throw wrap(file, e, "header");
        }
    }

    /**
     * Reads the labels of a label file, at most {@code limit} of them, as values 0..255.
     *
     * @return the labels; {@code length} is min(count in the header, limit)
     */
    public static int[] readLabels(Path file, int limit) {
        try (DataInputStream in = open(file)) {
            int count;
            try {
                checkMagic(file, in.readInt(), LABELS_MAGIC, "an IDX label file");
                count = in.readInt();
            } catch (EOFException e) {
                throw new DatasetException(file + ": truncated: the file ends inside the header", e);
            }
            if (count < 0) {
                throw new DatasetException(file + ": impossible header: " + count + " labels");
            }
            byte[] bytes = new byte[Math.min(count, limit)];
            int read = in.readNBytes(bytes, 0, bytes.length);
            if (read < bytes.length) {
                throw new DatasetException(file + ": truncated: header promises " + count
                        + " labels but the file ends after " + read + " labels");
            }
            int[] labels = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        } catch (IOException e) {
            throw wrap(file, e, "labels");
        }
    }

    /** An open IDX image file, positioned after the header. */
    public static final class ImageStream implements Closeable {
        private final Path file;
        private final DataInputStream in;
        private final int count;
        private final int rows;
        private final int cols;
        private int read;

        private ImageStream(Path file, DataInputStream in, int count, int rows, int cols) {
            this.file = file;
            this.in = in;
            this.count = count;
            this.rows = rows;
            this.cols = cols;
        }

        /** Number of images the header promises. */
        public int count() {
            return count;
        }

        /** Rows per image. */
        public int rows() {
            return rows;
        }

        /** Columns per image. */
        public int cols() {
            return cols;
        }

        /**
         * Reads the next image's rows * cols bytes into {@code dest}.
         *
         * @return false when all {@link #count()} images have been read
         * @throws DatasetException when the file ends early or cannot be read
         */
        public boolean next(byte[] dest) {
            if (read == count) {
                return false;
            }
            int length = rows * cols;
            int got;
            try {
                got = in.readNBytes(dest, 0, length);
            } catch (IOException e) {
                // A gzip stream cut short surfaces as an EOFException from the inflater.
                if (e instanceof EOFException) {
                    got = -1;
                } else {
                    throw wrap(file, e, "image " + read);
                }
            }
            if (got < length) {
                throw new DatasetException(file + ": truncated: header promises " + count + " images of "
                        + rows + "x" + cols + " but the file ends after " + read + " images");
            }
            read++;
            return true;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw wrap(file, e, "close");
            }
        }
    }

    private static DataInputStream open(Path file) {
        InputStream raw = null;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            return new DataInputStream(in);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file", e);
        } catch (IOException e) {
            closeQuietly(raw, e);
            throw wrap(file, e, "opening");
        }
    }

    private static void checkMagic(Path file, int magic, int expected, String what) {
        if (magic != expected) {
            throw new DatasetException(String.format("%s: wrong magic number 0x%08x, expected 0x%08x (%s)",
                    file, magic, expected, what));
        }
    }

    private static DatasetException wrap(Path file, Exception e, String where) {
        if (e instanceof DatasetException dataset) {
            return dataset;
        }
        if (e instanceof EOFException) {
            return new DatasetException(file + ": truncated: the file ends inside the " + where, e);
        }
        return new DatasetException(file + ": cannot read the " + where + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Closeable closeable, Exception pending) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            pending.addSuppressed(e);
        }
    }
}
