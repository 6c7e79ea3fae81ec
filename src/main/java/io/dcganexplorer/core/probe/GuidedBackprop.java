package io.dcganexplorer.core.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Guided backpropagation (Springenberg, Dosovitskiy, Brox and Riedmiller, "Striving for Simplicity: The
 * All Convolutional Net", ICLR 2015 workshop) of the units of D's last convolutional block: which input
 * pixels make a unit fire, the DCGAN paper's figure 5.
 *
 * <p>A unit is one channel of the last block's output (after its LeakyReLU); in an image it is read at its
 * strongest position. The gradient of that one value with respect to the input is computed layer by layer,
 * backwards, and at every rectifier only positive gradients pass, and only through positive activations:
 * δ_in = δ_out · [δ_out &gt; 0] · [a &gt; 0]. How the layers are stepped through:
 * <ul>
 *   <li>a LeakyReLU/ReLU activation layer: that rule, by hand (for these, a &gt; 0 exactly when its input is);
 *   <li>batchnorm, in inference mode an affine map per channel y = s·x + t: δ_in = s·δ_out, with s read off
 *       the layer itself as its output for 1 minus its output for 0 (whatever its parametrisation);
 *   <li>a convolution: DL4J's own {@code backpropGradient} on the input the forward pass left in the layer;
 *       when its activation is a LeakyReLU/ReLU, δ is first masked by the rule above, so DL4J's multiplication
 *       by the activation's derivative (1 where the pre-activation is positive) leaves the guided δ.
 * </ul>
 * Nothing is updated: only input gradients are used, and the network runs in inference mode throughout.
 * Not thread-safe: it runs the given network.
 */
public final class GuidedBackprop {

    private final MultiLayerNetwork network;
    private final int last;
    private final int units;

    /**
     * Wraps a discriminator (or any network whose first layers are convolutions, batchnorms and
     * rectifiers).
     *
     * @throws IllegalArgumentException when a layer up to the last convolutional block has no guided rule
     */
    public GuidedBackprop(MultiLayerNetwork network) {
        this.network = Objects.requireNonNull(network, "network");
        DiscriminatorFeatures features = new DiscriminatorFeatures(network);
        this.last = features.lastBlockEnd();
        int channels = 0;
        for (int i = 0; i <= last; i++) {
            var conf = network.getLayer(i).conf().getLayer();
            if (conf instanceof ConvolutionLayer conv) {
                channels = (int) conv.getNOut();
                checkActivation(conv.getActivationFn(), conf.getLayerName(), true);
            } else if (conf instanceof ActivationLayer act) {
                checkActivation(act.getActivationFn(), conf.getLayerName(), false);
            } else if (!(conf instanceof BatchNormalization)) {
                throw new IllegalArgumentException("layer " + conf.getLayerName() + " ("
                        + conf.getClass().getSimpleName() + "): guided backprop knows convolution, batchnorm and (leaky) ReLU layers only");
            }
        }
        this.units = channels;
        if (network.getFlattenedGradients() == null) {
            // DL4J's layer backward passes write into gradient views, which a network gets at its first fit.
            network.initGradientsView();
        }
    }

    private static void checkActivation(IActivation fn, String layer, boolean identityAllowed) {
        boolean rectifier = fn instanceof ActivationLReLU || fn instanceof ActivationReLU;
        if (!rectifier && !(identityAllowed && fn instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("layer " + layer + " has activation " + fn
                    + ": guided backprop needs ReLU or LeakyReLU (or none on a convolution)");
        }
    }

    /** Channels of the last convolutional block: the units that can be shown. */
    public int units() {
        return units;
    }

    /**
     * Each unit's strongest response in each image: the maximum over positions of its channel.
     *
     * @param images [n, C, H, W] in [-1, 1]
     * @return [n][units]
     */
    public float[][] responses(INDArray images) {
        INDArray top = network.feedForwardToLayer(last, images, false).get(last + 1);
        return top.max(2, 3).castTo(DataType.FLOAT).toFloatMatrix();
    }

    /**
     * The guided-backprop map of one unit on each image: d(unit at its strongest position) / d(input),
     * with the guided rule at every rectifier.
     *
     * @param images [n, C, H, W]
     * @return [n, C, H, W] gradients (not normalised; see {@link #normalise})
     */
    public INDArray map(INDArray images, int unit) {
        if (unit < 0 || unit >= units) {
            throw new IllegalArgumentException("unit " + unit + " outside [0, " + units + ")");
        }
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        // Batchnorm scales first: probing a layer replaces the input the forward pass leaves in it.
        INDArray[] scale = new INDArray[last + 1];
        for (int i = 0; i <= last; i++) {
            if (network.getLayer(i).conf().getLayer() instanceof BatchNormalization bn) {
                long c = bn.getNOut();
                var layer = network.getLayer(i);
                INDArray zero = layer.activate(Nd4j.zeros(images.dataType(), 1, c, 1, 1), false, mgr).dup();
                INDArray one = layer.activate(Nd4j.ones(images.dataType(), 1, c, 1, 1), false, mgr).dup();
                scale[i] = one.sub(zero).reshape(1, c, 1, 1);
            }
        }
        INDArray[] outputs = new INDArray[last + 1];
        INDArray x = images;
        for (int i = 0; i <= last; i++) {
            x = network.getLayer(i).activate(x, false, mgr).dup();
            outputs[i] = x;
        }
        INDArray top = outputs[last];
        long n = top.size(0);
        long h = top.size(2);
        long w = top.size(3);
        INDArray delta = Nd4j.zeros(top.dataType(), top.shape());
        for (long i = 0; i < n; i++) {
            INDArray plane = top.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(unit)).reshape(h * w);
            long at = plane.argMax(0).getLong(0);
            delta.putScalar(new long[] {i, unit, at / w, at % w}, 1.0);
        }
        for (int i = last; i >= 0; i--) {
            var layer = network.getLayer(i);
            var conf = layer.conf().getLayer();
            if (conf instanceof ActivationLayer) {
                delta = guide(delta, outputs[i]);
            } else if (conf instanceof BatchNormalization) {
                delta = delta.mul(scale[i]);
            } else {
                ConvolutionLayer conv = (ConvolutionLayer) conf;
                if (!(conv.getActivationFn() instanceof ActivationIdentity)) {
                    delta = guide(delta, outputs[i]);
                }
                // DL4J's backward pass reads the input from the layer: give it this pass's input.
                layer.setInput(i == 0 ? images : outputs[i - 1], mgr);
                delta = layer.backpropGradient(delta, mgr).getSecond().dup();
            }
        }
        return delta;
    }

    /** δ · [δ &gt; 0] · [a &gt; 0]: the guided rule at a rectifier with output a. */
    static INDArray guide(INDArray delta, INDArray activation) {
        INDArray positive = delta.dup();
        positive.replaceWhere(Nd4j.zerosLike(positive), Conditions.lessThanOrEqual(0));
        INDArray open = activation.gt(0).castTo(delta.dataType());
        return positive.muli(open);
    }

    /** Scales each image's map by its largest absolute value, so that it lies in [-1, 1] (0 stays 0). */
    public static float[] normalise(float[] map) {
        float max = 0;
        for (float v : map) {
            max = Math.max(max, Math.abs(v));
        }
        float[] out = new float[map.length];
        if (max > 0) {
            for (int i = 0; i < map.length; i++) {
                out[i] = map[i] / max;
            }
        }
        return out;
    }

    /**
     * One unit's strongest images and their maps.
     *
     * @param unit the channel
     * @param images positions (into the images given) of the strongest responses, strongest first
     * @param responses the responses of those images
     * @param maps normalised guided-backprop maps, CHW in [-1, 1], one per image
     */
    public record UnitView(int unit, int[] images, float[] responses, List<float[]> maps) {

        /** Copies the arrays. */
        public UnitView {
            images = images.clone();
            responses = responses.clone();
            maps = maps.stream().map(float[]::clone).toList();
        }

        /** The image positions (a copy). */
        @Override
        public int[] images() {
            return images.clone();
        }

        /** The responses (a copy). */
        @Override
        public float[] responses() {
            return responses.clone();
        }
    }

    /**
     * Figure 5 for this network: for each of {@code unitList}, the {@code top} images of {@code images}
     * with the strongest response and their guided-backprop maps.
     *
     * @param images [n, C, H, W] real images
     */
    public List<UnitView> topImages(INDArray images, int[] unitList, int top, Progress progress,
                                    java.util.function.BooleanSupplier cancelled) {
        int n = (int) images.size(0);
        float[][] responses = new float[n][];
        for (int start = 0; start < n; start += FeatureExtractor.DEFAULT_BATCH) {
            Progress.checkCancelled(cancelled);
            int b = Math.min(FeatureExtractor.DEFAULT_BATCH, n - start);
            float[][] part = responses(images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, start + b)));
            System.arraycopy(part, 0, responses, start, b);
        }
        int k = Math.min(top, n);
        List<UnitView> views = new ArrayList<>();
        for (int u = 0; u < unitList.length; u++) {
            Progress.checkCancelled(cancelled);
            int unit = unitList[u];
            if (unit < 0 || unit >= units) {
                throw new IllegalArgumentException("unit " + unit + " outside [0, " + units + ")");
            }
            Integer[] order = new Integer[n];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> Float.compare(responses[b][unit], responses[a][unit]));
            int[] best = new int[k];
            float[] values = new float[k];
            for (int t = 0; t < k; t++) {
                best[t] = order[t];
                values[t] = responses[order[t]][unit];
            }
            INDArray[] chosen = new INDArray[k];
            for (int t = 0; t < k; t++) {
                chosen[t] = images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(best[t], best[t] + 1)).dup();
            }
            INDArray picked = Nd4j.concat(0, chosen);
            INDArray maps = map(picked, unit).castTo(DataType.FLOAT);
            List<float[]> list = new ArrayList<>();
            for (int t = 0; t < k; t++) {
                list.add(normalise(maps.get(org.nd4j.linalg.indexing.NDArrayIndex.point(t)).dup('c').data().asFloat()));
            }
            views.add(new UnitView(unit, best, values, list));
            progress.update((u + 1.0) / unitList.length, "unit " + unit);
        }
        return views;
    }
}
