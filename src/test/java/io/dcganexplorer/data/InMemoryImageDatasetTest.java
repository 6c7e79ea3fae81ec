package io.dcganexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryImageDatasetTest {

    @Test
    void writeImageScalesBytesToMinusOneToOneAtTheOffset() {
        InMemoryImageDataset data = new InMemoryImageDataset("one", 1, 1, new byte[][] {{0}}, null, List.of());
        InMemoryImageDataset pair = new InMemoryImageDataset("pair", 1, 1,
                new byte[][] {{0}, {(byte) 255}, {(byte) 51}}, new int[] {1, 0, 1}, List.of("a", "b"));

        float[] dest = new float[4];
        pair.writeImage(1, dest, 2);
        pair.writeImage(2, dest, 3);

        assertThat(dest[2]).isEqualTo(1f);
        assertThat(dest[3]).isEqualTo(51 / 127.5f - 1f);
        assertThat(pair.label(0)).isEqualTo(1);
        assertThat(data.label(0)).isEqualTo(-1);
        assertThat(data.classNames()).isEmpty();
        assertThatThrownBy(() -> pair.writeImage(3, dest, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void wrongImageLengthOrLabelOutsideTheClassesIsRejected() {
        assertThatThrownBy(() -> new InMemoryImageDataset("x", 2, 1, new byte[][] {{1, 2, 3}}, null, List.of()))
                .hasMessageContaining("3 bytes, expected 4");
        assertThatThrownBy(() -> new InMemoryImageDataset("x", 1, 1, new byte[][] {{1}}, new int[] {2},
                List.of("a", "b"))).hasMessageContaining("label 2");
    }

    @Test
    void sixtyThousandImagesOfThirtyTwoSquaredTakeAboutSixtyMegabytes() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        byte[][] images = new byte[60_000][32 * 32];
        InMemoryImageDataset data = new InMemoryImageDataset("big", 32, 1, images, null, List.of());
        System.gc();
        long used = runtime.totalMemory() - runtime.freeMemory() - before;

        assertThat(data.size()).isEqualTo(60_000);
        assertThat(used).isLessThan(70L << 20);
    }
}
