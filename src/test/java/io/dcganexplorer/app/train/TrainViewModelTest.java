package io.dcganexplorer.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.RecordingErrors;
import io.dcganexplorer.app.TinyTraining;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.run.MetricsRow;
import io.dcganexplorer.run.QualitySource;
import io.dcganexplorer.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.dcganexplorer.core.probe.Progress;
import io.dcganexplorer.core.probe.SyntheticImages;
import io.dcganexplorer.core.quality.QualityClassifier;
import javax.imageio.ImageIO;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Train view model without the JavaFX toolkit: every executor runs on the test thread. */
class TrainViewModelTest {

    @TempDir
    Path dir;

    /** One run trained once for the class: on a shared 2-core machine every step counts. */
    @TempDir
    static Path shared;
    private static Path trained;
    private static TrainViewModel trainer;
    private static final RecordingErrors TRAINER_ERRORS = new RecordingErrors();

    private final RecordingErrors errors = new RecordingErrors();
    private final List<Runnable> polls = new ArrayList<>();
    private TrainViewModel vm;

    @BeforeAll
    static void trainTwelveSteps() {
        TaskExecutor now = TaskExecutor.currentThread();
        trainer = new TrainViewModel(new TrainViewModel.Services(now, now, shared.resolve("runs"),
                TinyTraining.loader(), TRAINER_ERRORS, (period, task) -> () -> { }));
        TinyTraining.configure(trainer, 12, 5);
        trainer.startNewRun();
        trained = trainer.runFolderProperty().get();
    }

    @BeforeEach
    void createViewModel() {
        vm = newViewModel();
    }

    private TrainViewModel newViewModel() {
        TaskExecutor now = TaskExecutor.currentThread();
        return new TrainViewModel(new TrainViewModel.Services(now, now, dir.resolve("runs"), TinyTraining.loader(),
                errors, (period, task) -> {
                    polls.add(task);
                    return () -> polls.remove(task);
                }));
    }

