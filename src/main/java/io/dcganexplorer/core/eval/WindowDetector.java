package io.dcganexplorer.core.eval;

import io.dcganexplorer.core.gan.SigmoidCrossEntropyLoss;
import io.dcganexplorer.data.InMemoryImageDataset;
import io.dcganexplorer.data.procedural.RoomGenerator;
import io.dcganexplorer.data.procedural.RoomScene;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A per-pixel window detector for bedroom images: it measures how much window a generated room shows,
 * so the DCGAN paper's "forget to draw windows" ablation (Radford, Metz and Chintala 2015, section 6.2)
 * can be scored as a drop in window area instead of by eye.
 *
 * <p>The network is fully convolutional on a 16 x 16 grid of cells: an image of size s is cut into
 * (s/16) x (s/16)-pixel blocks stacked as channels ("space to depth"), 3x3 convolutions with dilations
 * 1, 2, 4 and 1 (a context-aggregation stack as in Yu and Koltun 2016, "Multi-scale context aggregation
 * by dilated convolutions") let every cell see the whole image, and a 1x1 convolution gives one logit
 * per pixel of its block, put back in place afterwards (the sub-pixel convolution of Shi et al. 2016,
 * "Real-time single image and video super-resolution using an efficient sub-pixel convolutional neural
 * network"). The output keeps full resolution because each block's pixels are separate channels of the
 * input and output. Why not 3x3 convolutions at full resolution: measured here, that network trained at
 * about 3 images/s at 64x64 (thin convolutions are memory-bound im2col in DL4J); this one, with the
 * same output, trains four to five times faster. Trained with sigmoid cross-entropy against the
 * procedural rooms' exact window masks, at one image size.
 *
 * <p>Not thread-safe: use one instance from one thread at a time.
 */
public final class WindowDetector {

    /** Kind tag in evaluator.json. */
    public static final String KIND = "window-detector";
    /** Held-out rooms used by {@link #train(int, int, int, long, TrainingProgress)}. */
    public static final int DEFAULT_HELD_OUT = 500;
    /** Probability above which a pixel counts as window. */
    public static final double THRESHOLD = 0.5;

    /** Cells per side the network works on, whatever the image size. */
    static final int GRID = 16;
    static final int[] DILATIONS = {1, 2, 4, 1};
    /** Small minibatches: on a shared CPU the number of steps, not their size, limits how far it gets. */
    static final int BATCH = 16;
    /** Fraction of window pixels in procedural rooms (measured: 3.5% at 16x16 and 64x64 on 200 rooms). */
    static final double WINDOW_PRIOR = 0.035;
    static final double LEARNING_RATE = 2e-3;

    private final MultiLayerNetwork network;
    private final int imageSize;
    private final EvaluatorProvenance provenance;
    private final WindowMetrics heldOut;

    private WindowDetector(MultiLayerNetwork network, int imageSize, EvaluatorProvenance provenance,
                           WindowMetrics heldOut) {
        this.network = network;
        this.imageSize = imageSize;
        this.provenance = provenance;
        this.heldOut = heldOut;
    }

    /** What evaluator.json holds for a window detector. */
    record Description(String kind, EvaluatorProvenance provenance, WindowMetrics heldOut) {
    }

    /** The network for one image size, untrained. */
    static MultiLayerNetwork createNetwork(int imageSize, long seed) {
        requireSize(imageSize);
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(LEARNING_RATE))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .convolutionMode(ConvolutionMode.Same)
                .list();
        int block = imageSize / GRID;
        int layer = 0;
        int inputChannels = 3 * block * block;
        int in = inputChannels;
        for (int dilation : DILATIONS) {
            list.layer(layer++, new ConvolutionLayer.Builder(3, 3).name("conv" + layer)
                    .nIn(in).nOut(channels(imageSize)).dilation(dilation, dilation).activation(Activation.RELU).build());
            in = channels(imageSize);
        }
        list.layer(layer++, new ConvolutionLayer.Builder(1, 1).name("logits").nIn(in).nOut(block * block)
                .activation(Activation.IDENTITY).build());
        list.layer(layer, new CnnLossLayer.Builder(new SigmoidCrossEntropyLoss()).name("window")
                .activation(Activation.SIGMOID).build());
        MultiLayerConfiguration conf = list.setInputType(InputType.convolutional(GRID, GRID, inputChannels)).build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        // Start at the prior: windows cover a few percent of the pixels. With bias 0 the first hundred steps
        // only learn "never a window" (the prior-probability initialisation of Lin et al. 2017, focal loss).
        network.getLayer("logits").getParam("b").assign(Math.log(WINDOW_PRIOR / (1 - WINDOW_PRIOR)));
        return network;
    }

    /** Trains on rooms and measures on {@link #DEFAULT_HELD_OUT} held-out rooms. */
    public static WindowDetector train(int imageSize, int count, int epochs, long seed, TrainingProgress progress)
            throws InterruptedException {
        return train(imageSize, count, epochs, seed, DEFAULT_HELD_OUT, progress);
    }

    /**
     * Trains a detector on procedural rooms 0 .. count - 1 of {@code new RoomGenerator(seed)} at
     * {@code imageSize}, then measures it on rooms count .. count + heldOut - 1 of the same generator,
     * which it never saw. Deterministic for a given seed (weights, rooms and minibatch order).
     *
     * @throws InterruptedException when the calling thread is interrupted; training stops between minibatches
     */
    public static WindowDetector train(int imageSize, int count, int epochs, long seed, int heldOut,
                                       TrainingProgress progress) throws InterruptedException {
        requireSize(imageSize);
        if (count < 1 || epochs < 1 || heldOut < 1) {
            throw new IllegalArgumentException("count = " + count + ", epochs = " + epochs + ", heldOut = "
                    + heldOut + ": all must be at least 1");
        }
        long start = System.nanoTime();
        RoomGenerator generator = new RoomGenerator(seed);
        List<RoomScene> rooms = rooms(generator, 0, count, imageSize);
        int block = imageSize / GRID;
        int plane = imageSize * imageSize;
        float[] masks = new float[count * plane];
        for (int i = 0; i < count; i++) {
            boolean[] mask = rooms.get(i).windowMask();
            // The label of pixel (y, x) is channel (y % block) * block + x % block of cell (y / block, x / block).
            for (int y = 0; y < imageSize; y++) {
                for (int x = 0; x < imageSize; x++) {
                    int channel = (y % block) * block + x % block;
                    int cell = (y / block) * GRID + x / block;
                    masks[i * plane + channel * GRID * GRID + cell] = mask[y * imageSize + x] ? 1f : 0f;
                }
            }
        }
        MultiLayerNetwork network = createNetwork(imageSize, seed);
        Minibatches.fit(network, images(rooms, imageSize), images -> toCells(images, block), masks,
                new long[] {block * block, GRID, GRID}, BATCH, epochs, seed,
                Objects.requireNonNull(progress, "progress"));
        WindowDetector untested = new WindowDetector(network, imageSize, null, null);
        WindowMetrics metrics = untested.evaluate(rooms(generator, count, heldOut, imageSize));
        double seconds = (System.nanoTime() - start) / 1e9;
        EvaluatorProvenance provenance = new EvaluatorProvenance(imageSize, seed, count, epochs, heldOut, seconds,
                EvaluatorFiles.libraryVersion(), Instant.now().toString());
        return new WindowDetector(network, imageSize, provenance, metrics);
    }

    /** Feature channels: more for larger images, whose cells hold more pixels (16 at 64x64) to predict. */
    static int channels(int imageSize) {
        return switch (imageSize) {
            case 16 -> 16;
            case 32 -> 32;
            default -> 48;
        };
    }

    /** Rooms from .. from + count - 1 of a generator at one size. */
    public static List<RoomScene> rooms(RoomGenerator generator, long from, int count, int imageSize) {
        List<RoomScene> rooms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rooms.add(generator.generate(from + i, imageSize));
        }
        return rooms;
    }

    /** Width and height of the images this detector judges. */
    public int imageSize() {
        return imageSize;
    }

    /** How it was trained. */
    public EvaluatorProvenance provenance() {
        return provenance;
    }

    /** Its metrics on the held-out rooms measured right after training. */
    public WindowMetrics heldOutMetrics() {
        return heldOut;
    }

    /**
     * Per-pixel window probabilities.
     *
     * @param images [N, 3, size, size] RGB in [-1, 1] (what the generator outputs)
     * @return [N, size, size] probabilities in [0, 1], a new array
     */
    public INDArray windowProbabilities(INDArray images) {
        Minibatches.requireImages(images, imageSize);
        int block = imageSize / GRID;
        INDArray cells = Minibatches.output(network, images.castTo(DataType.FLOAT), batch -> toCells(batch, block));
        return fromCells(cells, block);
    }

    /** Per image, the fraction of pixels whose window probability is above {@link #THRESHOLD}. */
    public double[] windowFraction(INDArray images) {
        INDArray probabilities = windowProbabilities(images);
        long n = probabilities.size(0);
        INDArray detected = probabilities.gt(THRESHOLD).castTo(DataType.FLOAT);
        INDArray perImage = detected.reshape(n, probabilities.length() / n).mean(1);
        return perImage.toDoubleVector();
    }

    /** Precision, recall, F1, IoU and area errors on rooms with known masks (rendered at this detector's size). */
    public WindowMetrics evaluate(List<RoomScene> rooms) {
        if (rooms.isEmpty()) {
            throw new IllegalArgumentException("no rooms to evaluate on");
        }
        int size = imageSize;
        INDArray probabilities = windowProbabilities(Minibatches.batch(images(rooms, size)));
        float[] p = probabilities.data().asFloat();
        int plane = size * size;
        long tp = 0;
        long fp = 0;
        long fn = 0;
        double areaErrorSum = 0;
        double maxAreaError = 0;
        double fractionSum = 0;
        for (int i = 0; i < rooms.size(); i++) {
            boolean[] mask = rooms.get(i).windowMask();
            int detected = 0;
            int truth = 0;
            for (int k = 0; k < plane; k++) {
                boolean predicted = p[i * plane + k] > THRESHOLD;
                detected += predicted ? 1 : 0;
                truth += mask[k] ? 1 : 0;
                if (predicted && mask[k]) {
                    tp++;
                } else if (predicted) {
                    fp++;
                } else if (mask[k]) {
                    fn++;
                }
            }
            double error = Math.abs(detected - truth) / (double) plane;
            areaErrorSum += error;
            maxAreaError = Math.max(maxAreaError, error);
            fractionSum += truth / (double) plane;
        }
        return WindowMetrics.of(rooms.size(), tp, fp, fn, areaErrorSum, maxAreaError, fractionSum);
    }

    /** Writes {@code network.zip} and {@code evaluator.json} into {@code folder}, replacing what is there. */
    public void save(Path folder) throws IOException {
        EvaluatorFiles.write(folder, network, new Description(KIND, provenance, heldOut));
    }

    /**
     * Loads a detector saved by {@link #save}.
     *
     * @throws EvaluatorFileException naming the file when the folder is missing, corrupt or holds another kind
     */
    public static WindowDetector load(Path folder) throws EvaluatorFileException {
        Description description = EvaluatorFiles.readDescription(folder, Description.class);
        int size = EvaluatorFiles.requireKind(folder, KIND, description.kind(), description.provenance());
        MultiLayerNetwork network = EvaluatorFiles.readNetwork(folder, createNetwork(size, 0));
        return new WindowDetector(network, size, description.provenance(), description.heldOut());
    }

    /** [N, C, s, s] to [N, C b b, s/b, s/b]: each b x b block of pixels becomes C b b channels of one cell. */
    static INDArray toCells(INDArray images, int block) {
        if (block == 1) {
            return images;
        }
        long n = images.size(0);
        long c = images.size(1);
        long grid = images.size(2) / block;
        return images.reshape('c', n, c, grid, block, grid, block).permute(0, 1, 3, 5, 2, 4).dup('c')
                .reshape('c', n, c * block * block, grid, grid);
    }

    /** The inverse for one output channel per pixel: [N, b b, g, g] to [N, g b, g b]. */
    static INDArray fromCells(INDArray cells, int block) {
        long n = cells.size(0);
        long grid = cells.size(2);
        return cells.reshape('c', n, block, block, grid, grid).permute(0, 3, 1, 4, 2).dup('c')
                .reshape('c', n, grid * block, grid * block);
    }

    private static InMemoryImageDataset images(List<RoomScene> rooms, int imageSize) {
        return Minibatches.images(rooms.stream().map(RoomScene::image).toList(), imageSize, "room");
    }

    static void requireSize(int imageSize) {
        if (imageSize != 16 && imageSize != 32 && imageSize != 64) {
            throw new IllegalArgumentException("imageSize = " + imageSize + ": must be 16, 32 or 64");
        }
    }
}
