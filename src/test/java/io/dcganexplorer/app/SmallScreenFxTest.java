package io.dcganexplorer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.render.FrameView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every pane, and every tab inside a pane, at 1024x768 with the shipped models: no label, button or header
 * shows a cut text ("La…", "T-s…") and no control sits past the window's edge out of reach.
 */
@ExtendWith(ApplicationExtension.class)
class SmallScreenFxTest {

    @TempDir
    Path dir;

    private AppContext context;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = AppContext.create(new AppContext.Options(dir.resolve("config"), dir.resolve("runs"),
                TinyTraining.loader()));
        window = MainWindow.open(stage, context);
        window.tour().dismiss();
        stage.setWidth(1024);
        stage.setHeight(768);
    }

    @AfterEach
    void shutDown() throws Exception {
        context.close();
        WaitForAsyncUtils.asyncFx(() -> {
            window.setPresentation(false);
            stage.setFullScreen(false);
        }).get();
    }

    /** Shows every tab and inner tab in turn and returns what cannot be read on each. */
    private List<String> problemsOnEveryTab(FxRobot robot) {
        List<String> found = new ArrayList<>();
        TabPane main = robot.lookup(".tab-pane").queryAs(TabPane.class);
        for (Tab tab : List.copyOf(main.getTabs())) {
            robot.interact(() -> main.getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            List<TabPane> inner = robot.from(tab.getContent()).lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                    .filter(t -> t != main).toList();
            if (inner.isEmpty()) {
                found.addAll(prefixed(tab.getId(), CutText.problems(window)));
            }
            for (TabPane pane : inner) {
                for (Tab innerTab : List.copyOf(pane.getTabs())) {
                    robot.interact(() -> pane.getSelectionModel().select(innerTab));
                    WaitForAsyncUtils.waitForFxEvents();
                    found.addAll(prefixed(tab.getId() + "/" + innerTab.getText(), CutText.problems(window)));
                }
            }
        }
        return found;
    }

    private static List<String> prefixed(String where, List<String> problems) {
        return problems.stream().map(p -> where + ": " + p).toList();
    }

    private void waitForTheWalkImage(FxRobot robot) throws Exception {
        FrameView image = robot.lookup("#walkImage").queryAs(FrameView.class);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> image.frame() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void noPaneCutsALabelOrPushesAControlOffTheWindowAt1024x768(FxRobot robot) throws Exception {
        waitForTheWalkImage(robot);
        assertThat(window.getScene().getWidth()).isEqualTo(1024);
        assertThat(problemsOnEveryTab(robot)).isEmpty();
    }

    @Test
    void inPresentationModeNoPaneCutsALabelAt1024x768(FxRobot robot) throws Exception {
        waitForTheWalkImage(robot);
        robot.interact(() -> {
            window.setPresentation(true);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1024);
            stage.setHeight(768);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.getScene().getWidth()).isEqualTo(1024);
        assertThat(problemsOnEveryTab(robot)).isEmpty();
    }
}
