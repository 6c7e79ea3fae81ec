package io.dcganexplorer.app.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dcganexplorer.run.MetricsRow;
import org.junit.jupiter.api.Test;

class MetricsHistoryTest {

    private static MetricsRow row(long i, double lossD) {
        return new MetricsRow(i, 0, lossD, 2 * lossD, 0.5, 0.25, 100, i);
    }

    @Test
    void aLongRunNeverHoldsMoreThanTheCapacity() {
        MetricsHistory h = new MetricsHistory(100);
        for (int i = 0; i < 100_000; i++) {
            h.add(row(i, i));
            assertThat(h.size()).isLessThanOrEqualTo(100);
        }
        assertThat(h.size()).isGreaterThanOrEqualTo(50);
        assertThat(h.value(h.size() - 1, MetricsHistory.ITERATION)).isGreaterThan(99_000);
    }

    @Test
    void compactionAveragesNeighbouringPairs() {
        MetricsHistory h = new MetricsHistory(4);
        for (int i = 0; i < 4; i++) {
            h.add(row(i, i * 10));
        }
        int before = h.generation();
        h.add(row(4, 40));
        assertThat(h.generation()).isGreaterThan(before);
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.value(0, MetricsHistory.ITERATION)).isCloseTo(0.5, within(1e-9));
        assertThat(h.value(0, MetricsHistory.LOSS_D)).isCloseTo(5, within(1e-9));
        assertThat(h.value(1, MetricsHistory.LOSS_G)).isCloseTo(50, within(1e-9));
        // New rows now merge in pairs too, so recent history has the same resolution as old.
        h.add(row(5, 50));
        assertThat(h.size()).isEqualTo(3);
        assertThat(h.value(2, MetricsHistory.LOSS_D)).isCloseTo(45, within(1e-9));
    }

    @Test
    void rowsAlreadySeenAreIgnored() {
        MetricsHistory h = new MetricsHistory(10);
        h.add(row(0, 1));
        h.add(row(1, 1));
        h.add(row(1, 5));
        h.add(row(0, 5));
        assertThat(h.size()).isEqualTo(2);
        assertThat(h.lastIteration()).isEqualTo(1);
    }
}
