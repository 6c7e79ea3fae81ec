package io.dcganexplorer.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.RecordingErrors;
import io.dcganexplorer.app.TinyTraining;
import io.dcganexplorer.app.common.TaskExecutor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Train pane's side of divergence: a warning naming the checkpoint to go back to, and a stop it offers. */
class TrainDivergenceWarningTest {

    @TempDir
    Path dir;

    @Test
    void aDivergingRunShowsTheWarningAndStoppingFromItEndsTheRunDiverged() {
        RecordingErrors errors = new RecordingErrors();
        TaskExecutor now = TaskExecutor.currentThread();
        TrainViewModel vm = new TrainViewModel(new TrainViewModel.Services(now, now, dir.resolve("runs"),
                TinyTraining.loader(), errors, (period, task) -> () -> { }));
        TinyTraining.configure(vm, 300, 100);
        vm.field("learningRate").textProperty().set("1");
        // The person presses the warning's stop button as soon as it shows.
        vm.troubleProperty().addListener((o, was, shown) -> {
            if (!shown.isEmpty()) {
                vm.stop();
            }
        });

        vm.startNewRun();

        assertThat(vm.troubleProperty().get()).startsWith("training looks diverged at step")
                .contains("the generator's loss has stayed above 30");
        assertThat(vm.iterationProperty().get()).isLessThan(100);
        assertThat(errors.messages).singleElement().asString().startsWith("Training diverged: ");
    }
}
