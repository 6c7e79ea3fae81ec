package io.dcganexplorer.app.model;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.run.ModelInfo;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A model that finished loading. Nobody runs its networks: each consumer takes
 * {@link #generatorCopy() its own copy of G} for the thread that renders with it.
 *
 * @param source what the user chose
 * @param checkpoint the folder the networks were read from (the checkpoint, for a run)
 * @param iteration the training step the weights are from
 * @param gan the loaded networks, used only as the source of copies
 * @param info what model.json says: the configuration, the training data, the build
 */
public record LoadedModel(ModelChoice source, Path checkpoint, long iteration, Dcgan gan, ModelInfo info) {

    public DcganConfig config() {
        return gan.config();
    }

    /** An independent generator for one consumer's thread. */
    public MultiLayerNetwork generatorCopy() {
        // Cloning reads the parameters; two panes copying at once must not interleave on one network.
        synchronized (gan) {
            return gan.copyOfGenerator();
        }
    }

    /** "name, step N, 64x64x3, nz 100" for status lines. */
    public String describe() {
        DcganConfig c = config();
        return source.name() + ", step " + iteration + ", " + c.imageSize() + "x" + c.imageSize() + "x" + c.channels()
                + ", nz " + c.nz();
    }
}
