package io.dcganexplorer.accel;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swaps the slow pieces of a CPU network for {@link FastLeakyReLU}, {@link FastReLU} and
 * {@link ChannelBatchNorm}, gives convolution layers an {@link PartialGradientConvHelper}, and puts an
 * {@link OutputReusingDeconvolution2DLayer} (no second forward pass in the backward pass) in place of each
 * deconvolution layer object, in place.
 * The results are the same to float rounding ({@code FastLayersTest}); the GAN step at 32x32x1 went from
 * 152-156 to 207-209 images/s in interleaved {@code bench} runs on this machine (docs/PERFORMANCE.md).
 *
 * <p>Activations are swapped in the layer configurations (a configuration saved as it is would name the
 * fast classes: {@link #withStockActivations} writes DL4J's own instead, as {@code Dcgan.writeNetworks} does through
 * {@link Accel#withStockClasses}).
 * Batchnorm and convolution layers get their helper set on the layer object: DL4J offers no public way
 * to choose a helper (the fields are package-private or protected, hence reflection; if that ever fails,
 * the layer keeps its own helper, only speed is lost, and a warning names the member that failed). Deconvolution layers have no helper slot, so their
 * layer objects are replaced, in the network's layer array and (reflection again) its by-name map; the
 * configuration, parameters and gradient views stay the ones DL4J made. {@link Accel#install} decides whether
 * this runs at all ({@code dcgan.accel=off}, the CUDA backend). Calling this twice is harmless.
 */
final class FastLayers {

    private static final Logger LOG = LoggerFactory.getLogger(FastLayers.class);
    /** What failed to install, each warned about once: a failure repeats for every layer of every network. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private static final String BATCH_NORM_FALLBACK = "batchnorm layers keep DL4J's helper";
    private static final String CONV_FALLBACK = "convolution layers keep DL4J's helper (full gradients every pass)";
    private static final Field BATCH_NORM_HELPER = accessibleField(BatchNormalization.class, "helper",
            BatchNormalizationHelper.class, BATCH_NORM_FALLBACK);
    private static final Field CONV_HELPER = accessibleField(ConvolutionLayer.class, "helper", ConvolutionHelper.class,
            CONV_FALLBACK);
    private static final Field LAYER_MAP = accessibleField(MultiLayerNetwork.class, "layerMap", Map.class,
            "deconvolution layers keep DL4J's (a second forward pass in each backward pass)");

    private FastLayers() {
    }

    /**
     * Installs the fast pieces into every layer of {@code network}; returns how many layers changed. Only through
     * {@link Accel#install}, which decides whether they may be installed at all.
     */
    static int install(MultiLayerNetwork network) {
        int changed = replaceDeconvolutions(network);
        for (Layer layer : network.getLayers()) {
            if (swapActivation(layer.conf().getLayer())) {
                changed++;
            }
            if (layer instanceof BatchNormalization bn && swapHelper(bn)) {
                changed++;
            }
            if (layer instanceof ConvolutionLayer conv && swapHelper(conv)) {
                changed++;
            }
        }
        return changed;
    }

    /**
     * Puts an {@link OutputReusingDeconvolution2DLayer} in place of each of DL4J's deconvolution layer objects,
     * in the layer array and in the by-name map. Needs reflection for the map (protected); without it nothing is
     * replaced.
     */
    private static int replaceDeconvolutions(MultiLayerNetwork network) {
        if (LAYER_MAP == null) {
            return 0;
        }
        Map<String, Layer> byName;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Layer> map = (Map<String, Layer>) LAYER_MAP.get(network);
            byName = map;
        } catch (IllegalAccessException | ClassCastException e) {
            warnOnce("MultiLayerNetwork.layerMap", e, "deconvolution layers keep DL4J's (a second forward pass in "
                    + "each backward pass)");
            return 0;
        }
        Layer[] layers = network.getLayers();
        int replaced = 0;
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].getClass() == Deconvolution2DLayer.class) {
                Layer original = layers[i];
                Layer replacement = OutputReusingDeconvolution2DLayer.replacing((Deconvolution2DLayer) original);
                layers[i] = replacement;
                byName.replaceAll((name, layer) -> layer == original ? replacement : layer);
                replaced++;
            }
        }
        if (replaced > 0) {
            rebuildUpdater(network);
        }
        return replaced;
    }

    /**
     * An updater made before the layers were replaced (a network loaded with its Adam state) still names the
     * old layer objects in its blocks. DL4J compares blocks by layer object: {@code setLearningRate} would then
     * see changed blocks and go down a path that fails on batchnorm's stateless statistics blocks. So a fresh
     * updater over the new objects takes the old one's state (same configuration, so the same layout).
     */
    private static void rebuildUpdater(MultiLayerNetwork network) {
        if (!(network.getUpdater(false) instanceof MultiLayerUpdater existing)) {
            return;
        }
        INDArray state = existing.getStateViewArray();
        INDArray saved = state == null ? null : state.dup();
        network.setUpdater(null);
        ((MultiLayerUpdater) network.getUpdater()).setStateViewArray(saved);
    }

    private static boolean swapActivation(org.deeplearning4j.nn.conf.layers.Layer conf) {
        IActivation fast = fastVersion(activationOf(conf));
        if (fast != null) {
            setActivation(conf, fast);
        }
        return fast != null;
    }

    /** The fast equivalent of a stock activation, or null where there is none (or it is already fast). */
    static IActivation fastVersion(IActivation fn) {
        if (fn != null && fn.getClass() == ActivationLReLU.class) {
            double alpha = ((ActivationLReLU) fn).getAlpha();
            return alpha >= 0 && alpha <= 1 ? new FastLeakyReLU(alpha) : null;
        }
        if (fn != null && fn.getClass() == ActivationReLU.class) {
            return FastReLU.isPlain((ActivationReLU) fn) ? new FastReLU() : null;
        }
        return null;
    }

    private static boolean swapHelper(BatchNormalization layer) {
        if (BATCH_NORM_HELPER == null || layer.params() == null || layer.params().dataType() != DataType.FLOAT
                || layer.layerConf().isLockGammaBeta()
                || layer.layerConf().getCnn2DFormat() != org.deeplearning4j.nn.conf.CNN2DFormat.NCHW) {
            return false;
        }
        try {
            Object current = BATCH_NORM_HELPER.get(layer);
            if (current instanceof ChannelBatchNorm) {
                return false;
            }
            BATCH_NORM_HELPER.set(layer, new ChannelBatchNorm(
                    current instanceof MKLDNNBatchNormHelper oneDnn ? oneDnn : null));
            return true;
        } catch (IllegalAccessException | RuntimeException e) {
            warnOnce("BatchNormalization.helper", e, BATCH_NORM_FALLBACK);
            return false;
        }
    }

    private static boolean swapHelper(ConvolutionLayer layer) {
        // Exactly DL4J's oneDNN helper: deconvolution layers have none, and a CUDA build another kind.
        if (CONV_HELPER == null || layer.getHelper() == null || layer.getHelper().getClass() != MKLDNNConvHelper.class) {
            return false;
        }
        try {
            CONV_HELPER.set(layer, new PartialGradientConvHelper(DataType.FLOAT));
            return true;
        } catch (IllegalAccessException | RuntimeException e) {
            warnOnce("ConvolutionLayer.helper", e, CONV_FALLBACK);
            return false;
        }
    }

    /**
     * Sets whether {@code network}'s convolution layers compute only the gradient with respect to their input
     * in the next backward passes ({@link PartialGradientConvHelper}); their weight and bias gradients are then
     * stale. Returns the number of layers that honour the setting (0 where the fast layers are not installed:
     * those compute everything, which is slower but never wrong).
     */
    static int inputGradientsOnly(MultiLayerNetwork network, boolean only) {
        int layers = 0;
        for (Layer layer : network.getLayers()) {
            if (layer instanceof ConvolutionLayer conv && conv.getHelper() instanceof PartialGradientConvHelper helper) {
                helper.setInputGradientOnly(only);
                layers++;
            }
        }
        return layers;
    }

    /**
     * Sets whether {@code network}'s first layer, if it is a convolution with the fast helper, computes only its
     * weight and bias gradients in the next backward passes, returning no gradient with respect to the network's
     * input ({@link PartialGradientConvHelper#setWeightGradientOnly}). Returns whether the layer honours it.
     */
    static boolean firstLayerWeightGradientsOnly(MultiLayerNetwork network, boolean only) {
        if (network.getnLayers() > 0 && network.getLayer(0) instanceof ConvolutionLayer conv
                && conv.getHelper() instanceof PartialGradientConvHelper helper) {
            helper.setWeightGradientOnly(only);
            return true;
        }
        return false;
    }

    /**
     * Runs {@code action} (typically: write the network to a file) with DL4J's stock activation classes in the
     * network's configuration, then puts the fast ones back. Files written this way name only DL4J classes,
     * so any DL4J program can load them. The caller must own the network (no other thread may use it meanwhile).
     */
    static void withStockActivations(MultiLayerNetwork network, Accel.NetworkAction action) throws java.io.IOException {
        java.util.List<Runnable> restore = new java.util.ArrayList<>();
        try {
            for (Layer layer : network.getLayers()) {
                org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
                IActivation fn = activationOf(conf);
                IActivation stock = fn instanceof FastLeakyReLU leaky ? new ActivationLReLU(leaky.getAlpha())
                        : fn instanceof FastReLU ? new ActivationReLU() : null;
                if (stock != null) {
                    setActivation(conf, stock);
                    restore.add(() -> setActivation(conf, fn));
                }
            }
            action.run();
        } finally {
            restore.forEach(Runnable::run);
        }
    }

    /** The activation of a layer that has one (dense, convolution, output or activation layer), else null. */
    static IActivation activationOf(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof BaseLayer base) {
            return base.getActivationFn();
        }
        return conf instanceof ActivationLayer activation ? activation.getActivationFn() : null;
    }

    private static void setActivation(org.deeplearning4j.nn.conf.layers.Layer conf, IActivation fn) {
        if (conf instanceof BaseLayer base) {
            base.setActivationFn(fn);
        } else if (conf instanceof ActivationLayer activation) {
            activation.setActivationFn(fn);
        }
    }

    /** Whether {@code layer} computes with {@link ChannelBatchNorm}. */
    static boolean usesChannelBatchNorm(BatchNormalization layer) {
        return layer.getHelper() instanceof ChannelBatchNorm;
    }

    /**
     * {@code owner}'s declared field {@code name} of a type {@code type} can hold, made accessible; null if there is
     * none (another DL4J version), after a warning that names it and what {@code fallback} is left.
     */
    static Field accessibleField(Class<?> owner, String name, Class<?> type, String fallback) {
        String what = owner.getSimpleName() + "." + name;
        try {
            Field field = owner.getDeclaredField(name);
            if (!type.isAssignableFrom(field.getType())) {
                warnOnce(what, new IllegalStateException("its type is " + field.getType().getName() + ", not "
                        + type.getName()), fallback);
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            warnOnce(what, e, fallback);
            return null;
        }
    }

    /** Logs, once per {@code what}, that a reflective step into DL4J failed and what runs instead: slower, not wrong. */
    static void warnOnce(String what, Exception cause, String fallback) {
        if (WARNED.add(what)) {
            LOG.warn("speed-up not installed: cannot use DL4J's {} ({}); {}. Results are the same, only slower.",
                    what, cause, fallback);
        }
    }

    /** The reflective steps that failed so far in this process, by DL4J member name (for tests). */
    static Set<String> failures() {
        return Set.copyOf(WARNED);
    }
}
