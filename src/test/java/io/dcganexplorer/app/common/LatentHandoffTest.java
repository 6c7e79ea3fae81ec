package io.dcganexplorer.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatentHandoffTest {

    @Test
    void aZReachesItsTargetsReceiverAsACopyAndTheTabIsShown() {
        LatentHandoff handoff = new LatentHandoff();
        List<LatentHandoff.Delivery> walk = new ArrayList<>();
        List<LatentHandoff.Target> shown = new ArrayList<>();
        handoff.register(LatentHandoff.Target.WALK, walk::add);
        handoff.setOnDelivered(shown::add);
        float[] z = {0.5f, -0.25f};

        assertThat(handoff.send(LatentHandoff.Target.WALK, z, "face.png, projected")).isTrue();
        z[0] = 9;

        assertThat(walk).hasSize(1);
        assertThat(walk.get(0).z()).containsExactly(0.5f, -0.25f);
        assertThat(walk.get(0).label()).isEqualTo("face.png, projected");
        assertThat(shown).containsExactly(LatentHandoff.Target.WALK);
        assertThat(LatentHandoff.Target.WALK.tab()).isEqualTo("Walk");
    }

    @Test
    void aTargetWithNoReceiverRefusesAndShowsNothing() {
        LatentHandoff handoff = new LatentHandoff();
        List<LatentHandoff.Target> shown = new ArrayList<>();
        handoff.setOnDelivered(shown::add);
        assertThat(handoff.accepts(LatentHandoff.Target.ABLATE)).isFalse();
        assertThat(handoff.send(LatentHandoff.Target.ABLATE, new float[] {1}, "x")).isFalse();
        assertThat(shown).isEmpty();
    }
}
