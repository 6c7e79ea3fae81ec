package io.dcganexplorer.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dcganexplorer.accel.Accel;
import io.dcganexplorer.accel.GeneratorInference;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.run.Json;
import io.dcganexplorer.run.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Golden check of the models in {@code models/}: each loads with the current code, generates images of
 * its declared shape in [-1, 1], and reproduces the pixels recorded in its {@code golden.json} when it was
 * shipped, so a change that alters loading or inference cannot slip through.
 */
class ShippedModelsTest {

    static final Path MODELS = Path.of("models");
    /** The models the app and the README promise. */
    static final List<String> EXPECTED = List.of("fashion32", "faces32", "rooms32");

    static Stream<String> shipped() {
        return EXPECTED.stream();
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void shippedModelLoadsAndReproducesItsGoldenPixels(String name) throws Exception {
        Path folder = MODELS.resolve(name);
        ModelBundle.Loaded model = ModelBundle.load(folder);
        var config = model.gan().config();
        JsonNode golden = Json.MAPPER.readTree(folder.resolve("golden.json").toFile());
        long seed = golden.get("seed").asLong();
        int count = golden.get("count").asInt();
        INDArray z = new LatentSampler(config.nz(), config.latent()).batch(seed, LatentSampler.SAMPLING_STREAM, 0, count);
        INDArray images = model.gan().generate(z);

        assertThat(images.shape()).containsExactly(count, config.channels(), config.imageSize(), config.imageSize());
        assertThat(images.minNumber().doubleValue()).isGreaterThanOrEqualTo(-1);
        assertThat(images.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        // A trained generator draws varied images, not one flat colour.
        assertThat(images.stdNumber().doubleValue()).isGreaterThan(0.1);

        float[] pixels = images.dup('c').data().asFloat();
        List<Double> expected = new ArrayList<>();
        golden.get("pixels").forEach(n -> expected.add(n.asDouble()));
        int stride = golden.get("stride").asInt();
        for (int i = 0; i < expected.size(); i++) {
            assertThat((double) pixels[i * stride]).as("%s pixel %d", name, i * stride)
                    .isCloseTo(expected.get(i), org.assertj.core.data.Offset.offset(2e-3));
        }
        assertThat(Files.size(folder.resolve(ModelBundle.GENERATOR)) + Files.size(folder.resolve(ModelBundle.DISCRIMINATOR)))
                .isLessThan(40L << 20);

        // The Walk pane's compiled batch-1 path draws the same images as the network.
        GeneratorInference compiled = Accel.compile(model.gan().generator()).orElseThrow();
        for (int i = 0; i < Math.min(count, 4); i++) {
            INDArray one = compiled.generate(z.getRow(i).toFloatVector());
            assertThat(one.sub(images.get(NDArrayIndex.interval(i, i + 1))).amaxNumber().doubleValue())
                    .as("%s image %d through GeneratorInference", name, i).isLessThan(1e-4);
        }
    }
}
