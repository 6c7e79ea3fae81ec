package io.dcganexplorer.core.probe;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.DiscriminatorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The discriminator as a feature extractor, as in Radford, Metz and Chintala (2015), section 5.1: "we
 * use all layers' features, max-pooling each layer representation to produce a 4 × 4 spatial grid.
 * These features are then flattened and concatenated".
 *
 * <p>"Each layer" is read as each convolutional block's output: the activation after the block's
 * LeakyReLU, which is where a block ends. For the networks of {@link DiscriminatorFactory} these are
 * {@code conv1} (its LeakyReLU is built in), then {@code lrelu2}, {@code lrelu3}, ... (after conv and
 * batchnorm). In general a block runs from one convolution layer to the layer before the next
 * convolution or the first non-convolutional layer (the sigmoid output is never a feature).
 *
 * <p>D runs in inference mode, so batchnorm uses its running statistics and one image's features never
 * depend on the other images in its batch. Maps whose sides are a multiple of 4 are pooled with
 * kernel = stride = side / 4 (a 4x4 map is kept as it is); other sides use adaptive bins, as PyTorch's
 * {@code AdaptiveMaxPool2d}: bin i covers [floor(i·H/4), ceil((i+1)·H/4)).
 *
 * <p>Not thread-safe: it runs the given network, which keeps per-call state.
 */
public final class DiscriminatorFeatures implements FeatureExtractor {

    /** Each layer is pooled to GRID x GRID positions. */
    public static final int GRID = 4;

    private final MultiLayerNetwork discriminator;
    private final int[] blockEnds;
    private final List<String> layerNames;
    private final int length;

    /**
     * Wraps a discriminator.
     *
     * @throws IllegalArgumentException when the network has no convolution layer
     */
    public DiscriminatorFeatures(MultiLayerNetwork discriminator) {
        this.discriminator = Objects.requireNonNull(discriminator, "discriminator");
        List<Integer> ends = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int layers = discriminator.getnLayers();
        boolean inBlock = false;
        int channels = 0;
        for (int i = 0; i < layers; i++) {
            Layer conf = discriminator.getLayer(i).conf().getLayer();
            boolean conv = conf instanceof ConvolutionLayer;
            boolean spatial = discriminator.getLayerWiseConfigurations().getInputPreProcess(i) == null
                    && !(conf instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer)
                    && !(conf instanceof org.deeplearning4j.nn.conf.layers.DenseLayer);
            if (inBlock && (conv || !spatial)) {
                ends.add(i - 1);
                names.add(discriminator.getLayer(i - 1).conf().getLayer().getLayerName());
                inBlock = false;
            }
            if (conv) {
                inBlock = true;
                // Batchnorm and activation layers keep the channel count, so the block has conv's nOut.
                channels += (int) ((ConvolutionLayer) conf).getNOut();
            } else if (!spatial) {
                break;
            }
        }
        if (inBlock) {
            ends.add(layers - 1);
            names.add(discriminator.getLayer(layers - 1).conf().getLayer().getLayerName());
        }
        if (ends.isEmpty()) {
            throw new IllegalArgumentException("the network has no convolution layer to take features from");
        }
        this.blockEnds = ends.stream().mapToInt(Integer::intValue).toArray();
        this.layerNames = List.copyOf(names);
        this.length = channels * GRID * GRID;
    }

    /**
     * Length of the feature vector of a {@link DiscriminatorFactory} network for {@code config}, worked
     * out from the architecture: every block gives channels x 4 x 4 values, and D's channels are ndf,
     * 2 ndf, 4 ndf, ... over {@code config.upsamplingLayers()} blocks.
     */
    public static int featureLength(DcganConfig config) {
        int total = 0;
        for (int block = 0; block < config.upsamplingLayers(); block++) {
            total += (config.ndf() << block) * GRID * GRID;
        }
        return total;
    }

    /** Names of the layers whose activations are pooled, in feature order (for example conv1, lrelu2, lrelu3). */
    public List<String> layerNames() {
        return layerNames;
    }

    /** Index of the last layer of the last convolutional block (its output is the top feature map). */
    public int lastBlockEnd() {
        return blockEnds[blockEnds.length - 1];
    }

    /** Values per feature vector: the channels of all blocks x 4 x 4. */
    @Override
    public int length() {
        return length;
    }

    @Override
    public float[][] extract(INDArray images) {
        int n = (int) images.size(0);
        // feedForwardToLayer stops before the output layer; train = false: batchnorm on running statistics.
        List<INDArray> activations = discriminator.feedForwardToLayer(blockEnds[blockEnds.length - 1], images, false);
        float[][] features = new float[n][length];
        int offset = 0;
        for (int end : blockEnds) {
            // Index 0 of the list is the input, so layer i's output is at i + 1.
            INDArray a = activations.get(end + 1);
            int c = (int) a.size(1);
            int h = (int) a.size(2);
            int w = (int) a.size(3);
            float[] values = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
            int perImage = c * h * w;
            for (int i = 0; i < n; i++) {
                maxPoolToGrid(values, i * perImage, c, h, w, features[i], offset);
            }
            offset += c * GRID * GRID;
        }
        return features;
    }

    /**
     * Max-pools one CHW activation to C x 4 x 4 (CHW order) into {@code dest} at {@code destOffset}.
     *
     * @param src activations, C x H x W values from {@code srcOffset}
     */
    public static void maxPoolToGrid(float[] src, int srcOffset, int channels, int height, int width,
                                     float[] dest, int destOffset) {
        for (int ch = 0; ch < channels; ch++) {
            int plane = srcOffset + ch * height * width;
            for (int gy = 0; gy < GRID; gy++) {
                int y0 = gy * height / GRID;
                int y1 = ceilDiv((gy + 1) * height, GRID);
                for (int gx = 0; gx < GRID; gx++) {
                    int x0 = gx * width / GRID;
                    int x1 = ceilDiv((gx + 1) * width, GRID);
                    float max = Float.NEGATIVE_INFINITY;
                    for (int y = y0; y < y1; y++) {
                        for (int x = x0; x < x1; x++) {
                            max = Math.max(max, src[plane + y * width + x]);
                        }
                    }
                    dest[destOffset + (ch * GRID + gy) * GRID + gx] = max;
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
