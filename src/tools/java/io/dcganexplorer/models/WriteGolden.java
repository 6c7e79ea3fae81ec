package io.dcganexplorer.models;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.run.Json;
import io.dcganexplorer.run.ModelBundle;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Records a shipped model's golden pixels ({@code golden.json}) for {@link ShippedModelsTest}. Run once when
 * a model is (re)trained: {@code java -cp target/test-classes:target/classes:... io.dcganexplorer.models.WriteGolden models/NAME}.
 */
public final class WriteGolden {

    private WriteGolden() {
    }

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            Path folder = Path.of(arg);
            ModelBundle.Loaded model = ModelBundle.load(folder);
            var config = model.gan().config();
            int count = 4;
            long seed = 2015;
            INDArray images = model.gan().generate(new LatentSampler(config.nz(), config.latent())
                    .batch(seed, LatentSampler.SAMPLING_STREAM, 0, count));
            float[] pixels = images.dup('c').data().asFloat();
            int stride = 97;
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("seed", seed);
            root.put("count", count);
            root.put("stride", stride);
            ArrayNode values = root.putArray("pixels");
            for (int i = 0; i < pixels.length; i += stride) {
                values.add(Math.round(pixels[i] * 1e5) / 1e5);
            }
            Json.MAPPER.writeValue(folder.resolve("golden.json").toFile(), root);
            System.out.println(folder + ": " + values.size() + " golden pixels");
        }
    }
}
