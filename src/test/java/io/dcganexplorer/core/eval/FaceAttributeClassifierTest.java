package io.dcganexplorer.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcganexplorer.data.procedural.FaceGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FaceAttributeClassifierTest {

    private static final int SIZE = 16;
    private static final long SEED = 5;
    private static final int FACES = 600;
    private static final int HELD_OUT = 300;

    private static FaceAttributeClassifier classifier;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainTinyClassifier() throws InterruptedException {
        classifier = FaceAttributeClassifier.train(SIZE, FACES, 3, SEED, HELD_OUT, TrainingProgress.NONE);
    }

    @Test
    void tinyClassifierBeatsChanceOnGlassesPresentationAndYaw() {
        FaceAttributeMetrics m = classifier.heldOutMetrics();
        // Chance: glasses occur in 40% of faces (so "never" scores 0.6), men in 50%, yaw sign 50%, and a constant
        // yaw of 0 has MAE 0.5. Measured with this seed: glasses 0.99, man 0.75, yaw sign 0.81, yaw MAE 0.29.
        // Smile is left out here: at 16x16 the mouth is two or three pixels and after these 113 steps smile
        // accuracy was 0.51, chance; the shipped 32x32 and 64x64 classifiers report it in models/evaluators.
        assertThat(m.glasses()).as("glasses %s", m).isGreaterThan(0.85);
        assertThat(m.man()).as("man %s", m).isGreaterThan(0.65);
        assertThat(m.yawSign()).as("yaw sign %s", m).isGreaterThan(0.7);
        assertThat(m.yawMae()).as("yaw %s", m).isLessThan(0.4);
        assertThat(m.faces()).isEqualTo(HELD_OUT);
        assertThat(m.men()).isBetween(HELD_OUT / 3, 2 * HELD_OUT / 3);
    }

    @Test
    void heldOutMetricsAreThoseOfTheFacesAfterTheTrainingFaces() {
        var heldOut = FaceAttributeClassifier.faces(new FaceGenerator(SEED), FACES, HELD_OUT, SIZE);
        assertThat(classifier.evaluate(heldOut)).isEqualTo(classifier.heldOutMetrics());
    }

    @Test
    void predictionsAreProbabilitiesAndYawInRange() {
        List<FacePrediction> predictions = classifier.predict(Nd4j.rand(DataType.FLOAT, 4, 3, SIZE, SIZE));
        assertThat(predictions).hasSize(4).allSatisfy(p -> {
            assertThat(p.glasses()).isBetween(0.0, 1.0);
            assertThat(p.man()).isBetween(0.0, 1.0);
            assertThat(p.yaw()).isBetween(-1.0, 1.0);
        });
    }

    @Test
    void savedClassifierLoadsAndGivesIdenticalPredictions() throws Exception {
        classifier.save(dir.resolve("f"));
        FaceAttributeClassifier loaded = FaceAttributeClassifier.load(dir.resolve("f"));
        INDArray images = Nd4j.rand(DataType.FLOAT, 6, 3, SIZE, SIZE).muli(2).subi(1);
        assertThat(loaded.predict(images)).isEqualTo(classifier.predict(images));
        assertThat(loaded.heldOutMetrics()).isEqualTo(classifier.heldOutMetrics());
    }

    @Test
    void unreadableDescriptionIsReportedByName() throws Exception {
        Path folder = dir.resolve("f");
        classifier.save(folder);
        Files.writeString(folder.resolve("evaluator.json"), "{ not json");
        assertThatThrownBy(() -> FaceAttributeClassifier.load(folder)).isInstanceOf(EvaluatorFileException.class)
                .hasMessageContaining(folder.resolve("evaluator.json").toString())
                .hasMessageContaining("unreadable evaluator description");
    }
}
