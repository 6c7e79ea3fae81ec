package io.dcganexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.ablation.WindowAnnotations;
import io.dcganexplorer.core.eval.TrainingProgress;
import io.dcganexplorer.core.eval.WindowDetector;
import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.data.procedural.PixelBox;
import io.dcganexplorer.run.AnnotationFiles;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.TrainingState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ablate} end to end on a tiny random model, a barely trained detector and hand-drawn boxes. */
class AblateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void handAnnotationsGiveAProbeAMeasurementAndTheFiles() throws Exception {
        DcganConfig config = new DcganConfig(16, 3, 4, 4, 4, 8, 2e-4, 0.5, LatentDistribution.UNIFORM, 2);
        Dcgan gan = Dcgan.create(config);
        gan.generator().params().muli(4);
        Path model = dir.resolve("model");
        ModelBundle.write(model, gan, ModelBundle.info(config, null, "random weights", TrainingState.START), false);
        Path detector = dir.resolve("windows-16");
        WindowDetector.train(16, 4, 1, 1, 2, TrainingProgress.NONE).save(detector);
        List<WindowAnnotations.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            samples.add(new WindowAnnotations.Sample(i, List.of(new PixelBox(i, 2, 6, 5))));
        }
        Path boxes = dir.resolve("boxes.json");
        AnnotationFiles.write(boxes, new WindowAnnotations(16, 5, samples));

        int code = Main.run(new String[] {"ablate", "--model", model.toString(), "--detector", detector.toString(),
            "--annotations", boxes.toString(), "--samples", "20", "--controls", "2", "--threshold", "-100",
            "--out", dir.resolve("out").toString()}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("8 window boxes on 8 of them").contains("probe on relu1 (4 maps, 8x8)")
                .contains("4 maps with weight above -100").contains("| original | 0 |")
                .contains("random maps off (2 draws");
        assertThat(dir.resolve("out/ablation.md")).exists();
        assertThat(AnnotationFiles.read(dir.resolve("out/annotations.json")).boxCount()).isEqualTo(8);
        assertThat(Files.size(dir.resolve("out/before-after.png"))).isPositive();
    }

    @Test
    void aMissingDetectorIsOneLineNamingTheFolder() throws Exception {
        int code = Main.run(new String[] {"ablate", "--model", dir.resolve("nope").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: ").contains("nope").doesNotContain("\tat ");
    }
}
