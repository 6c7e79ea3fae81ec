package io.dcganexplorer.core.eval;

import io.dcganexplorer.core.gan.SigmoidCrossEntropyLoss;
import io.dcganexplorer.data.InMemoryImageDataset;
import io.dcganexplorer.data.procedural.FaceAttributes;
import io.dcganexplorer.data.procedural.FaceAttributes.Presentation;
import io.dcganexplorer.data.procedural.FaceGenerator;
import io.dcganexplorer.data.procedural.FaceSample;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Reads glasses, smile, beard, presentation (man / woman) and head yaw off a face image, so the DCGAN
 * paper's vector arithmetic on faces (Radford, Metz and Chintala 2015, section 6.3: "smiling woman" -
 * "neutral woman" + "neutral man", the "turn" vector) can be scored by how often the result shows the
 * intended attributes.
 *
 * <p>A small CNN: 4x4 stride-2 convolutions (16, 32, 64, then 64 channels) down to 4x4, a dense layer
 * of 64 and five sigmoid outputs trained with sigmoid cross-entropy. Four outputs are the binary
 * attributes; the fifth regresses (yaw + 1) / 2 as a soft target through the same loss, whose minimum
 * for a soft label y is at sigmoid = y. Beards only occur on men in the procedural faces, so the
 * network is free to use presentation as evidence; {@link FaceAttributeMetrics} reports beard accuracy
 * over men separately.
 *
 * <p>Not thread-safe: use one instance from one thread at a time.
 */
public final class FaceAttributeClassifier {

    /** Kind tag in evaluator.json. */
    public static final String KIND = "face-attributes";
    /** Held-out faces used by {@link #train(int, int, int, long, TrainingProgress)}. */
    public static final int DEFAULT_HELD_OUT = 1000;
    /** Output order: glasses, smile, beard, man, (yaw + 1) / 2. */
    static final int OUTPUTS = 5;
    /** Small minibatches, as for the window detector: on a shared CPU, more steps beat bigger ones. */
    static final int BATCH = 16;
    static final double LEARNING_RATE = 1e-3;
    static final int MAX_CHANNELS = 64;

    private static final UnaryOperator<INDArray> AS_IS = UnaryOperator.identity();

    private final MultiLayerNetwork network;
    private final int imageSize;
    private final EvaluatorProvenance provenance;
    private final FaceAttributeMetrics heldOut;

    private FaceAttributeClassifier(MultiLayerNetwork network, int imageSize, EvaluatorProvenance provenance,
                                    FaceAttributeMetrics heldOut) {
        this.network = network;
        this.imageSize = imageSize;
        this.provenance = provenance;
        this.heldOut = heldOut;
    }

    /** What evaluator.json holds for a face attribute classifier. */
    record Description(String kind, EvaluatorProvenance provenance, FaceAttributeMetrics heldOut) {
    }

