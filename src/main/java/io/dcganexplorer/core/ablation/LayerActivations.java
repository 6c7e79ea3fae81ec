package io.dcganexplorer.core.ablation;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A generator's intermediate feature maps: the activations of one named layer for a batch of z, as the
 * DCGAN paper (Radford, Metz and Chintala 2015, section 6.2) reads them from "the second highest
 * convolution layer" to find the maps that draw windows.
 *
 * <p>Works on any {@link io.dcganexplorer.core.gan.GeneratorFactory} generator (layers named
 * {@code project, bn0, relu0, deconv1, ..., output}); reading never changes the network's parameters or
 * batchnorm statistics (inference mode).
 */
public final class LayerActivations {

    /** Name of the generator's image layer, whose channels are colours, not features. */
    public static final String OUTPUT_LAYER = "output";

    private LayerActivations() {
    }

    /**
     * One layer whose output is a stack of feature maps.
     *
     * @param index position in the network
     * @param name the layer's name
     * @param channels number of feature maps
     * @param size height and width of each map
     */
    public record FeatureLayer(int index, String name, int channels, int size) {

        /** "relu2 (64 maps, 16x16)". */
        public String describe() {
            return name + " (" + channels + " maps, " + size + "x" + size + ")";
        }
    }

    /** Index of the layer called {@code name}; an exception naming the layers there are otherwise. */
    public static int indexOf(MultiLayerNetwork generator, String name) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < generator.getnLayers(); i++) {
            String n = generator.getLayer(i).conf().getLayer().getLayerName();
            if (name.equals(n)) {
                return i;
            }
            names.add(n);
        }
        throw new IllegalArgumentException("layer " + name + ": no such layer in this generator; it has " + names);
    }

    /**
     * The layers with feature maps (4-d outputs), from the input side, the image layer excluded. Found with
     * one forward pass of a zero z, so it holds for any generator shape.
     */
    public static List<FeatureLayer> featureLayers(MultiLayerNetwork generator) {
        int nz = (int) generator.layerInputSize(0);
        List<INDArray> all = generator.feedForward(Nd4j.zeros(generator.params().dataType(), 1, nz), false);
        List<FeatureLayer> layers = new ArrayList<>();
        for (int i = 0; i < generator.getnLayers(); i++) {
            INDArray a = all.get(i + 1);
            String name = generator.getLayer(i).conf().getLayer().getLayerName();
            if (a.rank() == 4 && !OUTPUT_LAYER.equals(name)) {
                layers.add(new FeatureLayer(i, name, (int) a.size(1), (int) a.size(2)));
            }
        }
        return layers;
    }

    /**
     * The paper's choice: the output of the second-highest convolutional block (after its ReLU), i.e. the
     * last {@code reluK} before the image. At 32x32 that is relu2 (16x16), at 64x64 relu3 (32x32).
     */
    public static FeatureLayer defaultLayer(List<FeatureLayer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("this network has no layer with feature maps");
        }
        FeatureLayer chosen = layers.get(layers.size() - 1);
        for (FeatureLayer l : layers) {
            if (l.name().startsWith("relu")) {
                chosen = l;
            }
        }
        return chosen;
    }

    /** The layer called {@code name} among {@code layers}. */
    public static FeatureLayer find(List<FeatureLayer> layers, String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("layer " + name + " has no feature maps; choose one of "
                        + layers.stream().map(FeatureLayer::name).toList()));
    }

    /**
     * The output of layer {@code name} for each row of z, in inference mode.
     *
     * @return [N, C, h, w], a new array
     */
    public static INDArray at(MultiLayerNetwork generator, String name, INDArray z) {
        int index = indexOf(generator, name);
        List<INDArray> all = generator.feedForwardToLayer(index, z, false);
        // Element 0 is the input, element i + 1 the output of layer i.
        return all.get(index + 1).dup('c');
    }
}
