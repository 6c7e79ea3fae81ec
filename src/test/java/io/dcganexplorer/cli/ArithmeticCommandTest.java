package io.dcganexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.core.latent.Lesson;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.TrainingState;
import io.dcganexplorer.run.lesson.LessonFiles;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArithmeticCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path tinyModel() throws Exception {
        DcganConfig config = new DcganConfig(16, 3, 4, 4, 4, 8, 2e-4, 0.5, LatentDistribution.UNIFORM, 2);
        Path folder = dir.resolve("model");
        ModelBundle.write(folder, Dcgan.create(config), ModelBundle.info(config, null, "random", TrainingState.START),
                false);
        return folder;
    }

    @Test
    void aLessonIsRenderedToAPngOfConceptRowsAndTheResultBlock() throws Exception {
        Path model = tinyModel();
        Path lesson = dir.resolve("l.json");
        LessonFiles.write(new Lesson("t", "", "", 3, List.of(
                Lesson.Concept.ofIndices("a", 1, List.of(0, 1, 2), Map.of()),
                Lesson.Concept.ofIndices("b", -1, List.of(3, 4, 5), Map.of()),
                Lesson.Concept.ofIndices("c", 1, List.of(6, 7, 8), Map.of()))), lesson);
        Path png = dir.resolve("fig.png");
        assertThat(run("arithmetic", "--model", model.toString(), "--lesson", lesson.toString(), "--png",
                png.toString())).as(err.toString()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        // 3 concept rows + 3 result rows of 16-pixel images with 1-pixel gaps, enlarged 8x; 5 columns.
        assertThat(image.getHeight()).isEqualTo(8 * (6 * 16 + 7));
        assertThat(image.getWidth()).isEqualTo(8 * (5 * 16 + 6));
        assertThat(out.toString()).contains("lesson 't' rendered");
    }

    @Test
    void aMissingClassifierIsOneLineNamingTheFolder() throws Exception {
        Path model = tinyModel();
        assertThat(run("arithmetic", "--model", model.toString(), "--classifier", dir.resolve("nope").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("error: ").contains("nope").doesNotContain("\tat ");
    }
}
