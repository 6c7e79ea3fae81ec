package io.dcganexplorer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.common.AppPreferences;
import io.dcganexplorer.app.tour.TourStep;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.render.FrameView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
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
 * A first launch on an empty preferences store (a folder with no preferences.json) and the shipped models:
 * the Walk tab with faces32, the guided tour and presentation mode.
 */
@ExtendWith(ApplicationExtension.class)
class FirstLaunchFxTest {

    @TempDir
    Path dir;

    private final List<AppContext> contexts = new ArrayList<>();
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = launch(stage);
    }

    private MainWindow launch(Stage on) {
        AppContext context = AppContext.create(new AppContext.Options(dir.resolve("config"), dir.resolve("runs"),
                TinyTraining.loader()));
        contexts.add(context);
        return MainWindow.open(on, context);
    }

    @AfterEach
    void shutDown() throws Exception {
        contexts.forEach(AppContext::close);
        // TestFX hands every test the same stage.
        WaitForAsyncUtils.asyncFx(() -> stage.setFullScreen(false)).get();
    }

    private Path preferencesFile() {
        return dir.resolve("config").resolve("preferences.json");
    }

    private String selectedTab(FxRobot robot) {
        return robot.lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId();
    }

    private static Node selectedContent(FxRobot robot) {
        return robot.lookup(".tab-pane").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getContent();
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** The share of {@code part}'s area that {@code card} covers. */
    private static double coveredShare(javafx.geometry.Bounds card, javafx.geometry.Bounds part) {
        double w = Math.min(card.getMaxX(), part.getMaxX()) - Math.max(card.getMinX(), part.getMinX());
        double h = Math.min(card.getMaxY(), part.getMaxY()) - Math.max(card.getMinY(), part.getMinY());
        return w <= 0 || h <= 0 ? 0 : w * h / (part.getWidth() * part.getHeight());
    }

    private static void press(FxRobot robot, KeyCode key) {
        robot.press(key).release(key);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void firstLaunchOpensTheShippedFacesModelOnTheWalkTabWithTheTour(FxRobot robot) throws Exception {
        assertThat(Files.exists(preferencesFile())).isFalse();
        assertThat(selectedTab(robot)).isEqualTo("tab-Walk");
        assertThat(window.tour().showingProperty().get()).isTrue();
        assertThat(robot.lookup(".tour-layer").query().isVisible()).isTrue();
        assertThat(robot.lookup("#tourTitle").queryLabeled().getText()).isEqualTo("Welcome to DCGAN Explorer");

        FrameView image = robot.lookup("#walkImage").queryAs(FrameView.class);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> image.frame() != null);
        assertThat(contexts.get(0).models().currentProperty().get().source().name()).isEqualTo("faces32");
        assertThat(robot.lookup("#walkSliders").query().isVisible()).isTrue();
    }

    @Test
    void closingTheTourLeavesTheFocusOnTheFirstSliderSoAnArrowKeyChangesThePicture(FxRobot robot)
            throws Exception {
        FrameView image = robot.lookup("#walkImage").queryAs(FrameView.class);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> image.frame() != null);
        press(robot, KeyCode.ESCAPE);
        ListView<?> sliders = robot.lookup("#walkSliders").queryAs(ListView.class);
        assertThat(stage.getScene().getFocusOwner()).isSameAs(sliders);
        assertThat(sliders.getSelectionModel().getSelectedIndex()).isZero();

        Slider first = robot.lookup("#walkSlider-0").queryAs(Slider.class);
        double before = first.getValue();
        Frame shown = image.frame();
        press(robot, KeyCode.RIGHT);
        assertThat(first.getValue()).isGreaterThan(before);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> image.frame() != shown);
    }

    @Test
    void escDismissesTheTourAndTheNextLaunchDoesNotShowIt(FxRobot robot) throws Exception {
        press(robot, KeyCode.ESCAPE);
        assertThat(window.tour().showingProperty().get()).isFalse();
        assertThat(robot.lookup(".tour-layer").query().isVisible()).isFalse();
        assertThat(AppPreferences.load(dir.resolve("config")).values().tourSeen()).isTrue();

        MainWindow second = WaitForAsyncUtils.asyncFx(() -> launch(new Stage())).get();
        try {
            assertThat(second.tour().showingProperty().get()).isFalse();
        } finally {
            robot.interact(() -> second.getScene().getWindow().hide());
        }
    }

    @Test
    void helpGuidedTourOpensTheTourAgain(FxRobot robot) {
        press(robot, KeyCode.ESCAPE);
        assertThat(window.tour().showingProperty().get()).isFalse();
        robot.clickOn("Help").clickOn("Guided tour");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.tour().showingProperty().get()).isTrue();
        assertThat(window.tour().indexProperty().get()).isZero();
        assertThat(robot.lookup(".tour-layer").query().isVisible()).isTrue();
    }

    @Test
    void nextWalksThroughEveryStepRingingWhatItIsAboutClearOfTheCardAndDoneEndsOnTheWalkSliders(FxRobot robot) {
        List<TourStep> steps = window.tour().steps();
        for (int i = 0; i < steps.size(); i++) {
            TourStep step = steps.get(i);
            assertThat(selectedTab(robot)).as("step %d", i + 1).isEqualTo("tab-" + step.activity());
            assertThat(robot.lookup("#tourTitle").queryLabeled().getText()).isEqualTo(step.title());
            assertThat(robot.lookup("#tourCounter").queryLabeled().getText()).endsWith((i + 1) + " of " + steps.size());
            assertThat(robot.lookup(".tour-highlight").queryAll()).as("what step %d is about", i + 1).hasSize(1);
            Node target = robot.lookup(".tour-highlight").query();
            assertThat(step.targets()).contains("#" + target.getId());
            assertThat(isInside(target, selectedContent(robot))).as("step %d's target is in its tab", i + 1).isTrue();
            assertThat(target.isVisible()).isTrue();
            javafx.geometry.Bounds targetBounds = target.localToScreen(target.getBoundsInLocal());
            // The card itself, not its drop shadow.
            javafx.geometry.Bounds cardBounds = robot.lookup("#tourCard").query().localToScreen(
                    robot.lookup("#tourCard").query().getLayoutBounds());
            assertThat(cardBounds.contains(targetBounds.getCenterX(), targetBounds.getCenterY()))
                    .as("step %d's card covers the middle of what it is about", i + 1).isFalse();
            Node ring = robot.lookup("#tourRing").query();
            assertThat(ring.isVisible()).as("step %d rings what it is about", i + 1).isTrue();
            assertThat(ring.localToScreen(ring.getBoundsInLocal()).intersects(targetBounds)).isTrue();
            for (String other : step.keepClear()) {
                Node n = robot.from(selectedContent(robot)).lookup(other).query();
                javafx.geometry.Bounds part = n.localToScreen(n.getBoundsInLocal());
                // Where no place is free (the Arithmetic pane at 1280x800), a corner of a part at most.
                assertThat(coveredShare(cardBounds, part)).as("share of %s under step %d's card", other, i + 1)
                        .isLessThan(1.0 / 3);
            }
            for (Node p = target.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane scroll) {
                    javafx.geometry.Bounds view = scroll.localToScreen(scroll.getLayoutBounds());
                    assertThat(view.contains(targetBounds.getCenterX(), targetBounds.getCenterY()))
                            .as("step %d's target is scrolled into view", i + 1).isTrue();
                }
            }
            if ("#walkTabs".equals(step.target())) {
                // The interpolation controls are at the bottom right, where the card sits by default.
                assertThat(cardBounds.intersects(targetBounds)).as("the card covers the Interpolation controls").isFalse();
            }
            assertThat(robot.lookup("#tourNext").queryButton().getText())
                    .isEqualTo(i == steps.size() - 1 ? "Done" : "Next");
            robot.clickOn("#tourNext");
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(window.tour().showingProperty().get()).isFalse();
        assertThat(robot.lookup(".tour-highlight").queryAll()).isEmpty();
        assertThat(robot.lookup("#tourRing").query().isVisible()).isFalse();
        assertThat(selectedTab(robot)).as("the tour ends on the Walk pane").isEqualTo("tab-Walk");
        assertThat(stage.getScene().getFocusOwner()).as("with a slider in hand")
                .isSameAs(robot.lookup("#walkSliders").query());
        assertThat(AppPreferences.load(dir.resolve("config")).values().tourSeen()).isTrue();
    }

    @Test
    void arrowKeysMoveThroughTheTourWhileItsCardHasTheFocus(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getFocusOwner().getId()).isEqualTo("tourNext");
        press(robot, KeyCode.RIGHT);
        press(robot, KeyCode.RIGHT);
        assertThat(window.tour().indexProperty().get()).isEqualTo(2);
        press(robot, KeyCode.LEFT);
        assertThat(window.tour().indexProperty().get()).isEqualTo(1);
        press(robot, KeyCode.ENTER);
        assertThat(window.tour().indexProperty().get()).isEqualTo(2);
    }

    @Test
    void f5PresentsWithLargeTypeAndNoSliderColumnAndEscOrF5RestoresEverything(FxRobot robot) {
        press(robot, KeyCode.ESCAPE);
        robot.interact(() -> {
            stage.setWidth(1000);
            stage.setHeight(700);
        });
        Rectangle2D screen = Screen.getPrimary().getBounds();
        assertThat(robot.lookup("#walkLatency").query().isVisible()).isTrue();
        Labeled tabLabel = (Labeled) robot.lookup(".tab-label").query();
        FrameView image = robot.lookup("#walkImage").queryAs(FrameView.class);
        double normalFont = tabLabel.getFont().getSize();
        assertThat(robot.lookup("#walkSliders").tryQuery()).isPresent();

        for (KeyCode leave : List.of(KeyCode.ESCAPE, KeyCode.F5)) {
            press(robot, KeyCode.F5);
            assertThat(window.isPresentation()).isTrue();
            assertThat(window.getStyleClass()).contains("presentation");
            assertThat(stage.isFullScreen()).isTrue();
            // Monocle, like an X server with no window manager, does not resize a full-screen window itself.
            assertThat(stage.getWidth()).as("as wide as the screen").isEqualTo(screen.getWidth());
            assertThat(stage.getHeight()).as("as high as the screen").isEqualTo(screen.getHeight());
            assertThat(robot.lookup("#walkLatency").query().isVisible()).as("timings are hidden").isFalse();
            assertThat(robot.lookup("#exportWalkGif").query().isVisible() && robot.lookup("#exportWalkGif").query()
                    .getParent().isVisible()).as("exports are hidden").isFalse();
            assertThat(tabLabel.getFont().getSize()).isGreaterThan(normalFont * 1.4);
            assertThat(robot.lookup("#walkSliders").tryQuery()).as("the slider column is hidden").isEmpty();
            assertThat(robot.lookup(".app-toolbar").query().isVisible()).isFalse();
            assertThat(image.displaySize()).isGreaterThan(320);

            press(robot, leave);
            assertThat(window.isPresentation()).as("left with %s", leave).isFalse();
            assertThat(window.getStyleClass()).doesNotContain("presentation");
            assertThat(stage.isFullScreen()).isFalse();
            assertThat(stage.getWidth()).isEqualTo(1000);
            assertThat(stage.getHeight()).isEqualTo(700);
            assertThat(robot.lookup("#walkLatency").query().isVisible()).isTrue();
            assertThat(tabLabel.getFont().getSize()).isEqualTo(normalFont);
            assertThat(robot.lookup("#walkSliders").tryQuery()).isPresent();
            assertThat(robot.lookup(".app-toolbar").query().isVisible()).isTrue();
            assertThat(image.displaySize()).isEqualTo(320);
        }
    }

    @Test
    void presentationHidesTheTrainFormAndCtrlNLeavesItToShowTheForm(FxRobot robot) {
        press(robot, KeyCode.ESCAPE);
        robot.interact(() -> window.setPresentation(true));
        robot.interact(() -> {
            TabPane tabs = (TabPane) window.lookup(".tab-pane");
            tabs.getSelectionModel().select(0);
        });
        assertThat(robot.lookup("#field-nz").tryQuery()).isEmpty();
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.isPresentation()).isFalse();
        assertThat(stage.getScene().getFocusOwner().getId()).isEqualTo("field-nz");
    }

    @Test
    void quittingWhilePresentingRemembersTheWindowAsItWasAndNotTheMode(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1111);
            stage.setHeight(777);
            window.setPresentation(true);
            // Where a window manager makes the window as large as the screen (Monocle leaves it as it is).
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        robot.interact(window::savePreferences);
        AppPreferences.Values saved = AppPreferences.load(dir.resolve("config")).values();
        assertThat(saved.windowWidth()).isEqualTo(1111);
        assertThat(saved.windowHeight()).isEqualTo(777);
        assertThat(saved.lastActivity()).isEqualTo("Walk");
        assertThat(Files.readString(preferencesFile())).doesNotContainIgnoringCase("presentation")
                .doesNotContainIgnoringCase("fullscreen");
    }
}
