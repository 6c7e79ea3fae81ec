package io.dcganexplorer.core.ablation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class AblationExperimentTest {

    /** "Window" where the red channel is bright: a fixed rule standing in for the trained detector. */
    private static final WindowProbabilities BRIGHT_RED = images ->
            images.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all())
                    .gt(0.0).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);

    @Test
    void measuresProbeAndControlsOnTheSameZ() {
        MultiLayerNetwork g = TinyGenerators.generator(16, 3, 8);
        INDArray z = TinyGenerators.z(60, 2);
        INDArray params = g.params().dup();
        AblationExperiment.Result r = AblationExperiment.run(g, "relu1", new int[] {0, 1}, BRIGHT_RED, z, 3, 5, 2);
        assertThat(r.samples()).isEqualTo(60);
        assertThat(r.layerMaps()).isEqualTo(4);
        assertThat(r.controls()).hasSize(3).allSatisfy(c -> assertThat(c.maps()).isEqualTo(2));
        assertThat(r.original().windowFraction()).isBetween(0.01, 0.99);
        assertThat(r.probe().changeOutside() + r.probe().changeInside()).isPositive();
        assertThat(g.params().data().asFloat()).containsExactly(params.data().asFloat());
        assertThat(r.toMarkdown()).contains("| original | 0 |").contains("window maps off (probe) | 2 |")
                .contains("random maps off (3 draws, mean ± sd) | 2 |");
    }

    @Test
    void randomControlMapsAvoidTheSelectedOnesWhenThereAreEnoughOthers() {
        int[] selected = {3, 7, 8};
        for (int seed = 0; seed < 20; seed++) {
            int[] random = AblationExperiment.randomMaps(16, selected, new SplittableRandom(seed));
            assertThat(random).hasSize(3).doesNotContain(selected).isSorted().doesNotHaveDuplicates();
        }
        // 3 of 4 selected: too few others, so the draw is among all four.
        assertThat(AblationExperiment.randomMaps(4, new int[] {0, 1, 2}, new SplittableRandom(1))).hasSize(3)
                .doesNotHaveDuplicates();
    }
}
