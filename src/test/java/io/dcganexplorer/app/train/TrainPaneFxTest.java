package io.dcganexplorer.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.RecordingErrors;
import io.dcganexplorer.app.TinyTraining;
import io.dcganexplorer.app.common.FxTaskExecutor;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.SampleGrid;
import io.dcganexplorer.core.gan.TinyGan;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.run.RunDirectory;
import io.dcganexplorer.run.TrainingPlan;
import io.dcganexplorer.run.TrainingSession;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Train pane under Monocle with real threads: a tiny run trained and watched from the pane. */
@ExtendWith(ApplicationExtension.class)
class TrainPaneFxTest {

    @TempDir
    Path dir;

    private final RecordingErrors errors = new RecordingErrors();
    private FxTaskExecutor background;
    private FxTaskExecutor trainer;
    private ScheduledExecutorService poller;
    private TrainViewModel vm;
    private TrainPane pane;

    @Start
    void start(Stage stage) {
        background = FxTaskExecutor.pool("test-background");
        trainer = FxTaskExecutor.singleThread("test-trainer");
        poller = Executors.newSingleThreadScheduledExecutor();
        vm = new TrainViewModel(new TrainViewModel.Services(background, trainer, dir.resolve("runs"),
                TinyTraining.loader(), errors, (period, task) -> {
                    ScheduledFuture<?> f = poller.scheduleWithFixedDelay(task, 100, 250, TimeUnit.MILLISECONDS);
                    return () -> f.cancel(false);
                }));
        pane = new TrainPane(vm);
        stage.setScene(new Scene(pane, 1200, 760));
        stage.show();
    }

