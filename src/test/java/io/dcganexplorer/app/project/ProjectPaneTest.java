package io.dcganexplorer.app.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.common.FxTaskExecutor;
import io.dcganexplorer.app.common.LatentHandoff;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.walk.WalkFixtures;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.MouseButton;
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

/** The Project pane driven through TestFX (headless Monocle) on a tiny random model. */
@ExtendWith(ApplicationExtension.class)
class ProjectPaneTest {

    @TempDir
    static Path dir;

    private FxTaskExecutor executor;
    private FxTaskExecutor worker;
    private ProjectPane pane;

    @BeforeAll
    static void writeTinyModel() throws Exception {
        WalkFixtures.writeModel(dir.resolve("models"), "tiny", WalkFixtures.tinyConfig());
    }

    @Start
    void start(Stage stage) {
        executor = FxTaskExecutor.pool("project-test");
        worker = FxTaskExecutor.singleThread("project-test-worker");
        ModelService models = new ModelService(executor, new WalkFixtures.RecordingErrors(),
                new WalkFixtures.ManualPoller(), dir.resolve("models"), dir.resolve("runs"));
        pane = new ProjectPane(new ProjectViewModel(executor, worker, new WalkFixtures.RecordingErrors(), models,
                new LatentHandoff()));
        stage.setScene(new Scene(pane, 1200, 720));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(pane::dispose).get();
        executor.shutdown();
    }

    private static int nonWhite(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void drawingOnTheCanvasMakesANonEmptyPictureAndClearEmptiesIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> pane.viewModel().modelProperty().get() != null);
        pane.viewModel().stepsProperty().set(20);
        Canvas canvas = robot.lookup("#projectCanvas").queryAs(Canvas.class);
        assertThat(WaitForAsyncUtils.asyncFx(() -> nonWhite(pane.drawing())).get()).isZero();
        robot.drag(canvas, MouseButton.PRIMARY).moveBy(60, 20).moveBy(30, 50).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        int drawn = WaitForAsyncUtils.asyncFx(() -> nonWhite(pane.drawing())).get();
        assertThat(drawn).as("pixels the brush painted").isGreaterThan(200);

        robot.clickOn("#projectDrawing");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.viewModel().projections().size() == 1);
        assertThat(pane.viewModel().targetProperty().get().name()).isEqualTo("drawing");
        assertThat(pane.viewModel().targetProperty().get().conversions()).contains("reduced from 256 to 16 pixels");

        robot.clickOn("#projectClear");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(WaitForAsyncUtils.asyncFx(() -> nonWhite(pane.drawing())).get()).isZero();
    }
}
