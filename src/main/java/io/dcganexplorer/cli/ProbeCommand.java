package io.dcganexplorer.cli;

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
        description = {"Linear L2-SVM on D's features (every layer max-pooled to 4x4) vs a random-init D and raw "
                + "pixels, with all (capped) labels and with few labels; prints a Markdown table."})
final class ProbeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_OR_RUN", description = "a model folder (model.json) or a run folder")
    Path source;

    @Option(names = "--data", paramLabel = "SOURCE", description = "labelled data with a test split: fashion-mnist, "
            + "fashion-mnist:DIR, faces (glasses) or rooms (window) (default: ${DEFAULT-VALUE})", defaultValue = "fashion-mnist")
    String data;

    @Option(names = "--train-cap", description = "at most N training images, drawn at random (0 = all 60,000; "
            + "memory grows by ~36 bytes per feature and image) (default: ${DEFAULT-VALUE})", defaultValue = "10000")
    int trainCap;

    @Option(names = "--test-cap", description = "at most N test images (0 = all) (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    int testCap;

    @Option(names = "--labels-per-class", description = "labels per class in the few-label setting "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "100")
    int labelsPerClass;

    @Option(names = "--draws", description = "few-label draws to average, 0 = skip (default: ${DEFAULT-VALUE})",
            defaultValue = "5")
    int draws;

    @Option(names = "--seed", description = "seeds subsets, draws, the SVM and the control D (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    long seed;

    @Option(names = "--c-grid", split = ",", paramLabel = "C", description = "SVM regularisation constants tried on "
            + "the validation split (default: 1e-4,1e-3,1e-2,1e-1,1; large C is slow with thousands of features)")
    double[] cGrid;

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
        LinearProbe.Options svm = defaults.svm();
        if (cGrid != null) {
            svm = new LinearProbe.Options(cGrid, svm.validationFraction(), svm.tolerance(), svm.maxIterations(), seed);
        }
        ProbeExperiment.Options options = new ProbeExperiment.Options(trainCap, testCap, labelsPerClass, draws,
                defaults.controlSeed(), seed, svm);
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
