package io.dcganexplorer.cli;

import io.dcganexplorer.core.probe.DiscriminatorFeatures;
import io.dcganexplorer.core.probe.KMeansFeatures;
import io.dcganexplorer.core.probe.LinearProbe;
import io.dcganexplorer.core.probe.ProbeExperiment;
import io.dcganexplorer.data.IdxDataset;
import io.dcganexplorer.data.InMemoryImageDataset;
import io.dcganexplorer.run.ModelBundle;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code probe}: the paper's linear probe of D's features (its Table 1 protocol) on Fashion-MNIST. */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Linear L2-SVM on D's features (every layer max-pooled to 4x4) vs a random-init D, raw "
                + "pixels and the paper's K-means baseline, with all labels and with few labels; McNemar's test of "
                + "trained vs random D; prints a Markdown table. Defaults: all 60,000 training labels, all 10,000 "
                + "test images, 100 labels per class over 10 draws."})
final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_OR_RUN", description = "a model folder (model.json) or a run folder")
    Path source;

    @Option(names = "--data", paramLabel = "SOURCE", description = "labelled data with a test split: fashion-mnist, "
            + "fashion-mnist:DIR, faces (glasses) or rooms (window) (default: ${DEFAULT-VALUE})", defaultValue = "fashion-mnist")
    String data;

    @Option(names = "--train-cap", description = "at most N training images, drawn at random (0 = all 60,000; "
            + "the dense solver needs 4 bytes per feature and image) (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int trainCap;

    @Option(names = "--test-cap", description = "at most N test images (0 = all) (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    int testCap;

    @Option(names = "--labels-per-class", description = "labels per class in the few-label setting "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "100")
    int labelsPerClass;

    @Option(names = "--draws", description = "few-label draws to average, 0 = skip (default: ${DEFAULT-VALUE})",
            defaultValue = "10")
    int draws;

    @Option(names = "--seed", description = "seeds subsets, draws, the SVM and the control D (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    long seed;

    @Option(names = "--c-grid", split = ",", paramLabel = "C", description = "SVM regularisation constants tried on "
            + "the validation split (default: 1e-4,1e-3,1e-2,1e-1,1; large C is slow with thousands of features)")
    double[] cGrid;

    @Option(names = "--solver", description = "dense (L-BFGS on one float matrix, no caps needed) or liblinear "
            + "(LIBLINEAR's dual solver: one object per value, use it with --train-cap) (default: ${DEFAULT-VALUE})",
            defaultValue = "dense")
    String solver;

    @Option(names = "--kmeans-centroids", description = "centroids of the K-means baseline, 16 features each; "
            + "0 = leave the K-means row out (default: as many as give D's feature count, e.g. 224 for ndf 32)",
            defaultValue = "-1")
    int kmeansCentroids;

    @Option(names = "--kmeans-patches", description = "random patches the K-means baseline clusters "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "20000")
    int kmeansPatches;

    @Option(names = "--kmeans-patch", description = "patch side of the K-means baseline (default: ${DEFAULT-VALUE})",
            defaultValue = "6")
    int kmeansPatch;

    @Option(names = "--cross-check", paramLabel = "N", description = "also fit LIBLINEAR and the dense solver on N "
            + "random training and N test vectors of the trained D, with the chosen C, and print both accuracies "
            + "(0 = skip) (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int crossCheck;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the Markdown table here")
    Path output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LabelledData.check(data);
        ModelBundle.Loaded model = LabelledData.openModel(source, spec.commandLine().getErr());
        var config = model.gan().config();
        InMemoryImageDataset train = LabelledData.open(data, config.imageSize(), config.channels(), IdxDataset.Split.TRAIN);
        InMemoryImageDataset test = LabelledData.open(data, config.imageSize(), config.channels(), IdxDataset.Split.TEST);
        ProbeExperiment.Options defaults = ProbeExperiment.Options.defaults(seed);
        LinearProbe.Options svm = switch (solver) {
            case "dense" -> defaults.svm();
            case "liblinear" -> LinearProbe.Options.liblinear(seed);
            default -> throw new IllegalArgumentException("--solver " + solver + ": use dense or liblinear");
        };
        if (svm.solver() == LinearProbe.Solver.LIBLINEAR && (trainCap == 0 || trainCap > 10_000)) {
            out.println("note: LIBLINEAR holds one object (~36 bytes) per feature value; with more than 10,000 "
                    + "training images it needs many GB. Add --train-cap 10000 or use --solver dense.");
        }
        if (cGrid != null) {
            svm = svm.withGrid(cGrid);
        }
        // By default the baseline gets as many features as D, so that only the kind of feature differs.
        int centroids = kmeansCentroids >= 0 ? kmeansCentroids
                : KMeansFeatures.Options.matching(DiscriminatorFeatures.featureLength(config), seed).centroids();
        KMeansFeatures.Options kmeans = centroids == 0 ? null
                : new KMeansFeatures.Options(kmeansPatch, centroids, kmeansPatches,
                defaults.kmeans().iterations(), defaults.kmeans().seed());
        ProbeExperiment.Options options = new ProbeExperiment.Options(trainCap, testCap, labelsPerClass, draws,
                defaults.controlSeed(), seed, svm, kmeans, crossCheck);
        out.printf("probing %s (step %d) on %s / %s%n", model.folder(),
                LabelledData.step(model), train.description(),
                test.description());
        long start = System.nanoTime();
        ProbeExperiment.Result result = ProbeExperiment.run(model.gan().discriminator(), config, train, test, options,
                LabelledData.printer(out), () -> false);
        String table = result.toMarkdown();
        out.println();
        out.print(table);
        out.printf("(%.0f s)%n", (System.nanoTime() - start) / 1e9);
        if (output != null) {
            Path parent = output.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(output, table);
            out.println("table written to " + output);
        }
        return 0;
    }
}
