package io.dcganexplorer.core.ablation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Measures the DCGAN paper's figure 6 claim (Radford, Metz and Chintala 2015, section 6.2: with the
 * window maps dropped, "the network forgets to draw windows", which disappear or turn into other objects
 * while the rest of the scene stays): on many z, the window area a detector finds in G(z) with and
 * without the maps, the pixel change outside and inside the windows of the original image, and the same
 * for as many randomly chosen maps (several draws) as a control.
 */
public final class AblationExperiment {

    /** z per generator and detector call: bounds memory at 64x64. */
    static final int CHUNK = 50;
    /** 0-255 levels per unit of the generator's [-1, 1] output. */
    static final double LEVELS = 127.5;

    private AblationExperiment() {
    }

    /**
     * One set of switched-off maps, measured.
     *
     * @param name what was switched off
     * @param maps how many maps
     * @param windowFraction mean share of pixels detected as window
     * @param imagesWithWindows share of images with a detected window region of at least the minimum area
     * @param changeOutside mean |ablated - original| in 0-255 levels over pixels outside the original's windows
     * @param changeInside the same over pixels inside them (NaN when no image had a window)
     */
    public record Condition(String name, int maps, double windowFraction, double imagesWithWindows,
                            double changeOutside, double changeInside) {
    }

    /**
     * The measurement.
     *
     * @param samples number of z
     * @param layer the layer whose maps were switched off
     * @param layerMaps maps in that layer
     * @param selected the probe's maps
     * @param original the un-ablated images (changes are 0)
     * @param probe with the probe's maps off
     * @param controls one per random draw of as many maps
     */
    public record Result(int samples, String layer, int layerMaps, int[] selected, Condition original,
                         Condition probe, List<Condition> controls) {

        /** Mean and sample standard deviation of one field over the controls. */
        private double[] controlStats(java.util.function.ToDoubleFunction<Condition> field) {
            double[] v = controls.stream().mapToDouble(field).toArray();
            double mean = Arrays.stream(v).average().orElse(Double.NaN);
            double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1);
            return new double[] {mean, Math.sqrt(var)};
        }

