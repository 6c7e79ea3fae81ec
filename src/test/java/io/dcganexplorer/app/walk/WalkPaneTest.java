package io.dcganexplorer.app.walk;

import io.dcganexplorer.app.render.FrameView;
import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.common.FxTaskExecutor;
import io.dcganexplorer.app.model.ModelService;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.control.TabPane;
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

/** The Walk pane driven through TestFX (headless Monocle) on a tiny random model. */
@ExtendWith(ApplicationExtension.class)
class WalkPaneTest {

    @TempDir
    static Path dir;

    private FxTaskExecutor executor;
    private WalkPane pane;

    @BeforeAll
    static void writeTinyModel() throws Exception {
        WalkFixtures.writeModel(dir.resolve("models"), "tiny", WalkFixtures.tinyConfig());
    }

    @Start
    void start(Stage stage) {
        executor = FxTaskExecutor.pool("walk-test");
        ModelService models = new ModelService(executor, new WalkFixtures.RecordingErrors(),
                new WalkFixtures.ManualPoller(), dir.resolve("models"), dir.resolve("runs"));
        pane = new WalkPane(new WalkViewModel(executor, new WalkFixtures.RecordingErrors(), models));
        // Monocle's headless screen is 1280x800; a larger window overflows its frame buffer.
        stage.setScene(new Scene(pane, 1200, 720));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(pane::dispose).get();
        executor.shutdown();
    }

    private void awaitFirstImage(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> pane.viewModel().mainFrameProperty().get() != null
                && robot.lookup("#walkSlider-0").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int[] pixels(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] out = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }

    @Test
    void draggingASliderChangesTheImagePixels(FxRobot robot) throws Exception {
        awaitFirstImage(robot);
        FrameView view = robot.lookup("#walkImage").queryAs(FrameView.class);
        int[] before = WaitForAsyncUtils.asyncFx(() -> pixels(view.getImage())).get();
        Slider slider = robot.lookup("#walkSlider-0").queryAs(Slider.class);
        double start = slider.getValue();
        robot.drag(slider.lookup(".thumb")).moveBy(slider.getValue() > 0 ? -80 : 80, 0).release(
                javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> !java.util.Arrays.equals(before, pixels(view.getImage()))).get());
        assertThat(slider.getValue()).isNotEqualTo(start);
        assertThat(pane.viewModel().zProperty().get()[0]).isEqualTo((float) slider.getValue());
        assertThat(pane.viewModel().latency().count()).isPositive();
    }

    @Test
    void theSliderColumnSaysOneSliderChangesLittleAndItsLinkOpensDirections(FxRobot robot) throws Exception {
        awaitFirstImage(robot);
        assertThat(robot.lookup("#walkSliderHint").queryLabeled().getText()).contains("barely changes")
                .contains("Directions");
        TabPane tabs = robot.lookup("#walkTabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("walkTabInterpolation");
        robot.clickOn("#walkToDirections");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("walkTabDirections");
    }

    @Test
    void figure4ShowsTheWalkInThePapersLayoutOneRowPerPairOfKeyframes(FxRobot robot) throws Exception {
        awaitFirstImage(robot);
        robot.interact(() -> pane.viewModel().interpolation().figure4());
        javafx.scene.layout.VBox rows = robot.lookup("#walkRows").queryAs(javafx.scene.layout.VBox.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> rows.getChildren().size()
                == InterpolationViewModel.FIGURE4_KEYFRAMES - 1);
        assertThat(robot.lookup(".walk-rows").query().isVisible()).isTrue();
        assertThat(((javafx.scene.layout.HBox) rows.getChildren().get(0)).getChildren())
                .hasSize(pane.viewModel().interpolation().stepsPerSegmentProperty().get() + 1);
        assertThat(robot.lookup(".filmstrip").query().isVisible()).as("the one-row strip gives way").isFalse();
    }

    @Test
    void filterNarrowsTheSliderList(FxRobot robot) throws Exception {
        awaitFirstImage(robot);
        ListView<?> list = robot.lookup("#walkSliders").queryAs(ListView.class);
        assertThat(list.getItems()).hasSize(6);
        robot.clickOn("#walkFilter").write("2-3");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getItems()).hasSize(2);
        assertThat(robot.lookup("#walkSlider-2").tryQuery()).isPresent();
        assertThat(robot.lookup("#walkSlider-0").tryQuery()).isEmpty();
    }

    @Test
    void pastingBadTextShowsAnErrorAndLeavesZUnchanged(FxRobot robot) throws Exception {
        awaitFirstImage(robot);
        float[] before = pane.viewModel().zProperty().get();
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString("0.1, 0.2, nope, 0.4, 0.5, 0.6");
            Clipboard.getSystemClipboard().setContent(content);
        });
        robot.clickOn("#walkPaste");
        WaitForAsyncUtils.waitForFxEvents();
        Label message = robot.lookup("#walkMessage").queryAs(Label.class);
        assertThat(message.getText()).contains("value 3").contains("nope").contains("not a number");
        assertThat(pane.viewModel().zProperty().get()).containsExactly(before);
    }

    @Test
    void aGarbageSeedIsNamedInAMessageAndTheSeedStaysAsItWas(FxRobot robot) throws Exception {
        awaitFirstImage(robot);
        long before = pane.viewModel().seedProperty().get();
        robot.doubleClickOn("#walkSeed").eraseText(12).write("12x").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.viewModel().seedProperty().get()).isEqualTo(before);
        assertThat(robot.lookup("#walkSeedMessage").queryLabeled().getText())
                .isEqualTo("Seed '12x' is not a whole number of up to 18 digits; still seed " + before + ".");

        robot.doubleClickOn("#walkSeed").eraseText(12).write("17").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.viewModel().seedProperty().get()).isEqualTo(17);
        assertThat(robot.lookup("#walkSeedMessage").queryLabeled().isVisible()).isFalse();
    }
}
