package io.dcganexplorer.core.ablation;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.data.procedural.PixelBox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which feature maps draw windows: the logistic regression of the DCGAN paper (Radford, Metz and
 * Chintala 2015, section 6.2). Every position of one generator layer is a sample whose features are the
 * C channel values there; it is a positive when its centre lies inside a window box drawn on the image,
 * and an equal number of negatives are drawn at random from the other positions of the same images. The
 * maps whose weight is above zero are the window maps the paper drops.
 *
 * <p>The fit is liblinear's L2-regularised logistic regression (Fan et al. 2008) on standardised
 * features, so a weight is the change in log-odds of "window" for one standard deviation of that map and
 * weights of maps with very different scales compare. With C = 1 the penalty is mild against a few
 * hundred to a few thousand positions.
 */
public final class FeatureProbe {

    /** liblinear's cost C: weight of the data term against the L2 penalty. */
    public static final double DEFAULT_C = 1.0;
    /** Maps whose weight is above this are selected: zero, as in the paper. */
    public static final double DEFAULT_THRESHOLD = 0;
    /** liblinear's stopping tolerance for the trust-region Newton solver. */
    static final double EPSILON = 1e-3;

    static {
        // liblinear prints its iterations to stdout by default; the CLI and the app have their own output.
        Linear.disableDebugOutput();
    }

    private FeatureProbe() {
    }

    /**
     * A position of the layer's grid in one image.
     *
     * @param sample index into the activations batch
     * @param row grid row
     * @param column grid column
     * @param window true when the cell centre is inside a window box
     */
    public record Position(int sample, int row, int column, boolean window) {
    }

    /**
     * The probe's training set.
     *
     * @param channels features per position
     * @param positions the chosen positions: positives first, then negatives
     * @param features per position, the channel values there ([positions][channels])
     */
    public record ProbeData(int channels, List<Position> positions, float[][] features) {

        public long positives() {
            return positions.stream().filter(Position::window).count();
        }

        public long negatives() {
            return positions.size() - positives();
        }
    }

