package io.dcganexplorer.app.ablation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcganexplorer.app.RecordingErrors;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.core.ablation.WindowAnnotations;
import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.procedural.PixelBox;
import io.dcganexplorer.run.AnnotationFiles;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.TrainingState;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Ablate view model without a toolkit: every job runs at once on the test thread. */
class AblationViewModelTest {

    @TempDir
    static Path dir;

    private final RecordingErrors errors = new RecordingErrors();

    @BeforeAll
    static void writeTinyModel() throws Exception {
        AblationFixtures.writeModel(dir.resolve("models"));
    }

    private AblationViewModel viewModel() {
        return AblationFixtures.viewModel(dir.resolve("models"), errors, AblationFixtures.brightRed());
    }

    @Test
    void aLoadedModelShowsSamplesAndTheMapsOfTheDefaultLayer() {
        AblationViewModel vm = viewModel();
        assertThat(vm.readyProperty().get()).isTrue();
        assertThat(vm.layerProperty().get().name()).isEqualTo("relu1");
        assertThat(vm.maps()).hasSize(4);
        assertThat(vm.before()).hasSize(AblationViewModel.SAMPLES);
        assertThat(vm.after()).isEmpty();
        assertThat(errors.messages).isEmpty();
    }

    @Test
    void aHandedOverZIsTheFirstSampleUntilTheSeedChanges() {
        AblationViewModel vm = viewModel();
        vm.currentProperty().set(3);
        float[] seedZ = vm.sampleZ(0);
        float[] z = seedZ.clone();
        for (int i = 0; i < z.length; i++) {
            z[i] = -z[i];
        }
        var before = vm.before().get(0);
        assertThat(vm.receiveZ(z, "photo.png, projected")).isTrue();
        assertThat(vm.currentProperty().get()).isZero();
        assertThat(vm.sampleZ(0)).containsExactly(z);
        assertThat(vm.before().get(0).samePixels(before)).isFalse();
        assertThat(vm.messageProperty().get()).contains("photo.png");
        vm.seedProperty().set(vm.seedProperty().get() + 1);
        assertThat(vm.sampleZ(0)).isNotEqualTo(z);
        assertThat(vm.receiveZ(new float[z.length + 1], "a z of another model")).isFalse();
    }

    @Test
    void boxesAreClippedAndUndoAndClearWork() {
        AblationViewModel vm = viewModel();
        vm.addBox(2, 12, 3, 20, 1);
        assertThat(vm.annotationsProperty().get().boxes(2)).containsExactly(new PixelBox(12, 1, 4, 2));
        vm.addBox(2, 5, 5, 5, 9);
        assertThat(vm.annotationsProperty().get().boxCount()).as("an empty drag adds nothing").isEqualTo(1);
        vm.addBox(0, 0, 0, 4, 4);
        vm.undo();
        assertThat(vm.annotationsProperty().get().boxCount()).isEqualTo(1);
        vm.clear();
        assertThat(vm.annotationsProperty().get().boxCount()).isZero();
        vm.undo();
        assertThat(vm.annotationsProperty().get().boxes(2)).hasSize(1);
    }

    @Test
    void fittingSwitchesOffTheMapsAboveTheThreshold() {
        AblationViewModel vm = viewModel();
        for (int i = 0; i < 6; i++) {
            vm.addBox(i, 2 + i, 2, 9 + i, 8);
        }
        vm.fit();
        assertThat(errors.messages).isEmpty();
        assertThat(vm.probeProperty().get()).isNotNull();
        assertThat(vm.maps()).allSatisfy(m -> assertThat(m.weightProperty().get()).isNotNaN());
        int[] expected = vm.probeProperty().get().selected(0);
        Arrays.sort(expected);
        assertThat(vm.offChannels()).containsExactly(expected);
        vm.thresholdProperty().set(1e9);
        assertThat(vm.offChannels()).isEmpty();
        assertThat(vm.messageProperty().get()).contains("Probe on").contains("relu1");
    }

