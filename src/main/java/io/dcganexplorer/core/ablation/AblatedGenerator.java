package io.dcganexplorer.core.ablation;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * G(z) with chosen feature maps of one layer switched off: the forward pass of the DCGAN paper's
 * figure 6 (Radford, Metz and Chintala 2015, section 6.2), where the maps that draw windows are "dropped
 * ... from all spatial locations" and the generator draws the room without them.
 *
 * <p>The network runs layer by layer up to the named layer, the chosen channels of that layer's output
 * are set to exactly zero, and the remaining layers run from there, each after its input preprocessor
 * (as {@link MultiLayerNetwork#output} applies them). No
 * copy of the model is made and nothing is written into it: its parameters and batchnorm statistics are
 * the same afterwards, so the un-ablated generator keeps working. Inference mode only.
 *
 * <p>Not thread-safe, like the network it wraps: one thread at a time.
 */
public final class AblatedGenerator {

    private final MultiLayerNetwork generator;
    private final String layer;
    private final int index;
    private final int[] channels;

    /**
     * @param generator the network (not copied)
     * @param layer name of the layer whose output loses the channels
     * @param channels channel indices to zero; empty gives plain G(z)
     */
    public AblatedGenerator(MultiLayerNetwork generator, String layer, int[] channels) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.layer = layer;
        this.index = LayerActivations.indexOf(generator, layer);
        this.channels = channels.clone();
    }

    public String layer() {
        return layer;
    }

    /** The switched-off channels, in the order given. */
    public int[] channels() {
        return channels.clone();
    }

    /** The image for each row of z: [N, C, H, W] in [-1, 1]. */
    public INDArray output(INDArray z) {
        return run(index + 1, generator.getnLayers() - 1, activation(z));
    }

    /** The named layer's output with the channels zeroed: [N, C, h, w], a new array. */
    public INDArray activation(INDArray z) {
        INDArray features = run(0, index, z).dup('c');
        if (features.rank() != 4) {
            throw new IllegalArgumentException("layer " + layer + " outputs " + Arrays.toString(features.shape())
                    + ": only layers with feature maps (4-d outputs) can lose channels");
        }
        long available = features.size(1);
        for (int c : channels) {
            if (c < 0 || c >= available) {
                throw new IllegalArgumentException("channel " + c + ": layer " + layer + " has channels 0 to "
                        + (available - 1));
            }
            features.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all()).assign(0);
        }
        return features;
    }

    /**
     * Layers {@code from} .. {@code to} in inference mode, outside workspaces. Not
     * {@code activateSelectedLayers}: it refuses a range of one layer (from == to), which is exactly the
     * case of the layer just below the image.
     */
    private INDArray run(int from, int to, INDArray input) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray x = input;
        for (int i = from; i <= to; i++) {
            InputPreProcessor pre = generator.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null) {
                x = pre.preProcess(x, (int) x.size(0), mgr);
            }
            x = generator.getLayer(i).activate(x, false, mgr);
        }
        return x;
    }
}
