package io.dcganexplorer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.render.FrameView;
import io.dcganexplorer.app.walk.WalkPane;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Keys go to the focused control first, and F1 lists every shortcut of the window and of every pane. */
@ExtendWith(ApplicationExtension.class)
class ShortcutsFxTest {

    @TempDir
    Path dir;

    private AppContext context;
    private MainWindow window;

    @Start
    void start(Stage stage) throws java.io.IOException {
        context = ReturningUser.context(dir, "Walk");
        window = MainWindow.open(stage, context);
    }

    @AfterEach
    void shutDown() {
        context.close();
    }

    private static void press(FxRobot robot, KeyCode key) {
        robot.press(key).release(key);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private WalkPane awaitWalkImage(FxRobot robot) throws Exception {
        FrameView image = robot.lookup("#walkImage").queryAs(FrameView.class);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> image.frame() != null);
        return robot.lookup(".walk-pane").queryAs(WalkPane.class);
    }

    @Test
    void rightOnAFocusedDirectionSliderMovesThatSliderEvenWithAZDimensionSelected(FxRobot robot) throws Exception {
        WalkPane walk = awaitWalkImage(robot);
        robot.clickOn("Directions");
        robot.clickOn("#computeDirections");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> robot.lookup("#direction-1").tryQuery().isPresent());
        Slider direction = robot.lookup("#direction-1").queryAs(Slider.class);
        // A z dimension is selected in the slider list, as after the tour: its nudge must not take the key.
        robot.interact(walk::focusStart);
        robot.interact(direction::requestFocus);

        press(robot, KeyCode.RIGHT);

        assertThat(direction.getValue()).isPositive();
    }

    @Test
    void rAndSpaceStillReachTheWalkWhenTheSliderListHasTheFocus(FxRobot robot) throws Exception {
        WalkPane walk = awaitWalkImage(robot);
        robot.interact(() -> walk.viewModel().interpolation().figure4());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> !walk.viewModel().interpolation().walkFrames().isEmpty());
        robot.interact(walk::focusStart);
        long seed = walk.viewModel().seedProperty().get();

        press(robot, KeyCode.SPACE);
        assertThat(walk.viewModel().interpolation().playingProperty().get()).as("Space plays the walk").isTrue();
        press(robot, KeyCode.R);

        assertThat(walk.viewModel().seedProperty().get()).isNotEqualTo(seed);
    }

    @Test
    void theF1ListNamesEveryShortcutOfTheWindowAndOfEveryPane(FxRobot robot) {
        List<MainWindow.ShortcutRow> rows = window.shortcutRows();

        assertThat(rows).filteredOn(r -> r.where().equals("Walk")).extracting(MainWindow.ShortcutRow::keys)
                .containsExactly("R", "Space", "← →", "Ctrl+C", "Ctrl+V");
        assertThat(rows).filteredOn(r -> r.where().equals("Train")).extracting(MainWindow.ShortcutRow::keys)
                .containsExactly("Space");
        assertThat(rows).filteredOn(r -> r.where().equals("Ablate")).extracting(MainWindow.ShortcutRow::keys)
                .containsExactly("Ctrl+Z");
        assertThat(rows).filteredOn(r -> r.where().equals("Window")).extracting(MainWindow.ShortcutRow::keys)
                .contains("Ctrl+O", "Ctrl+N", "Ctrl+S", "Ctrl+Q", "F5", "F1", "Esc", "← → Enter");

        press(robot, KeyCode.F1);
        assertThat(robot.lookup("#shortcutsDialog .key").queryAll()).hasSize(rows.size());
    }
}
