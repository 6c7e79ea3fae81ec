package io.dcganexplorer.run.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.core.latent.ConceptArithmetic;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.core.latent.Lesson;
import io.dcganexplorer.run.RunFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonFilesTest {

    @TempDir
    Path dir;

    private static Lesson sample() {
        return new Lesson("Glasses", "man with glasses - man + woman", "models/faces32", 42, List.of(
                Lesson.Concept.ofIndices("man with glasses", 1, List.of(3, 9, 17), Map.of("man", true, "glasses", true)),
                Lesson.Concept.ofIndices("man without glasses", -1, List.of(1, 2, 5), Map.of("man", true)),
                new Lesson.Concept("woman", 1, List.of(), List.of(new float[] {0.5f, -0.25f, 1f, 0f}),
                        Map.of())));
    }

    @Test
    void aLessonSurvivesAWriteAndARead() throws Exception {
        Lesson lesson = sample();
        Path file = dir.resolve("sub/glasses.json");
        LessonFiles.write(lesson, file);
        Lesson back = LessonFiles.read(file);
        assertThat(back.name()).isEqualTo(lesson.name());
        assertThat(back.description()).isEqualTo(lesson.description());
        assertThat(back.modelHint()).isEqualTo(lesson.modelHint());
        assertThat(back.gridSeed()).isEqualTo(42);
        assertThat(back.concepts()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Lesson.Concept a = lesson.concepts().get(i);
            Lesson.Concept b = back.concepts().get(i);
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.sign()).isEqualTo(a.sign());
            assertThat(b.exemplars()).isEqualTo(a.exemplars());
            assertThat(b.attributes()).isEqualTo(a.attributes());
            assertThat(b.vectors()).hasSameSizeAs(a.vectors());
        }
        assertThat(back.concepts().get(2).vectors().get(0)).containsExactly(0.5f, -0.25f, 1f, 0f);
        // The same file is written again byte for byte: nothing is lost or reordered on the way.
        Path again = dir.resolve("again.json");
        LessonFiles.write(back, again);
        assertThat(Files.readString(again)).isEqualTo(Files.readString(file));
    }

    @Test
    void aReadLessonGivesTheSameArithmeticAsTheOriginal() throws Exception {
        LatentSampler sampler = new LatentSampler(4, LatentDistribution.UNIFORM);
        Path file = dir.resolve("l.json");
        LessonFiles.write(sample(), file);
        assertThat(ConceptArithmetic.combine(LessonFiles.read(file).terms(sampler)))
                .containsExactly(ConceptArithmetic.combine(sample().terms(sampler)));
    }

    @Test
    void aBrokenFileIsReportedWithItsName() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"name\": \"x\", \"concepts\": [{\"name\": \"a\", \"sign\": 2}]}");
        assertThatThrownBy(() -> LessonFiles.read(file)).isInstanceOf(RunFormatException.class)
                .hasMessageContaining("broken.json").hasMessageContaining("sign = 2");
        assertThatThrownBy(() -> LessonFiles.read(dir.resolve("missing.json")))
                .isInstanceOf(RunFormatException.class).hasMessageContaining("missing.json");
    }

    @Test
    void builtInLessonsLoadAndNameThreeExemplarsPerConcept() {
        List<Lesson> lessons = LessonFiles.builtIn();
        assertThat(lessons).extracting(Lesson::name).hasSize(LessonFiles.BUILT_IN.size());
        for (Lesson lesson : lessons) {
            assertThat(lesson.concepts()).hasSize(3);
            assertThat(lesson.concepts()).allSatisfy(c -> {
                assertThat(c.exemplars()).hasSize(3);
                assertThat(c.attributes()).isNotEmpty();
            });
        }
    }
}