    /** The network for one image size, untrained. */
    static MultiLayerNetwork createNetwork(int imageSize, long seed) {
        WindowDetector.requireSize(imageSize);
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(LEARNING_RATE))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        int layer = 0;
        int in = 3;
        int out = 16;
        for (int size = imageSize; size > 4; size /= 2) {
            // Kernel 4, stride 2, padding 1 halves the size exactly, as in the DCGAN discriminator.
            list.layer(layer++, new ConvolutionLayer.Builder(4, 4).name("conv" + layer).stride(2, 2).padding(1, 1)
                    .convolutionMode(ConvolutionMode.Truncate)
                    .nIn(in).nOut(out).activation(Activation.RELU).build());
            in = out;
            out = Math.min(2 * out, MAX_CHANNELS);
        }
        list.layer(layer++, new DenseLayer.Builder().name("dense").nOut(64).activation(Activation.RELU).build());
        list.layer(layer, new OutputLayer.Builder(new SigmoidCrossEntropyLoss()).name("attributes").nOut(OUTPUTS)
                .activation(Activation.SIGMOID).weightInit(WeightInit.XAVIER).build());
        MultiLayerNetwork network = new MultiLayerNetwork(
                list.setInputType(InputType.convolutional(imageSize, imageSize, 3)).build());
        network.init();
        return network;
    }

    /** Trains on faces and measures on {@link #DEFAULT_HELD_OUT} held-out faces. */
    public static FaceAttributeClassifier train(int imageSize, int count, int epochs, long seed,
                                                TrainingProgress progress) throws InterruptedException {
        return train(imageSize, count, epochs, seed, DEFAULT_HELD_OUT, progress);
    }

    /**
     * Trains a classifier on procedural faces 0 .. count - 1 of {@code new FaceGenerator(seed)} at
     * {@code imageSize}, then measures it on faces count .. count + heldOut - 1 of the same generator,
     * which it never saw. Deterministic for a given seed (weights, faces and minibatch order).
     *
     * @throws InterruptedException when the calling thread is interrupted; training stops between minibatches
     */
    public static FaceAttributeClassifier train(int imageSize, int count, int epochs, long seed, int heldOut,
                                                TrainingProgress progress) throws InterruptedException {
        WindowDetector.requireSize(imageSize);
        if (count < 1 || epochs < 1 || heldOut < 1) {
            throw new IllegalArgumentException("count = " + count + ", epochs = " + epochs + ", heldOut = "
                    + heldOut + ": all must be at least 1");
        }
        long start = System.nanoTime();
        FaceGenerator generator = new FaceGenerator(seed);
        List<FaceSample> faces = faces(generator, 0, count, imageSize);
        float[] labels = new float[count * OUTPUTS];
        for (int i = 0; i < count; i++) {
            FaceAttributes a = faces.get(i).attributes();
            labels[i * OUTPUTS] = a.glasses() ? 1f : 0f;
            labels[i * OUTPUTS + 1] = a.smile() ? 1f : 0f;
            labels[i * OUTPUTS + 2] = a.beard() ? 1f : 0f;
            labels[i * OUTPUTS + 3] = a.presentation() == Presentation.MAN ? 1f : 0f;
            labels[i * OUTPUTS + 4] = (float) ((a.yaw() + 1) / 2);
        }
        MultiLayerNetwork network = createNetwork(imageSize, seed);
        Minibatches.fit(network, images(faces, imageSize), AS_IS, labels, new long[] {OUTPUTS}, BATCH, epochs, seed,
                Objects.requireNonNull(progress, "progress"));
        FaceAttributeMetrics metrics = new FaceAttributeClassifier(network, imageSize, null, null)
                .evaluate(faces(generator, count, heldOut, imageSize));
        double seconds = (System.nanoTime() - start) / 1e9;
        EvaluatorProvenance provenance = new EvaluatorProvenance(imageSize, seed, count, epochs, heldOut, seconds,
                EvaluatorFiles.libraryVersion(), Instant.now().toString());
        return new FaceAttributeClassifier(network, imageSize, provenance, metrics);
    }

    /** Faces from .. from + count - 1 of a generator at one size. */
    public static List<FaceSample> faces(FaceGenerator generator, long from, int count, int imageSize) {
        List<FaceSample> faces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            faces.add(generator.generate(from + i, imageSize));
        }
        return faces;
    }

    /** Width and height of the images this classifier judges. */
    public int imageSize() {
        return imageSize;
    }

    /** How it was trained. */
    public EvaluatorProvenance provenance() {
        return provenance;
    }

    /** Its metrics on the held-out faces measured right after training. */
    public FaceAttributeMetrics heldOutMetrics() {
        return heldOut;
    }

    /**
     * The attributes of each image.
     *
     * @param images [N, 3, size, size] RGB in [-1, 1] (what the generator outputs)
     */
    public List<FacePrediction> predict(INDArray images) {
        Minibatches.requireImages(images, imageSize);
        float[] p = Minibatches.output(network, images.castTo(DataType.FLOAT), AS_IS).data().asFloat();
        List<FacePrediction> predictions = new ArrayList<>(p.length / OUTPUTS);
        for (int i = 0; i < p.length; i += OUTPUTS) {
            predictions.add(new FacePrediction(p[i], p[i + 1], p[i + 2], p[i + 3], 2.0 * p[i + 4] - 1));
        }
        return predictions;
    }

    /** Accuracy per attribute, yaw-sign accuracy and yaw error on faces with known attributes. */
    public FaceAttributeMetrics evaluate(List<FaceSample> faces) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("no faces to evaluate on");
        }
        List<FacePrediction> predictions = predict(Minibatches.batch(images(faces, imageSize)));
        int glasses = 0;
        int smile = 0;
        int beard = 0;
        int men = 0;
        int beardMen = 0;
        int man = 0;
        int yawSign = 0;
        double yawError = 0;
        for (int i = 0; i < faces.size(); i++) {
            FaceAttributes truth = faces.get(i).attributes();
            FacePrediction p = predictions.get(i);
            boolean isMan = truth.presentation() == Presentation.MAN;
            glasses += p.hasGlasses() == truth.glasses() ? 1 : 0;
            smile += p.isSmiling() == truth.smile() ? 1 : 0;
            beard += p.hasBeard() == truth.beard() ? 1 : 0;
            man += p.isMan() == isMan ? 1 : 0;
            if (isMan) {
                men++;
                beardMen += p.hasBeard() == truth.beard() ? 1 : 0;
            }
            yawSign += (p.yaw() >= 0) == (truth.yaw() >= 0) ? 1 : 0;
            yawError += Math.abs(p.yaw() - truth.yaw());
        }
        double n = faces.size();
        return new FaceAttributeMetrics(faces.size(), men, glasses / n, smile / n, beard / n,
                men == 0 ? Double.NaN : beardMen / (double) men, man / n, yawSign / n, yawError / n);
    }

    /** Writes {@code network.zip} and {@code evaluator.json} into {@code folder}, replacing what is there. */
    public void save(Path folder) throws IOException {
        EvaluatorFiles.write(folder, network, new Description(KIND, provenance, heldOut));
    }

    /**
     * Loads a classifier saved by {@link #save}.
     *
     * @throws EvaluatorFileException naming the file when the folder is missing, corrupt or holds another kind
     */
    public static FaceAttributeClassifier load(Path folder) throws EvaluatorFileException {
        Description description = EvaluatorFiles.readDescription(folder, Description.class);
        int size = EvaluatorFiles.requireKind(folder, KIND, description.kind(), description.provenance());
        MultiLayerNetwork network = EvaluatorFiles.readNetwork(folder, createNetwork(size, 0));
        return new FaceAttributeClassifier(network, size, description.provenance(), description.heldOut());
    }

    private static InMemoryImageDataset images(List<FaceSample> faces, int imageSize) {
        return Minibatches.images(faces.stream().map(FaceSample::image).toList(), imageSize, "face");
    }
}