    /** A copy of the trained run that a test may change. */
    private Path copyOfTrainedRun() throws IOException {
        Path copy = dir.resolve("copy");
        try (Stream<Path> files = Files.walk(trained)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(trained.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return copy;
    }

    @Test
    void aNewRunTrainsAndFillsTheChartTheGridAndTheNumbers() {
        Path run = trained;
        TrainViewModel vm = trainer;

        assertThat(TRAINER_ERRORS.messages).isEmpty();
        assertThat(vm.phaseProperty().get()).isEqualTo(TrainViewModel.Phase.VIEWING);
        assertThat(run).exists();
        assertThat(run.resolve(RunDirectory.MANIFEST)).exists();
        assertThat(vm.history().size()).isEqualTo(12);
        assertThat(vm.iterationProperty().get()).isEqualTo(12);
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.samples()).extracting(RunDirectory::iterationOf).containsExactly(0L, 5L, 10L, 12L);
        assertThat(vm.displayedGridProperty().get().iteration()).isEqualTo(12);
        assertThat(vm.activityProperty().get()).startsWith("Finished");
    }

    @Test
    void anInvalidValueMarksItsFieldAndStartsNothing() {
        TinyTraining.configure(vm, 12, 5);
        vm.field("nz").textProperty().set("0");
        vm.startNewRun();
        assertThat(vm.field("nz").errorProperty().get()).isEqualTo("z length = 0: must be between 1 and 1024");
        assertThat(vm.phaseProperty().get()).isEqualTo(TrainViewModel.Phase.EMPTY);
        assertThat(dir.resolve("runs")).doesNotExist();

        vm.field("nz").textProperty().set("4");
        vm.field("learningRate").textProperty().set("fast");
        vm.startNewRun();
        assertThat(vm.field("nz").errorProperty().get()).isEmpty();
        assertThat(vm.field("learningRate").errorProperty().get()).contains("'fast'");
        assertThat(errors.messages).hasSize(2).allMatch(m -> m.startsWith("Check the settings"));
    }

    @Test
    void loadingDataShowsItsProgressAndStopCancelsItWithoutAnError() {
        TaskExecutor now = TaskExecutor.currentThread();
        TrainViewModel[] self = new TrainViewModel[1];
        List<String> shown = new ArrayList<>();
        boolean[] cancelSeen = {false};
        self[0] = new TrainViewModel(new TrainViewModel.Services(now, now, dir.resolve("runs"),
                (spec, progress, cancelled) -> {
                    progress.update(1000, -1);
                    shown.add(self[0].activityProperty().get());
                    progress.update(1, 2);
                    progress.update(2, 2);
                    shown.add(self[0].activityProperty().get());
                    self[0].stop(); // the Stop button, pressed while the data loads
                    cancelSeen[0] = cancelled.getAsBoolean();
                    throw new java.util.concurrent.CancellationException("loading the image folder was cancelled");
                }, errors, (period, task) -> () -> { }));
        TinyTraining.configure(self[0], 12, 5);

        self[0].startNewRun();

        assertThat(shown).containsExactly("Listing images: 1,000 found so far", "Loading images: 2 of 2");
        assertThat(cancelSeen[0]).isTrue();
        assertThat(self[0].phaseProperty().get()).isEqualTo(TrainViewModel.Phase.EMPTY);
        assertThat(errors.messages).isEmpty();
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void runningOutOfMemoryWhileLoadingSaysSoAndLeavesThePaneUsable() {
        TaskExecutor now = TaskExecutor.currentThread();
        TrainViewModel vm = new TrainViewModel(new TrainViewModel.Services(now, now, dir.resolve("runs"),
                (spec, progress, cancelled) -> {
                    throw new OutOfMemoryError("Java heap space");
                }, errors, (period, task) -> () -> { }));
        TinyTraining.configure(vm, 12, 5);

        vm.startNewRun();

        assertThat(errors.messages).containsExactly("Training could not start: Out of memory: the Java heap is full "
                + "(Java heap space). Try a smaller batch or image size, or give Java more memory (-Xmx).");
        assertThat(vm.phaseProperty().get()).isEqualTo(TrainViewModel.Phase.EMPTY);
        assertThat(vm.canStart()).isTrue();
    }

    @Test
    void everyInvalidSettingIsNamedAsTheFormNamesItAndNothingStarts() throws IOException {
        record Case(String key, String text, String message) {
        }
        for (Case c : List.of(new Case("batchSize", "0", "Batch size = 0: must be between 2 and 4096"),
                new Case("learningRate", "abc", "Learning rate = 'abc': must be a number such as 0.0002"),
                new Case("learningRate", "-1", "Learning rate = -1.0: must be in (0, 1]"),
                new Case("beta1", "1", "Adam β1 = 1.0: must be in [0, 1)"),
                new Case("iterations", "-5", "Iterations = -5: must be at least 1"),
                new Case("sampleEvery", "0", "Grid every = 0: must be at least 1"),
                new Case("limit", "-1", "Images used = -1: must be 0 (all) or more"))) {
            TrainViewModel vm = newViewModel();
            TinyTraining.configure(vm, 12, 5);
            vm.field(c.key()).textProperty().set(c.text());
            errors.messages.clear();

            vm.startNewRun();

            assertThat(vm.field(c.key()).errorProperty().get()).as(c.key()).isEqualTo(c.message());
            assertThat(errors.messages).containsExactly("Check the settings: " + c.message());
            assertThat(vm.phaseProperty().get()).isEqualTo(TrainViewModel.Phase.EMPTY);
        }
        // The size is a choice in the form; a value from elsewhere is named as well.
        TinyTraining.configure(vm, 12, 5);
        vm.imageSizeProperty().set(48);
        errors.messages.clear();
        vm.startNewRun();
        assertThat(errors.messages).containsExactly("Check the settings: Image size = 48: must be 16, 32 or 64");

        Path run = copyOfTrainedRun();
        long before = Files.size(run.resolve(RunDirectory.METRICS));
        vm.field("iterations").textProperty().set("-5");
        errors.messages.clear();
        vm.resumeRun(run);
        assertThat(errors.messages).containsExactly("Check the settings: Iterations = -5: must be at least 1");
        assertThat(vm.phaseProperty().get()).isEqualTo(TrainViewModel.Phase.EMPTY);
        assertThat(Files.size(run.resolve(RunDirectory.METRICS))).isEqualTo(before);
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void paperDefaultsAreTheValuesOfRadfordEtAl() {
        vm.field("learningRate").textProperty().set("0.1");
        vm.resetToPaperDefaults();
        assertThat(vm.buildConfig()).isEqualTo(io.dcganexplorer.core.gan.DcganConfig.paperDefaults(32, 1, 42));
        assertThat(vm.fields()).allMatch(f -> !f.explanation().isBlank());
    }

    @Test
    void openingARunShowsItsHistoryAndFollowsRowsAnotherProcessAppends() throws Exception {
        Path run = copyOfTrainedRun();
        TrainViewModel follower = vm;
        follower.openRun(run);
        assertThat(follower.phaseProperty().get()).isEqualTo(TrainViewModel.Phase.VIEWING);
        assertThat(follower.history().size()).isEqualTo(12);
        assertThat(follower.displayedGridProperty().get().iteration()).isEqualTo(12);
        assertThat(polls).hasSize(1);

        Files.writeString(run.resolve(RunDirectory.METRICS),
                new MetricsRow(12, 1, 1.1, 0.9, 0.6, 0.4, 80, 3).toCsv() + "\n", StandardOpenOption.APPEND);
        polls.get(polls.size() - 1).run();
        assertThat(follower.history().size()).isEqualTo(13);
        assertThat(follower.iterationProperty().get()).isEqualTo(13);
        assertThat(follower.imagesPerSecondProperty().get()).isEqualTo("80");
    }

    @Test
    void aBrokenRunFolderIsReportedByNameAndChangesNothing() throws Exception {
        Path bogus = Files.createDirectories(dir.resolve("not-a-run"));
        vm.openRun(bogus);
        assertThat(errors.messages).singleElement().asString().contains("not-a-run").contains("manifest.json");
        assertThat(vm.phaseProperty().get()).isEqualTo(TrainViewModel.Phase.EMPTY);
    }

    @Test
    void scrubbingShowsAnEarlierGridAndTheLastPositionGoesBackToLive() {
        vm.openRun(trained);
        vm.scrubTo(1);
        assertThat(vm.liveProperty().get()).isFalse();
        assertThat(vm.displayedGridProperty().get().iteration()).isEqualTo(5);
        vm.scrubTo(vm.samples().size() - 1);
        assertThat(vm.liveProperty().get()).isTrue();
        assertThat(vm.displayedGridProperty().get().iteration()).isEqualTo(12);
    }

    @Test
    void resumingARunContinuesFromItsCheckpointUpToTheNewTotal() throws IOException {
        Path run = copyOfTrainedRun();
        vm.field("iterations").textProperty().set("16");
        vm.resumeRun(run);
        assertThat(errors.messages).isEmpty();
        assertThat(vm.iterationProperty().get()).isEqualTo(16);
        assertThat(vm.history().size()).isEqualTo(16);
        assertThat(vm.samples()).extracting(RunDirectory::iterationOf).containsExactly(0L, 5L, 10L, 12L, 15L, 16L);
        assertThat(vm.runFolderProperty().get()).isEqualTo(run);
    }

    @Test
    void exportsWriteTheGridTheLossesAndAnAnimatedGif() throws Exception {
        vm.openRun(trained);
        Path png = dir.resolve("grid.png");
        Path csv = dir.resolve("losses.csv");
        Path gif = dir.resolve("evolution.gif");
        Path curves = dir.resolve("curves.png");
        vm.exportGrid(png);
        vm.exportLossesCsv(csv);
        vm.exportGif(gif);
        assertThat(vm.activityProperty().get()).contains("GIF of 4 grids");
        vm.exportCurves(curves);
        assertThat(errors.messages).isEmpty();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(vm.displayedGridProperty().get().width());
        assertThat(Files.readAllLines(csv)).hasSize(13).first().asString().startsWith("iteration,epoch,lossD");
        assertThat(ImageIO.read(gif.toFile()).getWidth()).isGreaterThanOrEqualTo(TrainExports.GIF_MIN_WIDTH);
        assertThat(ImageIO.read(curves.toFile()).getWidth()).isEqualTo(1200);
        assertThat(vm.activityProperty().get()).isEqualTo("Saved the training curves to " + curves);
    }

    @Test
    void stopAndThenRunsAtOnceWhenNothingTrains() {
        boolean[] ran = {false};
        vm.stopAndThen(() -> ran[0] = true);
        assertThat(ran[0]).isTrue();
    }

    @Test
    void durationsReadLikeAClock() {
        assertThat(TrainViewModel.formatDuration(12.4)).isEqualTo("12 s");
        assertThat(TrainViewModel.formatDuration(245)).isEqualTo("4 min 05 s");
        assertThat(TrainViewModel.formatDuration(3720)).isEqualTo("1 h 02 min");
        assertThat(TrainViewModel.formatDuration(Double.NaN)).isEqualTo("–");
    }

    @Test
    void withAMatchingQualityClassifierTheLatestScoreIsShownEveryNSteps() {
        QualityClassifier classifier = QualityClassifier.train(SyntheticImages.shapes(40, 1),
                new QualityClassifier.TrainingOptions(1, 8, 1e-3, 1), Progress.NONE, () -> false);
        TrainViewModel vm = newViewModel();
        List<String> shown = new ArrayList<>();
        vm.qualityProperty().addListener((o, a, b) -> shown.add(b));
        vm.setQuality((size, channels, classes) -> size == 16 && channels == 1 ? Optional.of(classifier) : Optional.empty(),
                5, 16);
        TinyTraining.configure(vm, 12, 5);
        vm.startNewRun();

        assertThat(errors.messages).isEmpty();
        assertThat(shown).first().isEqualTo("Quality: scored every 5 steps");
        assertThat(shown).filteredOn(t -> t.startsWith("Quality at step")).hasSize(2);
        assertThat(vm.qualityProperty().get()).startsWith("Quality at step 10: Fréchet distance ")
                .endsWith(" of 4 classes covered");
    }

    @Test
    void withoutAMatchingClassifierNoQualityIsShown() throws IOException {
        TrainViewModel vm = newViewModel();
        vm.setQuality(QualitySource.inFolder(dir.resolve("no-classifiers")), 5, 16);
        TinyTraining.configure(vm, 6, 5);
        vm.startNewRun();
        assertThat(errors.messages).isEmpty();
        assertThat(vm.qualityProperty().get()).isEmpty();
        QualitySource shipped = QualitySource.inFolder(Path.of("models"));
        List<String> fashion = io.dcganexplorer.data.IdxDataset.FASHION_MNIST_CLASSES;
        assertThat(shipped.forRun(32, 1, fashion)).isPresent();
        assertThat(shipped.forRun(32, 3, fashion)).as("wrong channels").isEmpty();
        assertThat(shipped.forRun(32, 1, List.of("no window", "window"))).as("rooms in gray: no classifier").isEmpty();
        assertThat(shipped.forRun(32, 1, List.of())).as("unlabelled data").isEmpty();
    }

    @Test
    void choosingRoomsOrFacesSetsThreeChannelsAndAFolderKeepsTheChoice() {
        vm.dataKindProperty().set(DatasetSpec.Kind.FASHION_MNIST);
        assertThat(vm.channelsProperty().get()).isEqualTo(1);
        vm.dataKindProperty().set(DatasetSpec.Kind.ROOMS);
        assertThat(vm.channelsProperty().get()).isEqualTo(3);
        vm.channelsProperty().set(1);
        vm.dataKindProperty().set(DatasetSpec.Kind.IMAGE_FOLDER);
        assertThat(vm.channelsProperty().get()).isEqualTo(1);
        vm.dataKindProperty().set(DatasetSpec.Kind.FACES);
        assertThat(vm.channelsProperty().get()).isEqualTo(3);
    }
}
