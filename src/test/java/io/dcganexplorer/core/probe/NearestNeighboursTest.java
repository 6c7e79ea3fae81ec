package io.dcganexplorer.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.TinyGan;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearestNeighboursTest {

    @Test
    void nearestFindsTheClosestRowsInOrder() {
        float[][] candidates = {{0, 0}, {3, 4}, {1, 0}, {10, 10}};
        List<NearestNeighbours.Match> m = NearestNeighbours.nearest(new float[] {0.9f, 0}, candidates,
                new int[] {100, 101, 102, 103}, 3);
        assertThat(m).extracting(NearestNeighbours.Match::index).containsExactly(102, 100, 101);
        assertThat(m.get(0).distance()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void samplesGetKNeighboursInPixelAndFeatureSpace() {
        DcganConfig config = TinyGan.config(3);
        var train = SyntheticImages.shapes(30, 1);
        NearestNeighbours.Result r = NearestNeighbours.forSamples(Dcgan.create(config), train,
                FeatureExtractor.all(30), 4, 1, 3, Progress.NONE, () -> false);
        assertThat(r.samples()).hasSize(4);
        assertThat(r.sample(0)).hasSize(256);
        assertThat(r.neighbours()).hasSize(4);
        for (NearestNeighbours.Neighbours n : r.neighbours()) {
            assertThat(n.pixel()).hasSize(3);
            assertThat(n.feature()).hasSize(3);
            assertThat(n.pixel()).extracting(NearestNeighbours.Match::distance).isSorted();
            assertThat(n.feature()).extracting(NearestNeighbours.Match::distance).isSorted();
        }
    }
}