    @Test
    void ablationShowsAfterImagesThatDifferOnTheSameZ() {
        AblationViewModel vm = viewModel();
        vm.maps().get(1).offProperty().set(true);
        vm.maps().get(3).offProperty().set(true);
        vm.ablateProperty().set(true);
        assertThat(vm.after()).hasSize(AblationViewModel.SAMPLES);
        assertThat(vm.after().get(0).samePixels(vm.before().get(0))).isFalse();
        vm.allOn();
        assertThat(vm.after().get(0).samePixels(vm.before().get(0))).isTrue();
        vm.ablateProperty().set(false);
        assertThat(vm.after()).isEmpty();
    }

    @Test
    void withManyMapsOffThePaneSaysHowManyAndStrongestOnlyKeepsTheClearestOnes() {
        AblationViewModel vm = viewModel();
        vm.maps().get(0).offProperty().set(true);
        assertThat(vm.offNoteProperty().get()).as("1 of 4 off").isEmpty();
        vm.maps().get(1).offProperty().set(true);
        assertThat(vm.offNoteProperty().get()).startsWith("2 of the layer's 4 maps are off (50%)")
                .doesNotContain("Strongest only");
        vm.allOn();
        assertThat(vm.offNoteProperty().get()).isEmpty();
        assertThat(AblationViewModel.offNote(19, 32, true)).startsWith("19 of the layer's 32 maps are off (59%)")
                .contains("Strongest only");

        vm.strongestOnly();
        assertThat(vm.thresholdProperty().get()).isEqualTo(AblationViewModel.STRONG_THRESHOLD);
    }

    @Test
    void theDifferenceImageIsBlackWhereNothingChangedAndBrightWhereMuchDid() {
        Frame before = new Frame(2, 1, new int[] {0xFF102030, 0xFF000000}, 0);
        Frame after = new Frame(2, 1, new int[] {0xFF102030, 0xFFFFFFFF}, 0);
        Frame d = HeatMaps.difference(before, after, 96);
        assertThat(d.argb()[0]).isEqualTo(0xFF000000);
        assertThat(d.argb()[1]).isEqualTo(0xFFFFFFFF);
        assertThatThrownBy(() -> HeatMaps.difference(before, new Frame(1, 1, new int[1], 0), 96))
                .hasMessageContaining("before is 2x1, after 1x1");
    }

    @Test
    void autoAnnotationShowsASampleWithAWindow() {
        AblationViewModel vm = viewModel();
        vm.currentProperty().set(AblationViewModel.SAMPLES - 1);
        vm.autoAnnotate();
        WindowAnnotations found = vm.annotationsProperty().get();
        int current = vm.currentProperty().get();
        assertThat(found.boxes(current)).isNotEmpty();
        for (int i = 0; i < current; i++) {
            assertThat(found.boxes(i)).as("sample %d comes first and has no window", i).isEmpty();
        }
    }

    @Test
    void autoAnnotationUsesTheDetectorOrSaysThereIsNone() {
        AblationViewModel vm = viewModel();
        vm.autoAnnotate();
        WindowAnnotations found = vm.annotationsProperty().get();
        assertThat(found.samples()).hasSize(AblationViewModel.AUTO_SAMPLES);
        assertThat(found.boxCount()).isPositive();
        AblationViewModel none = AblationFixtures.viewModel(dir.resolve("models"), errors, size -> Optional.empty());
        none.autoAnnotate();
        assertThat(none.messageProperty().get()).contains("No window detector for 16x16");
        assertThat(none.annotationsProperty().get().boxCount()).isZero();
    }

