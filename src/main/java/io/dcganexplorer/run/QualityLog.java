package io.dcganexplorer.run;

import io.dcganexplorer.core.quality.SampleQuality;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * quality.csv in a run folder: one row per sample-quality score taken during training (the Fréchet distance
 * and class coverage of the generator's samples in a quality classifier's feature space).
 *
 * <p>A file of its own rather than columns of metrics.csv: scores come every few hundred steps and finish
 * on a background thread some steps after the one they score, while metrics.csv keeps one fixed-width row per
 * step that followers and older readers parse as it is.
 */
public final class QualityLog implements Closeable {

    /** The file name inside a run folder. */
    public static final String FILE = "quality.csv";
    public static final String HEADER = "iteration,frechetDistance,classesCovered,classes,entropyBits,samples";

    /**
     * One score.
     *
     * @param iteration steps done when G was copied for scoring
     * @param frechetDistance Fréchet distance to the real images' features (lower is better, 0 = same statistics)
     * @param classesCovered classes that the samples cover (see ClassCoverage)
     * @param classes classes the classifier knows
     * @param entropyBits entropy of the predicted-class histogram (higher = more even, log2(classes) at most)
     * @param samples generated samples scored
     */
    public record Row(long iteration, double frechetDistance, int classesCovered, int classes, double entropyBits,
                      int samples) {

        public static Row of(long iteration, SampleQuality.Report report) {
            return new Row(iteration, report.frechetDistance(), report.coverage().covered(),
                    report.coverage().classNames().size(), report.coverage().entropyBits(), report.generatedCount());
        }

        String toCsv() {
            return String.format(Locale.ROOT, "%d,%.6g,%d,%d,%.6g,%d", iteration, frechetDistance, classesCovered,
                    classes, entropyBits, samples);
        }

        /** Parses one data line; null for the header, a blank line or a partial last line. */
        static Row parse(String line) {
            String[] f = line.split(",", -1);
            if (f.length != 6 || line.startsWith("iteration")) {
                return null;
            }
            try {
                return new Row(Long.parseLong(f[0].trim()), Double.parseDouble(f[1]), Integer.parseInt(f[2].trim()),
                        Integer.parseInt(f[3].trim()), Double.parseDouble(f[4]), Integer.parseInt(f[5].trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private final BufferedWriter out;

    private QualityLog(BufferedWriter out) {
        this.out = out;
    }

    /**
     * Opens for appending after {@code firstIteration}: rows beyond it (scored after the checkpoint that a resume
     * starts from) are dropped, as metrics.csv drops its rows.
     */
    public static QualityLog openForAppend(Path file, long firstIteration) throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Row row : read(file)) {
            if (row.iteration() <= firstIteration) {
                text.append(row.toCsv()).append('\n');
            }
        }
        AtomicFiles.writeString(file, text.toString());
        return new QualityLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    /** Appends and flushes at once: rows are rare and a follower should see each as soon as it exists. */
    public synchronized void append(Row row) throws IOException {
        out.write(row.toCsv());
        out.write('\n');
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** The complete rows of a quality file; none when it does not exist (a run trained without scores). */
    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Row row = Row.parse(line);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }
}
