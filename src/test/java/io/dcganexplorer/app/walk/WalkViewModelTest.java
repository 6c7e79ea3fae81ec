package io.dcganexplorer.app.walk;

import io.dcganexplorer.app.render.Frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.core.latent.Interpolation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Walk view models without the JavaFX toolkit, on a tiny random generator. */
class WalkViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private final WalkFixtures.QueueExecutor executor = new WalkFixtures.QueueExecutor();
    private final WalkFixtures.RecordingErrors errors = new WalkFixtures.RecordingErrors();
    private ModelService models;
    private WalkViewModel vm;

    @BeforeAll
    static void writeTinyModel() throws Exception {
        WalkFixtures.writeModel(dir.resolve("models"), "tiny", WalkFixtures.tinyConfig());
    }

    @BeforeEach
    void openTinyModel() throws Exception {
        models = new ModelService(executor, errors, new WalkFixtures.ManualPoller(), dir.resolve("models"),
                dir.resolve("runs"));
        vm = new WalkViewModel(executor, errors, models);
        executor.drainUntil(() -> vm.mainFrameProperty().get() != null, WAIT);
    }

    @AfterEach
    void close() {
        vm.close();
    }

    @Test
    void opensTheFirstSavedModelWithOneSliderPerDimension() {
        assertThat(vm.modelProperty().get().source().name()).isEqualTo("tiny");
        assertThat(vm.dimensions()).hasSize(6);
        assertThat(vm.mainFrameProperty().get().width()).isEqualTo(16);
        assertThat(errors.messages).isEmpty();
    }

    @Test
    void movingASliderRendersANewImage() throws Exception {
        Frame before = vm.mainFrameProperty().get();
        vm.dimensions().get(0).valueProperty().set(vm.dimensions().get(0).value() > 0 ? -1 : 1);
        executor.drainUntil(() -> !before.samePixels(vm.mainFrameProperty().get()), WAIT);
        assertThat(vm.zProperty().get()[0]).isIn(-1f, 1f);
        assertThat(vm.latency().count()).isZero(); // only the view records latency, when it shows a frame
        vm.frameShown(vm.mainFrameProperty().get());
        assertThat(vm.latency().count()).isEqualTo(1);
    }

    @Test
    void neighboursArriveAfterTheZSettles() throws Exception {
        executor.drainUntil(() -> vm.neighbours().size() == WalkViewModel.NEIGHBOURS, WAIT);
        assertThat(vm.neighbours().get(0).samePixels(vm.mainFrameProperty().get())).isFalse();
    }

    @Test
    void pasteOfBadTextShowsAnErrorAndLeavesZUnchanged() {
        float[] before = vm.zProperty().get();
        assertThat(vm.pasteZ("0.1, 0.2, oops, 0.4, 0.5, 0.6")).isFalse();
        assertThat(vm.messageProperty().get()).contains("value 3").contains("oops").contains("not a number");
        assertThat(vm.pasteZ("0.1, 0.2")).isFalse();
        assertThat(vm.messageProperty().get()).contains("expected 6 numbers").contains("found 2");
        assertThat(vm.zProperty().get()).containsExactly(before);
    }

    @Test
    void aModelOfAnotherSizeAndZLengthReplacesTheOldOneAndAnOldZIsRefusedByName() throws Exception {
        String oldZ = vm.zAsText();
        Path other = WalkFixtures.writeModel(dir.resolve("other-models"), "rgb32",
                new io.dcganexplorer.core.gan.DcganConfig(32, 3, 4, 4, 4, 8, 2e-4, 0.5,
                        io.dcganexplorer.core.latent.LatentDistribution.UNIFORM, 3));

        models.open(other);
        executor.drainUntil(() -> vm.mainFrameProperty().get() != null && vm.mainFrameProperty().get().width() == 32,
                WAIT);

        assertThat(vm.modelProperty().get().source().name()).isEqualTo("rgb32");
        assertThat(vm.dimensions()).hasSize(4);
        assertThat(vm.interpolation().keyframes()).isEmpty();
        assertThat(vm.pasteZ(oldZ)).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("Cannot paste z into rgb32, step 0, 32x32x3, nz 4: "
                + "expected 4 numbers for this model's z, found 6.");
        assertThat(errors.messages).isEmpty();
    }

    @Test
    void copiedZPastesBackExactly() {
        vm.seedProperty().set(99);
        float[] z = vm.zProperty().get();
        String text = vm.zAsText();
        vm.randomise();
        assertThat(vm.pasteZ("[" + text + "]")).isTrue();
        assertThat(vm.zProperty().get()).containsExactly(z);
        assertThat(vm.dimensions().get(5).value()).isEqualTo(z[5], org.assertj.core.data.Offset.offset(1e-7));
        assertThat(vm.messageProperty().get()).isEmpty();
    }

    @Test
    void resetReturnsToTheSeedsZ() {
        vm.seedProperty().set(5);
        float[] seeded = vm.zProperty().get();
        vm.dimensions().get(2).valueProperty().set(0.123);
        assertThat(vm.zProperty().get()[2]).isEqualTo(0.123f);
        vm.reset();
        assertThat(vm.zProperty().get()).containsExactly(seeded);
    }

    @Test
    void filterNarrowsTheList() {
        vm.filterProperty().set("0-2");
        assertThat(vm.visibleDimensions()).extracting(LatentDimension::index).containsExactly(0, 1, 2);
        vm.filterProperty().set("5, 1");
        assertThat(vm.visibleDimensions()).extracting(LatentDimension::index).containsExactly(1, 5);
        vm.filterProperty().set("x");
        assertThat(vm.visibleDimensions()).isEmpty();
        vm.filterProperty().set("");
        assertThat(vm.visibleDimensions()).hasSize(6);
    }

    @Test
    void nudgeMovesTheSelectedSliderAndStaysInRange() {
        LatentDimension d = vm.dimensions().get(1);
        d.valueProperty().set(0.99);
        vm.nudge(d, 1);
        assertThat(d.value()).isEqualTo(1.0);
        vm.nudge(d, -1);
        assertThat(d.value()).isEqualTo(1.0 - 2.0 / WalkViewModel.NUDGE_STEPS, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void walkEndpointsEqualTheKeyframesImages() throws Exception {
        InterpolationViewModel walk = vm.interpolation();
        executor.drainUntil(() -> walk.gridFrames().size() == 16, WAIT);
        walk.toggleKeyframe(3);
        walk.toggleKeyframe(10);
        walk.modeProperty().set(Interpolation.Mode.SPHERICAL);
        walk.stepsPerSegmentProperty().set(5);
        walk.buildWalk();
        List<Frame> frames = walk.walkFrames();
        assertThat(frames).hasSize(6);
        // Render the keyframes' z's afresh and compare with both the grid and the walk's ends.
        List<Frame> keys = vm.renderer().renderAll(walk.keyframeZs()).get();
        assertThat(frames.get(0).samePixels(keys.get(0))).isTrue();
        assertThat(frames.get(5).samePixels(keys.get(1))).isTrue();
        assertThat(walk.gridFrames().get(3).samePixels(keys.get(0))).isTrue();
        assertThat(frames.get(2).samePixels(keys.get(0))).isFalse();
    }

    @Test
    void figure4WalksThroughNineDistinctRandomKeyframes() throws Exception {
        InterpolationViewModel walk = vm.interpolation();
        executor.drainUntil(() -> walk.gridFrames().size() == 16, WAIT);
        walk.figure4();
        assertThat(new HashSet<>(walk.keyframes())).hasSize(InterpolationViewModel.FIGURE4_KEYFRAMES);
        assertThat(walk.modeProperty().get()).isEqualTo(Interpolation.Mode.LINEAR);
        assertThat(walk.walkFrames()).hasSize(8 * 8 + 1);
        List<Integer> first = List.copyOf(walk.keyframes());
        walk.figure4();
        assertThat(walk.keyframes()).containsExactlyElementsOf(first);
    }

    @Test
    void thePapersLayoutHasOneRowPerPairOfKeyframesAndWritesThemStacked() throws Exception {
        InterpolationViewModel walk = vm.interpolation();
        executor.drainUntil(() -> walk.gridFrames().size() == 16, WAIT);
        walk.toggleKeyframe(0);
        walk.toggleKeyframe(5);
        walk.toggleKeyframe(9);
        walk.stepsPerSegmentProperty().set(4);
        walk.buildWalk();
        walk.stepsPerSegmentProperty().set(7); // a later setting does not change the walk shown
        List<List<Frame>> rows = walk.walkRows();
        assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r).hasSize(5));
        assertThat(rows.get(0).get(0)).isSameAs(walk.walkFrames().get(0));
        assertThat(rows.get(0).get(4)).as("a keyframe ends one row").isSameAs(walk.walkFrames().get(4));
        assertThat(rows.get(1).get(0)).as("and starts the next").isSameAs(walk.walkFrames().get(4));
        assertThat(rows.get(1).get(4)).isSameAs(walk.walkFrames().get(8));

        Frame f = rows.get(0).get(0);
        java.awt.image.BufferedImage image = InterpolationViewModel.rowsImage(rows);
        assertThat(image.getWidth()).isEqualTo(5 * (f.width() + 1) + 1);
        assertThat(image.getHeight()).isEqualTo(2 * (f.height() + 1) + 1);
        assertThat(image.getRGB(1, f.height() + 2) | 0xFF000000).isEqualTo(rows.get(1).get(0).argb()[0] | 0xFF000000);
        assertThat(InterpolationViewModel.rows(List.of(), 4)).isEmpty();
    }

    @Test
    void playingAdvancesFramesAtTheChosenSpeed() throws Exception {
        InterpolationViewModel walk = vm.interpolation();
        executor.drainUntil(() -> walk.gridFrames().size() == 16, WAIT);
        walk.toggleKeyframe(0);
        walk.toggleKeyframe(1);
        walk.buildWalk();
        walk.framesPerSecondProperty().set(10);
        walk.togglePlaying();
        walk.tick(1_000_000_000L);
        walk.tick(1_250_000_000L);
        assertThat(walk.frameIndexProperty().get()).isEqualTo(2);
        walk.togglePlaying();
        walk.tick(5_000_000_000L);
        assertThat(walk.frameIndexProperty().get()).isEqualTo(2);
    }

    @Test
    void directionSlidersMoveZAlongOrthonormalDirections() throws Exception {
        DirectionsViewModel directions = vm.directions();
        assertThat(directions.layers()).contains("relu0", "relu1");
        directions.samplesProperty().set(64);
        directions.countProperty().set(3);
        directions.compute();
        assertThat(directions.directions()).hasSize(3);
        float[] base = vm.zProperty().get();
        DirectionsViewModel.Direction first = directions.directions().get(0);
        first.amountProperty().set(1);
        float[] moved = vm.zProperty().get();
        float[] expected = io.dcganexplorer.core.latent.LatentDirections.move(base,
                directions.stripPlanDirections().get(0), first.spread());
        for (int i = 0; i < base.length; i++) {
            assertThat(moved[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
        // Any other change of z makes a new base and puts the direction sliders back to 0.
        vm.dimensions().get(0).valueProperty().set(0.5);
        assertThat(first.amountProperty().get()).isZero();
        executor.drainUntil(() -> directions.strips().size() == 3, WAIT);
        assertThat(directions.strips().get(0)).hasSize(DirectionsViewModel.STRIP_LENGTH);
        // The middle of each strip is the current z itself.
        assertThat(directions.strips().get(0).get(3).samePixels(directions.strips().get(1).get(3))).isTrue();
    }

    @Test
    void aFilterThatMatchesNothingSaysWhyNamingWhatWasTyped() {
        vm.filterProperty().set("abc");
        assertThat(vm.visibleDimensions()).isEmpty();
        assertThat(vm.filterMessageProperty().get()).isEqualTo("'abc' is not a z index or a range of them"
                + " (try 12, 0-9 or 3 7 20-25).");

        vm.filterProperty().set("40-50");
        assertThat(vm.filterMessageProperty().get()).isEqualTo("No dimension matches '40-50': z has 6 dimensions,"
                + " 0 to 5.");

        vm.filterProperty().set("2-3");
        assertThat(vm.visibleDimensions()).hasSize(2);
        assertThat(vm.filterMessageProperty().get()).isEmpty();
    }
}
