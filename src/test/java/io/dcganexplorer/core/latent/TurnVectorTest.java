package io.dcganexplorer.core.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TurnVectorTest {

    @Test
    void theTurnVectorIsTheMeanOfTheRightLookingMinusTheMeanOfTheLeftLooking() {
        List<float[]> zs = List.of(new float[] {1, 0}, new float[] {2, 0}, new float[] {0, 5}, new float[] {0, 7},
                new float[] {9, 9});
        double[] yaws = {-0.9, -0.8, 0.7, 0.9, 0.0};
        TurnVector turn = TurnVector.fromSamples(zs, yaws, 2);
        assertThat(turn.direction()).containsExactly(0 - 1.5f, 6 - 0f);
        assertThat(turn.meanYawLeft()).isCloseTo(-0.85, within(1e-12));
        assertThat(turn.meanYawRight()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void aStripWalksFromMinusToPlusTheScaledDirection() {
        TurnVector turn = new TurnVector(new float[] {2, -2}, 1, 1, -1, 1);
        double[] ts = TurnVector.steps(5);
        assertThat(ts).containsExactly(-1, -0.5, 0, 0.5, 1);
        List<float[]> strip = turn.strip(new float[] {1, 1}, ts, 0.5);
        assertThat(strip.get(0)).containsExactly(0, 2);
        assertThat(strip.get(2)).containsExactly(1, 1);
        assertThat(strip.get(4)).containsExactly(2, 0);
    }

    @Test
    void tooFewSamplesForTwoGroupsAreRefused() {
        assertThatThrownBy(() -> TurnVector.fromSamples(List.of(new float[1], new float[1]), new double[] {0, 1}, 2))
                .hasMessageContaining("perSide = 2");
    }

    @Test
    void stackedVectorsAreTheRowsOfOneBatch() {
        var batch = LatentSampler.stack(List.of(new float[] {1, 2}, new float[] {3, 4}, new float[] {5, 6}));
        assertThat(batch.shape()).containsExactly(3, 2);
        assertThat(batch.getRow(1).toFloatVector()).containsExactly(3, 4);
        assertThatThrownBy(() -> LatentSampler.stack(List.of(new float[2], new float[3])))
                .hasMessageContaining("different length");
    }
}
