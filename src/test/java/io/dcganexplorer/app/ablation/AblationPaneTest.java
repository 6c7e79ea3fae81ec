package io.dcganexplorer.app.ablation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.RecordingErrors;
import io.dcganexplorer.app.common.FxTaskExecutor;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.render.FrameView;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
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

/** The Ablate pane through TestFX (headless Monocle) on a tiny random model. */
@ExtendWith(ApplicationExtension.class)
class AblationPaneTest {

    @TempDir
    static Path dir;

    private final RecordingErrors errors = new RecordingErrors();
    private FxTaskExecutor background;
    private FxTaskExecutor renderer;
    private AblationPane pane;

    @BeforeAll
    static void writeTinyModel() throws Exception {
        AblationFixtures.writeModel(dir.resolve("models"));
    }

    @Start
    void start(Stage stage) {
        background = FxTaskExecutor.pool("ablation-test");
        renderer = FxTaskExecutor.singleThread("ablation-test-renderer");
        ModelService models = new ModelService(background, errors, (period, task) -> () -> { },
                dir.resolve("models"), dir.resolve("runs"));
        pane = new AblationPane(new AblationViewModel(background, renderer, errors, models,
                AblationFixtures.brightRed()));
        // Monocle's headless screen is 1280x800; a larger window overflows its frame buffer.
        stage.setScene(new Scene(pane, 1200, 720));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(pane::dispose).get();
        background.shutdown();
    }

    private static int[] pixels(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] out = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }

    @Test
    void drawingABoxAndTogglingTheAblationShowsADifferentAfterImage(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.viewModel().before().size()
                == AblationViewModel.SAMPLES && robot.lookup("#ablationMapOff-0").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        Node editor = robot.lookup("#ablationEditor").query();
        Bounds b = editor.localToScreen(editor.getBoundsInLocal());
        robot.drag(b.getMinX() + 40, b.getMinY() + 50, MouseButton.PRIMARY).moveTo(
                new javafx.geometry.Point2D(b.getMinX() + 160, b.getMinY() + 170)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.viewModel().annotationsProperty().get().boxes(0)).hasSize(1);
        assertThat(robot.lookup(".window-box").queryAll()).isNotEmpty();

        robot.clickOn("#ablationMapOff-0");
        robot.clickOn("#ablationMapOff-2");
        robot.clickOn("#ablationToggle");
        FrameView after = robot.lookup("#ablationAfter").queryAs(FrameView.class);
        FrameView before = robot.lookup("#ablationTile-0").lookup(".frame-view").queryAs(FrameView.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> after.getImage() != null);
        int[] beforePixels = WaitForAsyncUtils.asyncFx(() -> pixels(before.getImage())).get();
        int[] afterPixels = WaitForAsyncUtils.asyncFx(() -> pixels(after.getImage())).get();
        assertThat(Arrays.equals(beforePixels, afterPixels)).isFalse();
        assertThat(pane.viewModel().offChannels()).containsExactly(0, 2);
        // Before and after side by side at the same size, each labelled, and what changed between them.
        assertThat(after.displaySize()).isEqualTo(AblationPane.EDITOR);
        assertThat(robot.lookup("#ablationAfterTitle").queryLabeled().getText()).isEqualTo("After: the same z, 2 maps off");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#ablationDifference").queryAs(FrameView.class)
                .getImage() != null);
        assertThat(robot.lookup("#ablationOffNote").queryLabeled().getText()).startsWith("2 of the layer's");
        assertThat(errors.messages).isEmpty();
    }
}