    @AfterEach
    void shutDown() {
        vm.close();
        // No runLater may reach the next test: the executors drop callbacks once shut down.
        trainer.shutdown();
        background.shutdown();
        poller.shutdownNow();
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition));
    }

    private static int[] pixels(ImageView view) {
        Image image = view.getImage();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return argb;
    }

    @Test
    void aRunStartedFromThePaneFillsTheChartChangesTheGridPausesResumesStopsAndReopens(FxRobot robot)
            throws Exception {
        ImageView grid = robot.lookup("#sampleGrid").queryAs(ImageView.class);
        robot.interact(() -> TinyTraining.configure(vm, 100_000, 3));

        robot.clickOn("#startButton");
        waitUntil(60, () -> grid.getImage() != null);
        int[] firstGrid = onFx(() -> pixels(grid));
        waitUntil(60, () -> pane.plottedPoints() >= 6 && vm.displayedGridProperty().get().iteration() >= 3);
        assertThat(onFx(() -> Arrays.equals(pixels(grid), firstGrid))).isFalse();
        assertThat(onFx(() -> vm.imagesPerSecondProperty().get())).matches("\\d+");

        assertThat(robot.lookup("#trainBadge").query().isVisible()).as("no badge while training").isFalse();
        robot.clickOn("#pauseButton");
        assertThat(onFx(() -> vm.phaseProperty().get())).isEqualTo(TrainViewModel.Phase.PAUSED);
        assertThat(robot.lookup("#trainBadge").queryLabeled().getText()).isEqualTo("PAUSED");
        assertThat(robot.lookup("#trainBadge").query().isVisible()).isTrue();
        // The step in flight when the pause arrived may still finish; after that nothing moves.
        Thread.sleep(1500);
        long pausedAt = onFx(() -> vm.iterationProperty().get());
        Thread.sleep(1000);
        assertThat(onFx(() -> vm.iterationProperty().get())).isEqualTo(pausedAt);
        // The dashboard says so itself, not only the status bar: no speed, no time left while nothing moves.
        assertThat(robot.lookup("#eta").queryLabeled().getText()).isEqualTo("paused");
        assertThat(robot.lookup("#imagesPerSecond").queryLabeled().getText()).isEqualTo("–");

        robot.clickOn("#pauseButton");
        waitUntil(60, () -> vm.iterationProperty().get() > pausedAt);

        waitUntil(10, () -> !robot.lookup("#trainBadge").query().isVisible());
        robot.clickOn("#stopButton");
        waitUntil(60, () -> vm.phaseProperty().get() == TrainViewModel.Phase.VIEWING);
        assertThat(robot.lookup("#trainBadge").queryLabeled().getText()).isEqualTo("STOPPED");
        assertThat(robot.lookup("#trainBadge").query().isVisible()).isTrue();
        assertThat(robot.lookup("#eta").queryLabeled().getText()).isEqualTo("stopped");
        assertThat(robot.lookup("#imagesPerSecond").queryLabeled().getText()).isEqualTo("–");
        Path run = onFx(() -> vm.runFolderProperty().get());
        long stoppedAt = onFx(() -> vm.iterationProperty().get());
        assertThat(RunDirectory.open(run).latestCheckpoint()).get()
                .satisfies(p -> assertThat(RunDirectory.iterationOf(p)).isEqualTo(stoppedAt));

        robot.interact(() -> vm.openRun(run));
        waitUntil(30, () -> vm.history().size() == stoppedAt && pane.plottedPoints() > 0
                && vm.displayedGridProperty().get() != null);
        assertThat(robot.lookup("#trainBadge").query().isVisible()).as("a reopened run is not stopped").isFalse();
        assertThat(errors.messages).isEmpty();

        // Presentation mode: the grid fills its card instead of staying at an integer zoom, and the charts
        // keep a height a room can read.
        Region frame = (Region) grid.getParent();
        double windowed = onFx(grid::getFitWidth);
        robot.interact(() -> pane.setPresentation(true));
        WaitForAsyncUtils.waitForFxEvents();
        double fill = onFx(() -> Math.max(grid.getFitWidth() / (frame.getWidth() - 16),
                grid.getFitHeight() / (frame.getHeight() - 16)));
        assertThat(fill).as("share of the card the grid fills").isGreaterThan(0.99);
        assertThat(onFx(grid::getFitWidth)).isGreaterThan(windowed);
        assertThat(robot.lookup("#lossChart").queryAs(Region.class).getHeight()).isGreaterThanOrEqualTo(200);
        robot.interact(() -> pane.setPresentation(false));
        assertThat(onFx(grid::getFitWidth)).isEqualTo(windowed);
    }

    @Test
    void followingARunAnotherTrainerWritesShowsItsProgressLive(FxRobot robot) throws Exception {
        DcganConfig config = TinyGan.config(11);
        TrainingSession elsewhere = TrainingSession.start(dir.resolve("shared"), "cli-run", config,
                new DatasetSpec(DatasetSpec.Kind.IMAGE_FOLDER, "/elsewhere", 16, 1, 0, 0), TinyTraining.squares(),
                new TrainingPlan(100_000, 2, 100_000, 0, 16));
        Thread cli = new Thread(() -> {
            try {
                elsewhere.train();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        cli.start();
        try {
            robot.interact(() -> vm.openRun(elsewhere.run().root()));
            waitUntil(30, () -> vm.phaseProperty().get() == TrainViewModel.Phase.VIEWING);
            long first = onFx(() -> vm.iterationProperty().get());
            waitUntil(60, () -> vm.iterationProperty().get() >= first + 3 && pane.plottedPoints() >= 3
                    && vm.displayedGridProperty().get() != null && vm.displayedGridProperty().get().iteration() >= 2);
            assertThat(onFx(() -> vm.totalIterationsProperty().get())).isEqualTo(100_000);
        } finally {
            elsewhere.control().stop();
            cli.join(60_000);
        }
        assertThat(errors.messages).isEmpty();
    }

    @Test
    void theGridShowsTheSecondRunOpenedAfterTheFirst(FxRobot robot) throws Exception {
        Path first = trainedRun("first", 11);
        Path second = trainedRun("second", 12);
        ImageView grid = robot.lookup("#sampleGrid").queryAs(ImageView.class);

        robot.interact(() -> vm.openRun(first));
        waitUntil(30, () -> grid.getImage() != null && first.equals(vm.runFolderProperty().get()));
        robot.interact(() -> vm.openRun(second));
        waitUntil(30, () -> second.equals(vm.runFolderProperty().get()) && vm.displayedGridProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        SampleGrid expected = TrainExports.readGrid(newestSample(second));
        assertThat(onFx(() -> grid.getImage())).isNotNull();
        assertThat(onFx(() -> pixels(grid))).isEqualTo(expected.argb());
        SampleGrid firstGrid = TrainExports.readGrid(newestSample(first));
        assertThat(firstGrid.argb()).isNotEqualTo(expected.argb());
    }

    private static Path newestSample(Path run) throws Exception {
        java.util.List<Path> all = RunDirectory.open(run).samples();
        return all.get(all.size() - 1);
    }

    /** A finished two-step run with a grid after each step; the seed makes its grids differ from another's. */
    private Path trainedRun(String id, long seed) throws Exception {
        TrainingSession session = TrainingSession.start(dir.resolve("runs"), id, TinyGan.config(seed),
                new DatasetSpec(DatasetSpec.Kind.IMAGE_FOLDER, "/elsewhere", 16, 1, 0, 0), TinyTraining.squares(),
                new TrainingPlan(2, 1, 2, 0, 16));
        session.train();
        return session.run().root();
    }
}
