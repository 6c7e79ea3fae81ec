package io.dcganexplorer.app.arithmetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.walk.WalkFixtures;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.core.latent.ArithmeticFigure;
import io.dcganexplorer.core.latent.ConceptArithmetic;
import io.dcganexplorer.core.latent.Lesson;
import io.dcganexplorer.run.lesson.LessonFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Arithmetic view model without a toolkit, on a tiny random RGB model. */
class ArithmeticViewModelTest {

    @TempDir
    static Path dir;

    private final WalkFixtures.QueueExecutor executor = new WalkFixtures.QueueExecutor();
    private final WalkFixtures.RecordingErrors errors = new WalkFixtures.RecordingErrors();
    private ArithmeticViewModel vm;

    static DcganConfig tinyRgb() {
        return new DcganConfig(16, 3, 6, 4, 4, 8, 2e-4, 0.5, LatentDistribution.UNIFORM, 11);
    }

    @BeforeAll
    static void writeModel() throws Exception {
        WalkFixtures.writeModel(dir.resolve("models"), "tiny", tinyRgb());
    }

    private ArithmeticViewModel open() throws Exception {
        return openIn(dir.resolve("models"));
    }

    private ArithmeticViewModel openIn(Path modelsRoot) throws Exception {
        ModelService models = new ModelService(executor, errors, new WalkFixtures.ManualPoller(),
                modelsRoot, dir.resolve("runs"));
        vm = new ArithmeticViewModel(executor, errors, models, dir.resolve("no-evaluators"));
        executor.drainUntil(() -> vm.gridFrames().size() == Lesson.GRID_SIZE, Duration.ofSeconds(20));
        return vm;
    }

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
    }

    private void fillThreeByThree() throws Exception {
        for (int cell = 0; cell < 9; cell++) {
            vm.assign(cell);
        }
        executor.drainUntil(() -> vm.resultFrames().size() == ArithmeticFigure.CELLS, Duration.ofSeconds(20));
    }

    @Test
    void aHandedOverZBecomesAnExemplarOfTheSelectedBucketWithItsImage() throws Exception {
        open();
        float[] z = {0.1f, -0.2f, 0.3f, -0.4f, 0.5f, -0.6f};
        assertThat(vm.receiveExemplar(z, "photo.png, projected")).isTrue();
        Bucket a = vm.buckets().get(0);
        executor.drainUntil(() -> a.meanFrameProperty().get() != null, Duration.ofSeconds(20));
        assertThat(a.exemplars()).hasSize(1);
        assertThat(a.exemplars().get(0).z()).containsExactly(z);
        assertThat(a.exemplars().get(0).cell()).as("not a grid cell").isEqualTo(-1);
        assertThat(vm.statusProperty().get()).contains("photo.png");
        assertThat(vm.receiveExemplar(new float[3], "a z of another model")).isFalse();
        assertThat(vm.statusProperty().get()).contains("3 values").contains("takes 6");
    }

    @Test
    void threeExemplarsInEachOfThreeBucketsGiveTheResultOfAMinusBPlusC() throws Exception {
        open();
        fillThreeByThree();
        List<Bucket> b = vm.buckets();
        assertThat(b).allSatisfy(bucket -> assertThat(bucket.exemplars()).hasSize(3));
        assertThat(b.get(1).exemplars()).extracting(Bucket.Exemplar::cell).containsExactly(3, 4, 5);
        float[] expected = ConceptArithmetic.combine(List.of(ConceptArithmetic.Term.plus(b.get(0).zs()),
                ConceptArithmetic.Term.minus(b.get(1).zs()), ConceptArithmetic.Term.plus(b.get(2).zs())));
        assertThat(vm.resultZProperty().get()).containsExactly(expected);
        assertThat(vm.pixelFrameProperty().get()).isNotNull();
        assertThat(b).allSatisfy(bucket -> assertThat(bucket.meanFrameProperty().get()).isNotNull());
        assertThat(vm.statusProperty().get()).startsWith("A - B + C");
        Path png = dir.resolve("result.png");
        assertThat(vm.exportResult(png)).isTrue();
        // 16-pixel images: 5 columns and 3 rows with 2-pixel gaps, enlarged 8x.
        java.awt.image.BufferedImage saved = javax.imageio.ImageIO.read(png.toFile());
        assertThat(saved.getWidth()).isEqualTo(8 * (5 * 16 + 6 * 2));
        assertThat(saved.getHeight()).isEqualTo(8 * (3 * 16 + 4 * 2));
        assertThat(errors.messages).isEmpty();
    }

    @Test
    void clickingAnExemplarAgainTakesItOutAndEmptiesTheResult() throws Exception {
        open();
        fillThreeByThree();
        vm.selectedProperty().set(vm.buckets().get(0));
        vm.assign(1);
        assertThat(vm.buckets().get(0).exemplars()).extracting(Bucket.Exemplar::cell).containsExactly(0, 2);
        vm.buckets().get(2).exemplars().clear();
        vm.recompute();
        assertThat(vm.resultFrames()).isEmpty();
    }

    @Test
    void aFourthExemplarReplacesTheOldestAndTermsCanBeAddedAndFlipped() throws Exception {
        open();
        vm.selectedProperty().set(vm.buckets().get(0));
        for (int cell : new int[] {0, 1, 2}) {
            vm.assign(cell);
        }
        vm.selectedProperty().set(vm.buckets().get(0));
        vm.assign(10);
        assertThat(vm.buckets().get(0).exemplars()).extracting(Bucket.Exemplar::cell).containsExactly(1, 2, 10);
        Bucket d = vm.addBucket(-1);
        assertThat(vm.selectedProperty().get()).isSameAs(d);
        assertThat(vm.expression()).isEqualTo("A - B + C - D");
        vm.toggleSign(d);
        assertThat(vm.expression()).isEqualTo("A - B + C + D");
        vm.removeBucket(d);
        assertThat(vm.buckets()).hasSize(3);
    }

    @Test
    void aSavedLessonLoadsBackToTheSameResult() throws Exception {
        open();
        fillThreeByThree();
        float[] before = vm.resultZProperty().get();
        Path file = dir.resolve("mine.json");
        LessonFiles.write(vm.toLesson("mine"), file);
        vm.buckets().forEach(b -> b.exemplars().clear());
        vm.recompute();
        vm.gridSeedProperty().set(7);
        executor.drainUntil(() -> vm.gridFrames().size() == Lesson.GRID_SIZE, Duration.ofSeconds(20));
        vm.loadLesson(file);
        executor.drainUntil(() -> vm.resultFrames().size() == ArithmeticFigure.CELLS, Duration.ofSeconds(20));
        assertThat(vm.gridSeedProperty().get()).isEqualTo(ArithmeticViewModel.DEFAULT_GRID_SEED);
        assertThat(vm.resultZProperty().get()).containsExactly(before);
    }

    @Test
    void withoutAClassifierALessonUsesItsStoredExemplars() throws Exception {
        open();
        Lesson lesson = new Lesson("stored", "", "", 5, List.of(
                Lesson.Concept.ofIndices("smiling woman", 1, List.of(1, 2, 3), Map.of("smile", true)),
                Lesson.Concept.ofIndices("neutral woman", -1, List.of(4, 5, 6), Map.of("smile", false)),
                Lesson.Concept.ofIndices("neutral man", 1, List.of(7, 8, 9), Map.of("man", true))));
        vm.applyLesson(lesson);
        executor.drainUntil(() -> vm.resultFrames().size() == ArithmeticFigure.CELLS, Duration.ofSeconds(20));
        assertThat(vm.classifierReadyProperty().get()).isFalse();
        assertThat(vm.buckets()).extracting(b -> b.nameProperty().get())
                .containsExactly("smiling woman", "neutral woman", "neutral man");
        assertThat(vm.buckets().get(2).exemplars()).extracting(Bucket.Exemplar::cell).containsExactly(7, 8, 9);
        assertThat(vm.statusProperty().get()).contains("stored exemplars");
        assertThat(vm.resultZProperty().get()).containsExactly(ConceptArithmetic.combine(
                lesson.terms(new io.dcganexplorer.core.latent.LatentSampler(6, LatentDistribution.UNIFORM))));
    }

    @Test
    void theTurnTabExplainsThatItNeedsTheClassifier() throws Exception {
        open();
        vm.turn().compute();
        assertThat(vm.turn().statusProperty().get()).contains("No face attribute classifier for tiny, step 0, 16x16x3")
                .contains("evaluators --only faces --size 16");
        assertThat(vm.turn().busyProperty().get()).isFalse();
    }

    @Test
    void aLessonSavedWithAnotherZLengthIsRefusedNamingTheModelAndBothLengths() throws Exception {
        open();
        List<Bucket> before = List.copyOf(vm.buckets());
        float[] z100 = new float[100];
        Lesson lesson = new Lesson("from faces64", "", "models/faces64", 5, List.of(
                new Lesson.Concept("smiling woman", 1, List.of(), List.of(z100, z100, z100), Map.of()),
                new Lesson.Concept("neutral woman", -1, List.of(), List.of(z100), Map.of())));

        vm.applyLesson(lesson);
        executor.drainUntil(() -> !errors.messages.isEmpty(), Duration.ofSeconds(20));

        assertThat(errors.messages).containsExactly("The lesson does not fit this model: Lesson 'from faces64' holds "
                + "z vectors of length 100 (made with models/faces64); tiny, step 0, 16x16x3, nz 6 takes z of length 6, "
                + "so its exemplars cannot be shown here.");
        assertThat(vm.buckets()).containsExactlyElementsOf(before);
    }

    @Test
    void theTurnTabSaysAGrayscaleModelCannotBeJudgedByTheFaceClassifier() throws Exception {
        Path gray = dir.resolve("gray-models");
        WalkFixtures.writeModel(gray, "gray", new DcganConfig(16, 1, 6, 4, 4, 8, 2e-4, 0.5,
                LatentDistribution.UNIFORM, 11));
        openIn(gray);
        vm.turn().compute();
        assertThat(vm.turn().statusProperty().get()).isEqualTo("The face attribute classifier judges RGB faces; gray, "
                + "step 0, 16x16x1, nz 6 makes grayscale images.");
        assertThat(errors.messages).isEmpty();
    }

    @Test
    void anotherModelEmptiesTheBucketsAndForgetsTheLessonsConcepts() throws Exception {
        Path root = dir.resolve("two-models");
        WalkFixtures.writeModel(root, "tiny", tinyRgb());
        WalkFixtures.writeModel(root, "tiny2", tinyRgb());
        openIn(root);
        vm.buckets().get(0).nameProperty().set("man with glasses");
        vm.assign(0);
        ModelService models = vm.models();

        models.open(models.choices().stream().filter(c -> c.name().equals("tiny2")).findFirst().orElseThrow());
        executor.drainUntil(() -> vm.modelProperty().get().source().name().equals("tiny2"), Duration.ofSeconds(20));

        assertThat(vm.buckets()).extracting(b -> b.nameProperty().get()).containsExactly("A", "B", "C");
        assertThat(vm.buckets()).allSatisfy(b -> assertThat(b.exemplars()).isEmpty());
        assertThat(vm.currentModel().titleProperty().get()).startsWith("Model: tiny2");
    }
}
