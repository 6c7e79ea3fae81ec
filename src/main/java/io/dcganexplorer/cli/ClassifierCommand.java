package io.dcganexplorer.cli;

import io.dcganexplorer.core.quality.QualityClassifier;
import io.dcganexplorer.data.IdxDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code classifier}: trains and saves the CNN whose features the quality command measures in. */
@Command(name = "classifier", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train the quality classifier (a small CNN) on labelled data, report its test accuracy, save it.")
final class ClassifierCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "SOURCE", description = "fashion-mnist, fashion-mnist:DIR, faces (glasses "
            + "or not) or rooms (window or not) (default: ${DEFAULT-VALUE})", defaultValue = "fashion-mnist")
    String data;

    @Option(names = "--size", description = "image size, as the models it will score (default: ${DEFAULT-VALUE})",
            defaultValue = "32")
    int size;

    @Option(names = "--channels", description = "1 or 3, as the models it will score (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    int channels;

    @Option(names = "--epochs", description = "passes over the training images (default: ${DEFAULT-VALUE})",
            defaultValue = "3")
    int epochs;

    @Option(names = "--limit", description = "train on the first N images only (0 = all) (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    int limit;

    @Option(names = "--seed", description = "seeds weights and data order (default: ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "where to save it (default: ${DEFAULT-VALUE})",
            defaultValue = "models/quality-classifier.zip")
    Path output;

    @Override
    public Integer call() throws Exception {
        train(spec.commandLine().getOut(), data, size, channels, epochs, limit, seed, output);
        return 0;
    }

    /** Trains, tests on the test split, saves; shared with {@code quality --train-classifier}. */
    static QualityClassifier train(PrintWriter out, String data, int size, int channels, int epochs, int limit, long seed,
                                   Path output) throws Exception {
        if (size != 16 && size != 32 && size != 64) {
            throw new IllegalArgumentException("--size = " + size + ": must be 16, 32 or 64");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit = " + limit + ": must be 0 (all) or positive");
        }
        var train = LabelledData.open(data, size, channels, IdxDataset.Split.TRAIN);
        var test = LabelledData.open(data, size, channels, IdxDataset.Split.TEST);
        var trainSet = limit == 0 || limit >= train.size() ? train : firstImages(train, limit);
        out.printf("training the quality classifier on %,d images of %s, %d epoch(s), seed %d%n", trainSet.size(),
                train.description(), epochs, seed);
        long start = System.nanoTime();
        QualityClassifier classifier = QualityClassifier.train(trainSet,
                new QualityClassifier.TrainingOptions(epochs, 128, 1e-3, seed), LabelledData.printer(out), () -> false);
        double seconds = (System.nanoTime() - start) / 1e9;
        QualityClassifier.TestResult result = classifier.test(test, io.dcganexplorer.core.probe.Progress.NONE, () -> false);
        classifier.save(output);
        out.printf(Locale.ROOT, "test accuracy %.2f%% on %,d images (trained in %.0f s); saved to %s%n",
                100 * result.accuracy(), result.count(), seconds, output);
        return classifier;
    }

    private static io.dcganexplorer.data.InMemoryImageDataset firstImages(io.dcganexplorer.data.InMemoryImageDataset d,
                                                                          int n) {
        byte[][] images = new byte[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            images[i] = d.imageBytes(i);
            labels[i] = d.label(i);
        }
        return new io.dcganexplorer.data.InMemoryImageDataset(d.description() + " (first " + n + ")", d.imageSize(),
                d.channels(), images, labels, d.classNames());
    }
}
