package io.dcganexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dcganexplorer.data.IdxDataset.Options;
import io.dcganexplorer.data.IdxDataset.ResizeMode;
import io.dcganexplorer.data.IdxDataset.Split;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Runs only where the Debian package dataset-fashion-mnist is installed. */
class FashionMnistInstalledTest {

    @Test
    void installedFashionMnistTestSplitLoadsWithItsTenClasses() {
        assumeTrue(Files.isDirectory(IdxDataset.FASHION_MNIST_DIR), "dataset-fashion-mnist not installed");

        InMemoryImageDataset data = IdxDataset.fashionMnist(IdxDataset.FASHION_MNIST_DIR, Split.TEST,
                Options.of(32, ResizeMode.PAD).withLimit(500));

        assertThat(data.size()).isEqualTo(500);
        assertThat(data.imageSize()).isEqualTo(32);
        assertThat(java.util.stream.IntStream.range(0, 500).map(data::label).distinct().count()).isEqualTo(10);
    }
}
