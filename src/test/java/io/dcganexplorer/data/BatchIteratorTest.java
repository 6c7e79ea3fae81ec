package io.dcganexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcganexplorer.data.BatchIterator.Position;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class BatchIteratorTest {

    /** 10 RGB 2x2 images; every value of image i is byte i * 25, so a batch row reveals its index. */
    private static InMemoryImageDataset tenImages() {
        byte[][] images = new byte[10][];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            images[i] = new byte[3 * 2 * 2];
            Arrays.fill(images[i], (byte) (i * 25));
            labels[i] = i % 2;
        }
        return new InMemoryImageDataset("ten", 2, 3, images, labels, List.of("even", "odd"));
    }

    private static int indexOf(INDArray batch, int row) {
        return Math.round((batch.getFloat(row, 0, 0, 0) + 1f) * 127.5f) / 25;
    }

    @Test
    void batchesAreNchwFloatsInRangeAndMatchTheLastIndices() {
        BatchIterator iterator = new BatchIterator(tenImages(), 3, 42L);

        INDArray batch = iterator.next();

        assertThat(batch.shape()).containsExactly(3, 3, 2, 2);
        assertThat(batch.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(batch.minNumber().floatValue()).isGreaterThanOrEqualTo(-1f);
        assertThat(batch.maxNumber().floatValue()).isLessThanOrEqualTo(1f);
        int[] indices = iterator.lastIndices();
        for (int row = 0; row < 3; row++) {
            assertThat(indexOf(batch, row)).isEqualTo(indices[row]);
            assertThat(iterator.lastLabels()[row]).isEqualTo(indices[row] % 2);
        }
    }

    @Test
    void everyImageAppearsExactlyOncePerEpochAndTheLastPartialBatchIsDropped() {
        BatchIterator iterator = new BatchIterator(tenImages(), 5, 7L);
        List<List<Integer>> epochs = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            List<Integer> seen = new ArrayList<>();
            for (int b = 0; b < iterator.batchesPerEpoch(); b++) {
                iterator.next();
                Arrays.stream(iterator.lastIndices()).forEach(seen::add);
            }
            assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            epochs.add(seen);
        }
        assertThat(epochs.get(0)).isNotEqualTo(epochs.get(1));
        assertThat(epochs.get(1)).isNotEqualTo(epochs.get(2));

        BatchIterator threes = new BatchIterator(tenImages(), 3, 7L);
        assertThat(threes.batchesPerEpoch()).isEqualTo(3);
        for (int b = 0; b < 3; b++) {
            threes.next();
        }
        assertThat(threes.position()).isEqualTo(new Position(0, 3));
        threes.next();
        assertThat(threes.position()).isEqualTo(new Position(1, 1));
    }

    @Test
    void sameSeedGivesTheSameOrderAndAnotherSeedAnotherOrder() {
        BatchIterator a = new BatchIterator(tenImages(), 10, 1L);
        BatchIterator b = new BatchIterator(tenImages(), 10, 1L);
        BatchIterator c = new BatchIterator(tenImages(), 10, 2L);
        a.next();
        b.next();
        c.next();

        assertThat(a.lastIndices()).isEqualTo(b.lastIndices()).isNotEqualTo(c.lastIndices());
    }

    @Test
    void resumingAtASavedPositionReproducesTheUninterruptedSequence() {
        BatchIterator uninterrupted = new BatchIterator(tenImages(), 3, 99L);
        for (int i = 0; i < 5; i++) {
            uninterrupted.next();
        }
        Position saved = uninterrupted.position();
        INDArray expected = uninterrupted.next();
        int[] expectedIndices = uninterrupted.lastIndices();

        BatchIterator resumed = new BatchIterator(tenImages(), 3, 99L, saved);
        BatchIterator sought = new BatchIterator(tenImages(), 3, 99L);
        sought.next();
        sought.seek(saved);

        assertThat(resumed.next()).isEqualTo(expected);
        assertThat(resumed.lastIndices()).isEqualTo(expectedIndices);
        sought.next();
        assertThat(sought.lastIndices()).isEqualTo(expectedIndices);
    }

    @Test
    void dataSetSmallerThanOneBatchIsRejectedNamingBothCounts() {
        assertThatThrownBy(() -> new BatchIterator(tenImages(), 64, 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 images")
                .hasMessageContaining("one batch of 64");
    }
}
