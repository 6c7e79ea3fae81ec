package io.dcganexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.core.projection.Projector;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.run.Json;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.TrainingState;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void projectsPicturesWritesThePairsAndEachZAndNamesABadFile() throws Exception {
        DcganConfig config = new DcganConfig(16, 3, 4, 4, 4, 8, 2e-4, 0.5, LatentDistribution.UNIFORM, 2);
        Dcgan gan = Dcgan.create(config);
        Path model = dir.resolve("model");
        DatasetSpec faces = new DatasetSpec(DatasetSpec.Kind.FACES, null, 16, 3, 50, 1);
        ModelBundle.write(model, gan, ModelBundle.info(config, faces, "faces", TrainingState.START), false);
        // A picture the model can draw exactly, at twice the model size.
        float[] drawn = new Projector(gan.generator(), null, 4, LatentDistribution.UNIFORM)
                .generate(new float[] {0.2f, -0.4f, 0.6f, 0.1f});
        Path picture = dir.resolve("drawn.png");
        ImageIO.write(ImageConversions.scaleNearest(ImageConversions.toImage(drawn, 0, 3, 16), 2), "png",
                picture.toFile());
        Path notAnImage = dir.resolve("readme.gif");
        Files.writeString(notAnImage, "hello");
        Path png = dir.resolve("out.png");

        int code = run("project", picture.toString(), notAnImage.toString(), "--model", model.toString(), "-o",
                png.toString(), "--steps", "20", "--restarts", "2", "--seed", "3", "--nearest", "50", "--scale", "1");

        assertThat(code).as("a bad file fails the run but not the other pictures").isEqualTo(1);
        assertThat(err.toString()).contains("readme.gif").contains("not an image").doesNotContain("\tat ");
        assertThat(out.toString()).contains("drawn.png: reduced from 32 to 16 pixels")
                .contains("reconstruction PSNR").contains("nearest of 50 training images");
        BufferedImage grid = ImageIO.read(png.toFile());
        // One row: original | reconstruction | nearest, 16 pixels each with 2-pixel gaps.
        assertThat(grid.getWidth()).isEqualTo(3 * 16 + 4 * 2);
        assertThat(grid.getHeight()).isEqualTo(16 + 2 * 2);
        float[] z = Json.MAPPER.readValue(dir.resolve("out-1.json").toFile(), float[].class);
        assertThat(z).hasSize(4);
        for (float v : z) {
            assertThat(v).isBetween(-1f, 1f);
        }
    }

    @Test
    void aBadOptionIsAUsageErrorNamingIt() throws Exception {
        assertThat(run("project", "x.png", "--model", dir.toString(), "--steps", "-3")).isEqualTo(2);
        assertThat(err.toString()).contains("steps = -3");
    }

    @Test
    void whenNoPictureCanBeReadNothingIsWritten() throws Exception {
        DcganConfig config = new DcganConfig(16, 1, 4, 4, 4, 8, 2e-4, 0.5, LatentDistribution.UNIFORM, 2);
        Path model = dir.resolve("model");
        ModelBundle.write(model, Dcgan.create(config), ModelBundle.info(config, null, "random", TrainingState.START),
                false);
        Path png = dir.resolve("out.png");
        assertThat(run("project", dir.resolve("missing.jpg").toString(), "--model", model.toString(), "-o",
                png.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("missing.jpg").contains("no such file").contains("nothing written");
        assertThat(png).doesNotExist();
    }
}