    @Test
    void aModelThatIsNotOfRgbRoomsOrBoxesOfAnotherSizeGetAMessageNamingTheModel() throws Exception {
        DcganConfig rgb = AblationFixtures.tinyConfig();
        Path faces = dir.resolve("faces-models");
        ModelBundle.write(faces.resolve("faces"), Dcgan.create(rgb), ModelBundle.info(rgb,
                new DatasetSpec(DatasetSpec.Kind.FACES, null, 16, 3, 100, 1), "procedural faces, 16x16, 3 channels",
                TrainingState.START), false);
        AblationViewModel vm = AblationFixtures.viewModel(faces, errors, AblationFixtures.brightRed());

        vm.autoAnnotate();
        assertThat(vm.messageProperty().get()).isEqualTo("The window detector looks for windows in bedrooms; faces, "
                + "step 0, 16x16x3, nz 4 was trained on procedural faces, 16x16, 3 channels. Open a rooms model (such "
                + "as rooms32) or draw boxes by hand.");
        assertThat(vm.annotationsProperty().get().boxCount()).isZero();

        Path boxes32 = dir.resolve("boxes32.json");
        AnnotationFiles.write(boxes32, WindowAnnotations.empty(32, 0).withBox(0, new PixelBox(1, 1, 8, 8)));
        vm.load(boxes32);
        assertThat(errors.messages).containsExactly("Could not use " + boxes32 + ": its boxes were drawn on 32x32 "
                + "samples; faces, step 0, 16x16x3, nz 4 makes 16x16");
        assertThat(vm.annotationsProperty().get().boxCount()).isZero();

        Path gray = dir.resolve("gray-models");
        DcganConfig oneChannel = rgb.withChannels(1);
        ModelBundle.write(gray.resolve("gray"), Dcgan.create(oneChannel), ModelBundle.info(oneChannel, null, "random",
                TrainingState.START), false);
        AblationViewModel grayVm = AblationFixtures.viewModel(gray, errors, AblationFixtures.brightRed());
        grayVm.autoAnnotate();
        assertThat(grayVm.messageProperty().get()).isEqualTo("The window detector judges RGB rooms; gray, step 0, "
                + "16x16x1, nz 4 makes grayscale images. Draw boxes by hand.");
        assertThat(grayVm.readyProperty().get()).isTrue();
    }

    @Test
    void savedAnnotationsLoadBackWithTheirSeed() {
        AblationViewModel vm = viewModel();
        vm.seedProperty().set(7);
        vm.addBox(1, 0, 0, 5, 6);
        Path file = dir.resolve("boxes.json");
        vm.save(file);
        vm.seedProperty().set(8);
        assertThat(vm.annotationsProperty().get().boxCount()).as("another seed starts new boxes").isZero();
        vm.load(file);
        assertThat(vm.seedProperty().get()).isEqualTo(7);
        assertThat(vm.annotationsProperty().get().boxes(1)).containsExactly(new PixelBox(0, 0, 5, 6));
        assertThat(errors.messages).isEmpty();
    }

    @Test
    void clickingAMapShowsItsHeatMapAtTheLayerResolution() {
        AblationViewModel vm = viewModel();
        vm.shownMapProperty().set(2);
        assertThat(vm.heatMapProperty().get()).isNotNull();
        assertThat(vm.heatMapProperty().get().width()).isEqualTo(8);
        vm.layerProperty().set(vm.layers().stream().filter(l -> l.name().equals("relu0")).findFirst().orElseThrow());
        assertThat(vm.maps()).hasSize(8);
        assertThat(vm.heatMapProperty().get()).isNull();
    }

    @Test
    void switchingToAnotherModelClearsTheBoxesWhileANewerCheckpointOfTheSameKeepsThem() throws Exception {
        Path root = dir.resolve("two-models");
        AblationFixtures.writeModel(root);
        AblationFixtures.writeModel(root.resolve("other-root"));
        java.nio.file.Files.move(root.resolve("other-root").resolve("tiny"), root.resolve("tiny2"));
        AblationViewModel vm = AblationFixtures.viewModel(root, errors, AblationFixtures.brightRed());
        ModelService models = vm.models();
        vm.addBox(1, 0, 0, 6, 6);

        models.open(vm.modelProperty().get().source());
        assertThat(vm.annotationsProperty().get().boxCount()).as("the same model again").isEqualTo(1);

        models.open(models.choices().stream().filter(c -> c.name().equals("tiny2")).findFirst().orElseThrow());
        assertThat(vm.modelProperty().get().source().name()).isEqualTo("tiny2");
        assertThat(vm.annotationsProperty().get().boxCount()).isZero();
        assertThat(vm.currentModel().mismatchProperty().get()).contains("needs a model trained on rooms");
    }
}