        /** The table for the README: original, probe's maps off, random maps off (mean ± sd over draws). */
        public String toMarkdown() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%d samples; layer %s (%d maps); %d maps off: %s%n%n", samples,
                    layer, layerMaps, selected.length, Arrays.toString(selected)));
            sb.append("| G(z) | maps off | window area (% of pixels) | images with a window | ")
                    .append("mean abs. change outside windows (0-255) | inside windows (0-255) |\n");
            sb.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
            row(sb, original);
            row(sb, probe);
            if (!controls.isEmpty()) {
                double[] area = controlStats(Condition::windowFraction);
                double[] images = controlStats(Condition::imagesWithWindows);
                double[] outside = controlStats(Condition::changeOutside);
                double[] inside = controlStats(Condition::changeInside);
                sb.append(String.format(Locale.ROOT, "| random maps off (%d draws, mean ± sd) | %d | %.2f ± %.2f | "
                                + "%.1f%% ± %.1f | %.2f ± %.2f | %.2f ± %.2f |%n", controls.size(), selected.length,
                        100 * area[0], 100 * area[1], 100 * images[0], 100 * images[1], outside[0], outside[1],
                        inside[0], inside[1]));
            }
            return sb.toString();
        }

        private static void row(StringBuilder sb, Condition c) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.1f%% | %.2f | %.2f |%n", c.name(), c.maps(),
                    100 * c.windowFraction(), 100 * c.imagesWithWindows(), c.changeOutside(), c.changeInside()));
        }
    }

    /**
     * Runs the measurement.
     *
     * @param generator the generator (unchanged by this)
     * @param layer the layer whose maps go
     * @param selected the probe's maps
     * @param detector per-pixel window probabilities
     * @param z [N, nz] the z to measure on (not the annotated ones)
     * @param controlDraws how many random sets of {@code selected.length} maps to measure as the control
     * @param seed chooses the random maps
     * @param minArea window pixels that make "an image with a window"
     */
    public static Result run(MultiLayerNetwork generator, String layer, int[] selected, WindowProbabilities detector,
                             INDArray z, int controlDraws, long seed, int minArea) {
        int layerMaps = LayerActivations.find(LayerActivations.featureLayers(generator), layer).channels();
        int n = (int) z.size(0);
        List<INDArray> originals = new ArrayList<>();
        List<boolean[]> windows = new ArrayList<>();
        double fraction = 0;
        int withWindows = 0;
        for (int start = 0; start < n; start += CHUNK) {
            INDArray images = generator.output(chunk(z, start, n), false);
            originals.add(images);
            boolean[] mask = mask(detector.windowProbabilities(images));
            windows.add(mask);
            double[] perImage = perImage(mask, (int) images.size(0));
            fraction += Arrays.stream(perImage).sum();
            withWindows += (int) Arrays.stream(perImage).filter(f -> f * plane(images) >= minArea).count();
        }
        Condition original = new Condition("original", 0, fraction / n, withWindows / (double) n, 0, 0);
        Condition probe = measure("window maps off (probe)", generator, layer, selected, detector, z, originals,
                windows, minArea);
        List<Condition> controls = new ArrayList<>();
        for (int draw = 0; draw < controlDraws; draw++) {
            int[] random = randomMaps(layerMaps, selected, new SplittableRandom(seed + draw));
            controls.add(measure("random maps off, draw " + (draw + 1), generator, layer, random, detector, z,
                    originals, windows, minArea));
        }
        return new Result(n, layer, layerMaps, selected.clone(), original, probe, List.copyOf(controls));
    }

    /**
     * As many maps as {@code selected}, chosen uniformly among the others (among all when too few others
     * are left), so the control never switches off a window map by chance.
     */
    static int[] randomMaps(int layerMaps, int[] selected, SplittableRandom random) {
        boolean[] taken = new boolean[layerMaps];
        for (int c : selected) {
            taken[c] = true;
        }
        int[] pool = IntStream.range(0, layerMaps).filter(c -> !taken[c] || layerMaps - selected.length < selected.length)
                .toArray();
        for (int j = 0; j < selected.length; j++) {
            int swap = j + random.nextInt(pool.length - j);
            int t = pool[j];
            pool[j] = pool[swap];
            pool[swap] = t;
        }
        int[] chosen = Arrays.copyOf(pool, selected.length);
        Arrays.sort(chosen);
        return chosen;
    }

    private static Condition measure(String name, MultiLayerNetwork generator, String layer, int[] maps,
                                     WindowProbabilities detector, INDArray z, List<INDArray> originals,
                                     List<boolean[]> windows, int minArea) {
        AblatedGenerator ablated = new AblatedGenerator(generator, layer, maps);
        int n = (int) z.size(0);
        double fraction = 0;
        int withWindows = 0;
        double outsideSum = 0;
        long outsideCount = 0;
        double insideSum = 0;
        long insideCount = 0;
        for (int start = 0, k = 0; start < n; start += CHUNK, k++) {
            INDArray images = ablated.output(chunk(z, start, n));
            boolean[] mask = mask(detector.windowProbabilities(images));
            double[] perImage = perImage(mask, (int) images.size(0));
            fraction += Arrays.stream(perImage).sum();
            withWindows += (int) Arrays.stream(perImage).filter(f -> f * plane(images) >= minArea).count();
            // Per pixel, |change| averaged over the colour channels, split by the original's window mask.
            INDArray change = images.sub(originals.get(k)).norm1(1).divi(images.size(1)).muli(LEVELS);
            float[] d = change.dup('c').data().asFloat();
            boolean[] before = windows.get(k);
            for (int p = 0; p < d.length; p++) {
                if (before[p]) {
                    insideSum += d[p];
                    insideCount++;
                } else {
                    outsideSum += d[p];
                    outsideCount++;
                }
            }
        }
        return new Condition(name, maps.length, fraction / n, withWindows / (double) n,
                outsideCount == 0 ? Double.NaN : outsideSum / outsideCount,
                insideCount == 0 ? Double.NaN : insideSum / insideCount);
    }

    private static INDArray chunk(INDArray z, int start, int n) {
        return z.get(NDArrayIndex.interval(start, Math.min(n, start + CHUNK)), NDArrayIndex.all()).dup('c');
    }

    private static long plane(INDArray images) {
        return images.size(2) * images.size(3);
    }

    private static boolean[] mask(INDArray probabilities) {
        float[] p = probabilities.dup('c').data().asFloat();
        boolean[] mask = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            mask[i] = p[i] > WindowProbabilities.THRESHOLD;
        }
        return mask;
    }

    private static double[] perImage(boolean[] mask, int n) {
        int plane = mask.length / n;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int k = 0; k < plane; k++) {
                count += mask[i * plane + k] ? 1 : 0;
            }
            out[i] = count / (double) plane;
        }
        return out;
    }
}
