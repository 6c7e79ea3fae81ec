package io.dcganexplorer.app.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.RecordingErrors;
import io.dcganexplorer.app.common.FxTaskExecutor;
import io.dcganexplorer.app.model.ModelService;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Probe pane through TestFX (headless Monocle) on a tiny random model and synthetic shapes. */
@ExtendWith(ApplicationExtension.class)
class ProbePaneTest {

    @TempDir
    static Path dir;

    private final RecordingErrors errors = new RecordingErrors();
    private FxTaskExecutor background;
    private ProbePane pane;

    @BeforeAll
    static void writeTinyModel() throws Exception {
        ProbeFixtures.writeModel(dir.resolve("models"), "tiny", 1);
    }

    @Start
    void start(Stage stage) {
        background = FxTaskExecutor.pool("probe-test");
        ModelService models = new ModelService(background, errors, (period, task) -> () -> { },
                dir.resolve("models"), dir.resolve("runs"));
        pane = new ProbePane(new ProbeViewModel(background, errors, models, ProbeFixtures.shapes()));
        // Monocle's headless screen is 1280x800; a larger window overflows its frame buffer.
        stage.setScene(new Scene(pane, 1200, 720));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(pane::dispose).get();
        background.shutdown();
    }

    @Test
    void clickingRunFillsTheTableTheConfusionMatrixAndTheNeighbours(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.viewModel().modelProperty().get() != null);
        WaitForAsyncUtils.asyncFx(() -> ProbeFixtures.smallCaps(pane.viewModel())).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#probeTrainCap").queryTextInputControl().getText()).isEqualTo("60");

        robot.clickOn("#probeRun");
        TableView<?> table = robot.lookup("#probeTable").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == 4);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(errors.messages).isEmpty();
        assertThat(robot.lookup("#probeConfusion-3-3").tryQuery()).isPresent();
        assertThat(robot.lookup("#probeConfusion-4-4").tryQuery()).isEmpty();
        // Column heads stand upright with the whole class name ("T-shirt/top", not "T-sh…").
        javafx.scene.control.Labeled head = robot.lookup("#probeConfusionHead-0").queryLabeled();
        assertThat(head.getText()).isEqualTo(pane.viewModel().classNames().get(0));
        assertThat(head.getRotate()).isEqualTo(-90);
        assertThat(io.dcganexplorer.app.CutText.problems(robot.lookup("#probeConfusion").queryParent())).isEmpty();
        assertThat(robot.lookup("#probeNeighbours-" + (ProbeViewModel.SAMPLES - 1)).tryQuery()).isPresent();
        assertThat(robot.lookup("#probeGapNote").queryLabeled().getText()).contains("McNemar p =");
        assertThat(robot.lookup("#probeUnit-trained-D-0").tryQuery()).isPresent();
        assertThat(robot.lookup("#probeUnit-random-init-D-0").tryQuery()).isPresent();
        assertThat(robot.lookup("#probeMessage").queryLabeled().getText()).startsWith("Done");
        assertThat(robot.lookup("#probeRun").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#probeCancel").queryButton().isDisabled()).isTrue();
    }
}
