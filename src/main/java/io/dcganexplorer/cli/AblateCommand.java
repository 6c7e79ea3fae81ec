package io.dcganexplorer.cli;

import io.dcganexplorer.core.ablation.AblatedGenerator;
import io.dcganexplorer.core.ablation.AblationExperiment;
import io.dcganexplorer.core.ablation.AutoAnnotator;
import io.dcganexplorer.core.ablation.FeatureProbe;
import io.dcganexplorer.core.ablation.LayerActivations;
import io.dcganexplorer.core.ablation.WindowAnnotations;
import io.dcganexplorer.core.eval.WindowDetector;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.run.AnnotationFiles;
import io.dcganexplorer.run.ModelBundle;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ablate}: the DCGAN paper's "forget to draw windows" experiment (Radford, Metz and Chintala 2015,
 * figure 6) end to end: annotate windows on samples (by the window detector, or from a file of hand-drawn
 * boxes), fit the feature probe, switch the window maps off and measure with the detector against random
 * maps.
 */
@Command(name = "ablate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find the feature maps that draw windows (logistic regression on window boxes, as in the "
                + "DCGAN paper's figure 6), switch them off and measure the window area with the window detector, "
                + "against as many random maps."})
final class AblateCommand implements Callable<Integer> {

    /** Before/after pairs in the PNG written to --out. */
    static final int PAIRS = 16;
    static final int PAIRS_PER_ROW = 8;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", description = "a model folder or a run folder (default: ${DEFAULT-VALUE})",
            defaultValue = "models/rooms32")
    Path model;

    @Option(names = "--detector", description = "window detector folder (default: models/evaluators/windows-SIZE "
            + "for the model's image size)")
    Path detector;

    @Option(names = "--annotations", description = "a JSON file of hand-drawn window boxes (from the app) instead "
            + "of auto-annotation")
    Path annotations;

    @Option(names = "--annotate", description = "samples to auto-annotate with the detector; the paper drew boxes "
            + "on 150 (default: ${DEFAULT-VALUE})", defaultValue = "150")
    int annotate;

    @Option(names = "--seed", description = "z seed of the annotated and measured samples; also seeds the probe's "
            + "negatives and the random maps (default: ${DEFAULT-VALUE})", defaultValue = "0")
    long seed;

    @Option(names = "--layer", description = "layer whose maps are probed and switched off (default: the "
            + "second-highest convolutional block, relu2 at 32x32, relu3 at 64x64)")
    String layer;

    @Option(names = "--threshold", description = "maps with a probe weight above this are switched off "
            + "(default: ${DEFAULT-VALUE}, as in the paper)", defaultValue = "0")
    double threshold;

    @Option(names = "--c", description = "liblinear's cost C of the logistic regression (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    double cost;

    @Option(names = "--samples", description = "z to measure on, after the annotated ones (default: ${DEFAULT-VALUE})",
            defaultValue = "500")
    int samples;

    @Option(names = "--controls", description = "random draws of as many maps (default: ${DEFAULT-VALUE})",
            defaultValue = "5")
    int controls;

    @Option(names = "--min-area", description = "window pixels for a detected region to count (default: 6 at "
            + "32x32, 24 at 64x64)")
    Integer minArea;

    @Option(names = {"-o", "--out"}, description = "folder for ablation.md, annotations.json and before-after.png")
    Path out;

    @Override
    public Integer call() throws Exception {
        requirePositive("--annotate", annotate);
        requirePositive("--samples", samples);
        if (controls < 0) {
            throw new IllegalArgumentException("--controls = " + controls + ": must be 0 or more");
        }
        if (!(cost > 0)) {
            throw new IllegalArgumentException("--c = " + cost + ": must be above 0");
        }
        PrintWriter console = spec.commandLine().getOut();
        List<String> problems = new ArrayList<>();
        ModelBundle.Loaded loaded = ModelBundle.open(model, problems);
        Messages.warnSkipped(spec.commandLine().getErr(), problems);
        DcganConfig config = loaded.gan().config();
        if (config.channels() != 3) {
            throw new IllegalArgumentException(model + " makes " + config.channels() + "-channel images; the window "
                    + "detector judges RGB rooms");
        }
        int size = config.imageSize();
        Path detectorFolder = detector != null ? detector : Path.of("models", "evaluators", "windows-" + size);
        WindowDetector windows = WindowDetector.load(detectorFolder);
        if (windows.imageSize() != size) {
            throw new IllegalArgumentException(detectorFolder + " judges " + windows.imageSize() + "x"
                    + windows.imageSize() + " images; " + model + " makes " + size + "x" + size);
        }
        int area = minArea != null ? minArea : AutoAnnotator.defaultMinArea(size);
        MultiLayerNetwork g = loaded.gan().generator();
        LatentSampler sampler = new LatentSampler(config.nz(), config.latent());
        List<LayerActivations.FeatureLayer> layers = LayerActivations.featureLayers(g);
        LayerActivations.FeatureLayer chosen = layer == null ? LayerActivations.defaultLayer(layers)
                : LayerActivations.find(layers, layer);

        WindowAnnotations boxes;
        if (annotations != null) {
            boxes = AnnotationFiles.read(annotations);
            if (boxes.imageSize() != size) {
                throw new IllegalArgumentException(annotations + " has boxes on " + boxes.imageSize() + "x"
                        + boxes.imageSize() + " samples; " + model + " makes " + size + "x" + size);
            }
        } else {
            INDArray images = g.output(sampler.batch(seed, LatentSampler.SAMPLING_STREAM, 0, annotate), false);
            boxes = AutoAnnotator.annotate(windows.windowProbabilities(images), seed, 0, area);
        }
        console.printf(Locale.ROOT, "%s: %d samples annotated, %d window boxes on %d of them%n",
                annotations != null ? annotations : "auto-annotated by " + detectorFolder, boxes.samples().size(),
                boxes.boxCount(), boxes.samplesWithBoxes());

        FeatureProbe.Result probe = FeatureProbe.fit(g, chosen.name(), sampler, boxes, seed, cost);
        int[] selected = probe.selected(threshold);
        console.printf(Locale.ROOT, "probe on %s: %d window positions, %d others, training accuracy %.1f%%%n",
                chosen.describe(), probe.positives(), probe.negatives(), 100 * probe.trainingAccuracy());
        StringBuilder maps = new StringBuilder();
        for (int c : selected) {
            maps.append(String.format(Locale.ROOT, " %d (%+.2f)", c, probe.weights()[c]));
        }
        console.printf("%d maps with weight above %s:%s%n", selected.length, threshold, maps);
        if (selected.length == 0) {
            throw new IllegalArgumentException("no map has a weight above " + threshold + "; lower --threshold");
        }

        int first = boxes.samples().stream().mapToInt(WindowAnnotations.Sample::index).max().orElse(-1) + 1;
        long measureSeed = boxes.seed();
        INDArray z = sampler.batch(measureSeed, LatentSampler.SAMPLING_STREAM, first, samples);
        AblationExperiment.Result result = AblationExperiment.run(g, chosen.name(), selected, windows::windowProbabilities,
                z, controls, seed, area);
        String table = result.toMarkdown();
        console.println();
        console.print(table);
        if (out != null) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("ablation.md"), table);
            AnnotationFiles.write(out.resolve("annotations.json"), boxes);
            ImageConversions.writePng(pairs(g, chosen.name(), selected, z, config), out.resolve("before-after.png"));
            console.println("wrote ablation.md, annotations.json and before-after.png to " + out);
        }
        return 0;
    }

    /** Rows of originals, each followed by the same z with the maps off, as in the paper's figure 6. */
    private static java.awt.image.BufferedImage pairs(MultiLayerNetwork g, String layer, int[] selected, INDArray z,
                                                      DcganConfig config) {
        // Whole rows only, so each original sits right above its ablated twin.
        int n = (int) (z.size(0) >= PAIRS ? PAIRS : Math.min(PAIRS_PER_ROW, z.size(0)));
        INDArray head = z.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c');
        INDArray before = g.output(head, false);
        INDArray after = new AblatedGenerator(g, layer, selected).output(head);
        List<INDArray> rows = new ArrayList<>();
        for (int start = 0; start < n; start += PAIRS_PER_ROW) {
            int end = Math.min(n, start + PAIRS_PER_ROW);
            rows.add(before.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end)));
            rows.add(after.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end)));
        }
        INDArray all = Nd4j.concat(0, rows.toArray(INDArray[]::new));
        return ImageConversions.scaleNearest(ImageConversions.gridImage(all.dup('c').data().asFloat(),
                (int) all.size(0), config.channels(), config.imageSize(), Math.min(PAIRS_PER_ROW, n), 2), 2);
    }

    private static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " = " + value + ": must be at least 1");
        }
    }
}
