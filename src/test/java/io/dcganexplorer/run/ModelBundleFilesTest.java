package io.dcganexplorer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.accel.FastLeakyReLU;
import io.dcganexplorer.accel.FastReLU;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Model files stay plain DL4J files although the live networks compute with FastLayers. */
class ModelBundleFilesTest {

    @Test
    void savedNetworksNameOnlyDl4jClassesAndLoadBackFast(@TempDir Path dir) throws Exception {
        Dcgan gan = Dcgan.create(TinyRuns.config());
        Path folder = dir.resolve("model");
        ModelBundle.write(folder, gan, ModelBundle.info(gan.config(), TinyRuns.spec(), "test", TrainingState.START));

        for (String file : new String[] {ModelBundle.GENERATOR, ModelBundle.DISCRIMINATOR}) {
            try (ZipFile zip = new ZipFile(folder.resolve(file).toFile())) {
                String json = new String(zip.getInputStream(zip.getEntry("configuration.json")).readAllBytes(),
                        StandardCharsets.UTF_8);
                assertThat(json).as(file).contains("org.nd4j.linalg.activations.impl.Activation")
                        .doesNotContain("io.dcganexplorer.accel");
                if (file.equals(ModelBundle.GENERATOR)) {
                    // D names one class of ours, its loss (SigmoidCrossEntropyLoss); G none at all.
                    assertThat(json).as(file).doesNotContain("io.dcganexplorer");
                }
            }
        }
        // The live networks kept their fast activations through the write.
        assertThat(((BaseLayer) gan.discriminator().getLayer(0).conf().getLayer()).getActivationFn())
                .isInstanceOf(FastLeakyReLU.class);
        assertThat(((ActivationLayer) gan.generator().getLayer(2).conf().getLayer()).getActivationFn())
                .isInstanceOf(FastReLU.class);

        Dcgan loaded = ModelBundle.load(folder).gan();
        assertThat(((BaseLayer) loaded.discriminator().getLayer(0).conf().getLayer()).getActivationFn())
                .as("a loaded model computes with the fast layers too").isInstanceOf(FastLeakyReLU.class);
        INDArray z = Nd4j.rand(DataType.FLOAT, 3, TinyRuns.config().nz());
        assertThat(loaded.generate(z)).isEqualTo(gan.generate(z));
    }
}
