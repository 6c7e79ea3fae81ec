package io.dcganexplorer.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

/** The status bar's left side: what any pane is doing, "Idle" only when none is doing anything. */
class StatusBarViewModelTest {

    @Test
    void aRunningProbeIsShownWhileTrainingIsIdle() {
        SimpleStringProperty training = new SimpleStringProperty("Idle");
        SimpleStringProperty probe = new SimpleStringProperty("");
        var text = StatusBarViewModel.activity(List.of(training, probe));
        assertThat(text.get()).isEqualTo("Idle");

        probe.set("Probe on fashion32: Opening the labelled data (0%)");
        assertThat(text.get()).isEqualTo("Probe on fashion32: Opening the labelled data (0%)");

        training.set("Training rooms32-1: step 40 of 400");
        assertThat(text.get()).isEqualTo("Training rooms32-1: step 40 of 400  ·  Probe on fashion32: "
                + "Opening the labelled data (0%)");

        training.set("Idle");
        probe.set("");
        assertThat(text.get()).isEqualTo("Idle");
    }
}
