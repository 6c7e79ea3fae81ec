package io.dcganexplorer.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.run.MetricsRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTailTest {

    @TempDir
    Path dir;

    @Test
    void readsOnlyNewCompleteRowsAndWaitsForAPartialLine() throws Exception {
        Path file = dir.resolve("metrics.csv");
        MetricsTail tail = new MetricsTail(file);
        assertThat(tail.poll()).isEmpty();
        String row0 = new MetricsRow(0, 0, 1.3, 0.7, 0.6, 0.4, 50, 0.1).toCsv();
        String row1 = new MetricsRow(1, 0, 1.2, 0.8, 0.6, 0.4, 51, 0.2).toCsv();
        Files.writeString(file, MetricsRow.HEADER + "\n" + row0 + "\n" + row1.substring(0, 7));
        assertThat(tail.poll()).extracting(MetricsRow::iteration).containsExactly(0L);
        Files.writeString(file, row1.substring(7) + "\n", StandardOpenOption.APPEND);
        assertThat(tail.poll()).extracting(MetricsRow::iteration).containsExactly(1L);
        assertThat(tail.poll()).isEmpty();
    }

    @Test
    void aRewrittenShorterFileIsReadAgainFromTheStart() throws Exception {
        Path file = dir.resolve("metrics.csv");
        MetricsTail tail = new MetricsTail(file);
        StringBuilder text = new StringBuilder(MetricsRow.HEADER + "\n");
        for (int i = 0; i < 5; i++) {
            text.append(new MetricsRow(i, 0, 1, 1, 0.5, 0.5, 10, i).toCsv()).append('\n');
        }
        Files.writeString(file, text);
        assertThat(tail.poll()).hasSize(5);
        Files.writeString(file, MetricsRow.HEADER + "\n" + new MetricsRow(0, 0, 1, 1, 0.5, 0.5, 10, 0).toCsv() + "\n");
        assertThat(tail.poll()).extracting(MetricsRow::iteration).containsExactly(0L);
    }
}