    /**
     * The fitted probe.
     *
     * @param layer the layer it was fitted on
     * @param weights one per channel, in standardised units
     * @param bias the intercept
     * @param positives window positions it saw
     * @param negatives other positions it saw
     * @param trainingAccuracy share of its own training positions it classifies right
     */
    public record Result(String layer, double[] weights, double bias, int positives, int negatives,
                         double trainingAccuracy) {

        /** Channels whose weight is above {@code threshold}, largest weight first. */
        public int[] selected(double threshold) {
            return IntStream.range(0, weights.length).filter(c -> weights[c] > threshold).boxed()
                    .sorted((a, b) -> Double.compare(weights[b], weights[a])).mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * The training set from a layer's activations and the boxes of the same images.
     *
     * @param activations [N, C, g, g] activations of the layer for the N annotated images
     * @param imageSize the images' width and height in pixels
     * @param boxes per image (same order as the batch), its window boxes in image pixels
     * @param seed chooses the negatives
     */
    public static ProbeData assemble(INDArray activations, int imageSize, List<List<PixelBox>> boxes, long seed) {
        if (activations.rank() != 4 || activations.size(0) != boxes.size()) {
            throw new IllegalArgumentException("activations " + Arrays.toString(activations.shape()) + " for "
                    + boxes.size() + " annotated images: expected [" + boxes.size() + ", C, g, g]");
        }
        int n = boxes.size();
        int channels = (int) activations.size(1);
        int grid = (int) activations.size(2);
        List<Position> positives = new ArrayList<>();
        List<Position> pool = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<PixelBox> imageBoxes = boxes.get(i);
            // Negatives come from the same images as the positives: an image without windows adds nothing.
            if (imageBoxes.isEmpty()) {
                continue;
            }
            for (int row = 0; row < grid; row++) {
                for (int column = 0; column < grid; column++) {
                    boolean window = insideAny(imageBoxes, centre(column, grid, imageSize), centre(row, grid, imageSize));
                    (window ? positives : pool).add(new Position(i, row, column, window));
                }
            }
        }
        // A seeded partial Fisher-Yates shuffle: the first k of the pool are a uniform sample without repeats.
        SplittableRandom random = new SplittableRandom(seed);
        int k = Math.min(positives.size(), pool.size());
        for (int j = 0; j < k; j++) {
            int swap = j + random.nextInt(pool.size() - j);
            Position t = pool.get(j);
            pool.set(j, pool.get(swap));
            pool.set(swap, t);
        }
        List<Position> chosen = new ArrayList<>(positives);
        chosen.addAll(pool.subList(0, k));
        float[] a = activations.dup('c').data().asFloat();
        float[][] features = new float[chosen.size()][channels];
        for (int p = 0; p < chosen.size(); p++) {
            Position pos = chosen.get(p);
            for (int c = 0; c < channels; c++) {
                features[p][c] = a[((pos.sample() * channels + c) * grid + pos.row()) * grid + pos.column()];
            }
        }
        return new ProbeData(channels, List.copyOf(chosen), features);
    }

    /** Centre of grid cell {@code cell} in image pixel coordinates (pixel p covers [p, p + 1)). */
    static double centre(int cell, int grid, int imageSize) {
        return (cell + 0.5) * imageSize / grid;
    }

    private static boolean insideAny(List<PixelBox> boxes, double x, double y) {
        for (PixelBox b : boxes) {
            if (x >= b.x() && x < b.x() + b.width() && y >= b.y() && y < b.y() + b.height()) {
                return true;
            }
        }
        return false;
    }

    /** Fits the logistic regression on standardised features. */
    public static Result fit(String layer, ProbeData data, double c) {
        long positives = data.positives();
        long negatives = data.negatives();
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("the probe needs window and non-window positions: it has " + positives
                    + " inside window boxes and " + negatives + " outside; draw (or auto-annotate) more windows");
        }
        int channels = data.channels();
        int count = data.positions().size();
        double[] mean = new double[channels];
        double[] scale = new double[channels];
        for (float[] f : data.features()) {
            for (int ch = 0; ch < channels; ch++) {
                mean[ch] += f[ch];
            }
        }
        for (int ch = 0; ch < channels; ch++) {
            mean[ch] /= count;
        }
        for (float[] f : data.features()) {
            for (int ch = 0; ch < channels; ch++) {
                scale[ch] += (f[ch] - mean[ch]) * (f[ch] - mean[ch]);
            }
        }
        for (int ch = 0; ch < channels; ch++) {
            double sd = Math.sqrt(scale[ch] / count);
            // A map that is constant on these positions (often a dead ReLU map: all zero) carries no signal.
            scale[ch] = sd > 1e-12 ? sd : 1;
        }
        Problem problem = new Problem();
        problem.l = count;
        problem.n = channels + 1;
        problem.bias = 1;
        problem.x = new Feature[count][];
        problem.y = new double[count];
        for (int p = 0; p < count; p++) {
            Feature[] row = new Feature[channels + 1];
            for (int ch = 0; ch < channels; ch++) {
                row[ch] = new FeatureNode(ch + 1, (data.features()[p][ch] - mean[ch]) / scale[ch]);
            }
            row[channels] = new FeatureNode(channels + 1, problem.bias);
            problem.x[p] = row;
            problem.y[p] = data.positions().get(p).window() ? 1 : -1;
        }
        Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, EPSILON));
        double[] w = model.getFeatureWeights();
        // liblinear's weights favour its first label, which is whichever label came first in the data.
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        double[] weights = new double[channels];
        for (int ch = 0; ch < channels; ch++) {
            weights[ch] = sign * w[ch];
        }
        double bias = sign * w[channels];
        int right = 0;
        for (int p = 0; p < count; p++) {
            boolean predicted = Linear.predict(model, problem.x[p]) == 1;
            right += predicted == data.positions().get(p).window() ? 1 : 0;
        }
        return new Result(layer, weights, bias, (int) positives, (int) negatives, right / (double) count);
    }

    /**
     * The whole probe on a generator: the annotated samples' z (from their seed), the layer's activations,
     * the training set and the fit.
     */
    public static Result fit(MultiLayerNetwork generator, String layer, LatentSampler sampler,
                             WindowAnnotations annotations, long seed, double c) {
        List<WindowAnnotations.Sample> samples = annotations.samples();
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no annotated samples: draw window boxes first");
        }
        int nz = sampler.nz();
        float[] z = new float[samples.size() * nz];
        List<List<PixelBox>> boxes = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            WindowAnnotations.Sample s = samples.get(i);
            System.arraycopy(sampler.vector(annotations.seed(), LatentSampler.SAMPLING_STREAM, s.index()), 0, z, i * nz,
                    nz);
            boxes.add(s.boxes());
        }
        INDArray activations = LayerActivations.at(generator, layer, Nd4j.create(z, new long[] {samples.size(), nz}, 'c'));
        return fit(layer, assemble(activations, annotations.imageSize(), boxes, seed), c);
    }
}
