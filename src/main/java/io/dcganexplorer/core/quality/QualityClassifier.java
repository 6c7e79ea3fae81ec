package io.dcganexplorer.core.quality;

import io.dcganexplorer.core.probe.FeatureExtractor;
import io.dcganexplorer.core.probe.Progress;
import io.dcganexplorer.data.ImageDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small CNN trained on a labelled data set, standing in for Inception when scoring samples of that
 * data set: its penultimate layer ({@value #FEATURE_LENGTH} values) is the feature space of
 * {@link FrechetDistance}, its predictions feed {@link ClassCoverage}.
 *
 * <p>Architecture: three blocks of 3x3 convolution (16, 32, 64 filters), batchnorm, ReLU and 2x2 max
 * pooling, a dense ReLU layer of {@value #FEATURE_LENGTH} units, softmax. About 156,000 parameters at
 * 32x32 (0.6 MB saved without optimiser state). Trained with Adam from a fixed seed.
 *
 * <p>Not thread-safe: a DL4J network keeps per-call state.
 */
public final class QualityClassifier {

    /** Length of the penultimate-layer features. */
    public static final int FEATURE_LENGTH = 128;
    /** Name of the penultimate (feature) layer. */
    public static final String FEATURE_LAYER = "features";
    private static final String INFO_KEY = "quality-classifier";

    /**
     * How the classifier is trained.
     *
     * @param epochs passes over the training images
     * @param batchSize images per step
     * @param learningRate Adam's learning rate
     * @param seed seeds the weights and the data order
     */
    public record TrainingOptions(int epochs, int batchSize, double learningRate, long seed) {

        /** Validates the options. */
        public TrainingOptions {
            if (epochs < 1 || batchSize < 2 || !(learningRate > 0)) {
                throw new IllegalArgumentException("epochs >= 1, batch >= 2 and a positive learning rate needed (got "
                        + epochs + ", " + batchSize + ", " + learningRate + ")");
            }
        }

        /** 3 epochs, batch 128, lr 1e-3. */
        public static TrainingOptions defaults(long seed) {
            return new TrainingOptions(3, 128, 1e-3, seed);
        }
    }

    /**
     * Accuracy on labelled images.
     *
     * @param accuracy share classified correctly
     * @param confusion confusion[true][predicted]
     * @param count images scored
     */
    public record TestResult(double accuracy, int[][] confusion, int count) {

        /** Copies the matrix. */
        public TestResult {
            confusion = Arrays.stream(confusion).map(int[]::clone).toArray(int[][]::new);
        }

        /** The confusion matrix (a copy). */
        @Override
        public int[][] confusion() {
            return Arrays.stream(confusion).map(int[]::clone).toArray(int[][]::new);
        }
    }

    /**
     * Features and predicted classes of a batch.
     *
     * @param features penultimate-layer activations, one row per image
     * @param predicted the arg-max class of each image
     */
    public record Analysis(float[][] features, int[] predicted) {
    }

    private final MultiLayerNetwork network;
    private final int imageSize;
    private final int channels;
    private final List<String> classNames;
    private final int featureLayer;

    private QualityClassifier(MultiLayerNetwork network, int imageSize, int channels, List<String> classNames) {
        this.network = network;
        this.imageSize = imageSize;
        this.channels = channels;
        this.classNames = List.copyOf(classNames);
        int found = -1;
        for (int i = 0; i < network.getnLayers(); i++) {
            if (FEATURE_LAYER.equals(network.getLayer(i).conf().getLayer().getLayerName())) {
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("the network has no layer named '" + FEATURE_LAYER + "'");
        }
        this.featureLayer = found;
    }

    /** A new, untrained classifier for images of the given shape. */
    static QualityClassifier untrained(int imageSize, int channels, List<String> classNames, TrainingOptions options) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(options.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(options.learningRate()))
                .list();
        int in = channels;
        int layer = 0;
        int block = 1;
        for (int filters : new int[] {16, 32, 64}) {
            list.layer(layer++, new ConvolutionLayer.Builder(3, 3).name("conv" + block).nIn(in).nOut(filters)
                    .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build());
            list.layer(layer++, new BatchNormalization.Builder().name("bn" + block).build());
            list.layer(layer++, new ActivationLayer.Builder().name("relu" + block).activation(Activation.RELU).build());
            list.layer(layer++, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).name("pool" + block)
                    .kernelSize(2, 2).stride(2, 2).build());
            in = filters;
            block++;
        }
        list.layer(layer++, new DenseLayer.Builder().name(FEATURE_LAYER).nOut(FEATURE_LENGTH)
                .activation(Activation.RELU).build());
        list.layer(layer, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output")
                .nOut(classNames.size()).activation(Activation.SOFTMAX).build());
        list.setInputType(InputType.convolutional(imageSize, imageSize, channels));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return new QualityClassifier(net, imageSize, channels, classNames);
    }

    /**
     * Trains a classifier on a labelled data set.
     *
     * @throws IllegalArgumentException when the data set has no labels
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true
     */
    public static QualityClassifier train(ImageDataset data, TrainingOptions options, Progress progress,
                                          BooleanSupplier cancelled) {
        if (data.classNames().isEmpty()) {
            throw new IllegalArgumentException("data '" + data.description() + "' has no labels to train a classifier on");
        }
        QualityClassifier classifier = untrained(data.imageSize(), data.channels(), data.classNames(), options);
        int numClasses = data.classNames().size();
        int length = data.imageLength();
        int[] order = FeatureExtractor.all(data.size());
        SplittableRandom random = new SplittableRandom(options.seed());
        int steps = options.epochs() * ((data.size() + options.batchSize() - 1) / options.batchSize());
        int step = 0;
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < order.length; start += options.batchSize()) {
                Progress.checkCancelled(cancelled);
                int n = Math.min(options.batchSize(), order.length - start);
                float[] pixels = new float[n * length];
                float[] labels = new float[n * numClasses];
                for (int i = 0; i < n; i++) {
                    data.writeImage(order[start + i], pixels, i * length);
                    labels[i * numClasses + data.label(order[start + i])] = 1f;
                }
                INDArray x = Nd4j.create(pixels, new long[] {n, data.channels(), data.imageSize(), data.imageSize()}, 'c');
                INDArray y = Nd4j.create(labels, new long[] {n, numClasses}, 'c');
                classifier.network.fit(new DataSet(x, y));
                step++;
                if (step % 20 == 0 || step == steps) {
                    progress.update((double) step / steps, String.format(java.util.Locale.ROOT,
                            "epoch %d/%d, step %d/%d, loss %.4f", epoch + 1, options.epochs(), step, steps,
                            classifier.network.score()));
                }
            }
        }
        return classifier;
    }

    /** Loads a classifier written by {@link #save}. */
    public static QualityClassifier load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such classifier file");
        }
        String info;
        try {
            info = ModelSerializer.getObjectFromFile(file.toFile(), INFO_KEY);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a quality classifier (" + e.getMessage() + ")", e);
        }
        String[] parts = info.split("\n");
        if (parts.length < 3) {
            throw new IOException(file + ": damaged classifier description");
        }
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        return new QualityClassifier(net, Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                Arrays.asList(parts).subList(2, parts.length));
    }

    /** Writes the network (without optimiser state) and its image shape and class names, atomically. */
    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".classifier", ".tmp");
        try {
            ModelSerializer.writeModel(network, tmp.toFile(), false);
            ModelSerializer.addObjectToFile(tmp.toFile(), INFO_KEY, imageSize + "\n" + channels + "\n"
                    + String.join("\n", classNames));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Image width and height it was trained on. */
    public int imageSize() {
        return imageSize;
    }

    /** Channels it was trained on. */
    public int channels() {
        return channels;
    }

    /** The classes, index = label. */
    public List<String> classNames() {
        return classNames;
    }

    /** Penultimate features and predicted classes of a [n, C, H, W] batch in [-1, 1] (inference mode). */
    public Analysis analyse(INDArray images) {
        checkShape(images);
        List<INDArray> activations = network.feedForward(images, false);
        float[][] features = activations.get(featureLayer + 1).castTo(DataType.FLOAT).toFloatMatrix();
        INDArray probabilities = activations.get(activations.size() - 1);
        int[] predicted = probabilities.argMax(1).toIntVector();
        return new Analysis(features, predicted);
    }

    /** The classifier's penultimate layer as a feature extractor. */
    public FeatureExtractor features() {
        return new FeatureExtractor() {
            @Override
            public int length() {
                return FEATURE_LENGTH;
            }

            @Override
            public float[][] extract(INDArray images) {
                return analyse(images).features();
            }
        };
    }

    /**
     * Accuracy and confusion matrix on labelled images.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true
     */
    public TestResult test(ImageDataset data, Progress progress, BooleanSupplier cancelled) {
        int k = classNames.size();
        int[][] confusion = new int[k][k];
        int length = data.imageLength();
        int correct = 0;
        int batch = FeatureExtractor.DEFAULT_BATCH;
        for (int start = 0; start < data.size(); start += batch) {
            Progress.checkCancelled(cancelled);
            int n = Math.min(batch, data.size() - start);
            float[] pixels = new float[n * length];
            for (int i = 0; i < n; i++) {
                data.writeImage(start + i, pixels, i * length);
            }
            int[] predicted = analyse(Nd4j.create(pixels, new long[] {n, data.channels(), data.imageSize(),
                    data.imageSize()}, 'c')).predicted();
            for (int i = 0; i < n; i++) {
                int truth = data.label(start + i);
                confusion[truth][predicted[i]]++;
                if (truth == predicted[i]) {
                    correct++;
                }
            }
            progress.update((double) (start + n) / data.size(), (start + n) + " / " + data.size() + " test images");
        }
        return new TestResult((double) correct / data.size(), confusion, data.size());
    }

    private void checkShape(INDArray images) {
        Objects.requireNonNull(images, "images");
        if (images.rank() != 4 || images.size(1) != channels || images.size(2) != imageSize
                || images.size(3) != imageSize) {
            throw new IllegalArgumentException("images of shape " + Arrays.toString(images.shape())
                    + "; this classifier takes [n, " + channels + ", " + imageSize + ", " + imageSize + "]");
        }
    }
}
