package io.dcganexplorer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.common.AppPreferences;
import io.dcganexplorer.accel.NativeBackend;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The shell: one tab per registered activity, empty state, shortcuts, status bar, remembered window. */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {

    @TempDir
    Path dir;

    private AppContext context;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws java.io.IOException {
        this.stage = stage;
        // A returning user who last had the Train tab open and has seen the tour (FirstLaunchFxTest has neither).
        context = ReturningUser.context(dir, "Train");
        window = MainWindow.open(stage, context);
    }

    @AfterEach
    void shutDown() {
        context.close();
    }

    @Test
    void opensOnTheEmptyStateWithOneTabPerRegisteredActivity(FxRobot robot) {
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertThat(tabs.getTabs()).extracting(t -> t.getText().trim())
                .containsExactly("▶  Train", "∿  Walk", "±  Arithmetic", "⊘  Ablate", "◎  Probe", "⊡  Project");
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-Train");
        assertThat(window.tour().showingProperty().get()).isFalse();
        assertThat(robot.lookup("#emptyState").query().isVisible()).isTrue();
        assertThat(robot.lookup("#dashboard").query().isVisible()).isFalse();
        assertThat(robot.lookup("#statusBar").queryAs(StatusBar.class).getText()).isEqualTo("Idle");
    }

    @Test
    void ctrlNJumpsToTheSettingsOfANewRun(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getFocusOwner()).isInstanceOf(TextField.class);
        assertThat(stage.getScene().getFocusOwner().getId()).isEqualTo("field-nz");
    }

    @Test
    void statusBarNamesTheBackendAndTheMemory(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> robot.lookup("#statusBackend").queryLabeled().getText().contains("threads"));
        assertThat(robot.lookup("#statusBackend").queryLabeled().getText())
                .endsWith("threads · " + NativeBackend.nativeAllocator());
        assertThat(robot.lookup("#statusMemory").queryLabeled().getText()).startsWith("Heap").contains("RSS");
    }

    @Test
    void windowSizeIsRememberedForTheNextLaunch(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(1111);
            stage.setHeight(777);
            window.savePreferences();
        });
        AppPreferences.Values saved = AppPreferences.load(dir.resolve("config")).values();
        assertThat(saved.windowWidth()).isEqualTo(1111);
        assertThat(saved.windowHeight()).isEqualTo(777);
    }
}
