package io.dcganexplorer.cli;

import io.dcganexplorer.core.quality.QualityClassifier;
import io.dcganexplorer.core.quality.SampleQuality;
import io.dcganexplorer.data.IdxDataset;
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

/** {@code quality}: Fréchet distance in a classifier's feature space, and class coverage, of a model's samples. */
@Command(name = "quality", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a model's samples: Frechet distance to the real test images in the quality classifier's "
                + "feature space, beside its floor (the distance between two disjoint halves of the real images), and the "
                + "classifier's predicted-class histogram (coverage of all classes)."})
final class QualityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_OR_RUN", description = "a model folder (model.json) or a run folder")
    Path source;

    @Option(names = "--classifier", paramLabel = "FILE", description = "the quality classifier "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "models/quality-classifier.zip")
    Path classifierFile;

    @Option(names = "--train-classifier", description = "train and save the classifier first when the file is missing")
    boolean trainClassifier;

    @Option(names = "--data", paramLabel = "SOURCE", description = "real images (the test split): fashion-mnist, "
            + "fashion-mnist:DIR, faces or rooms (default: ${DEFAULT-VALUE})", defaultValue = "fashion-mnist")
    String data;

    @Option(names = "--samples", description = "generated samples to score (default: ${DEFAULT-VALUE})",
            defaultValue = "5000")
    int samples;

    @Option(names = "--seed", description = "which z vectors (default: ${DEFAULT-VALUE})", defaultValue = "0")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (samples < 2 || samples > 100_000) {
            throw new IllegalArgumentException("--samples = " + samples + ": must be between 2 and 100000");
        }
        PrintWriter out = spec.commandLine().getOut();
        LabelledData.check(data);
        ModelBundle.Loaded model = LabelledData.openModel(source, spec.commandLine().getErr());
        var config = model.gan().config();
        QualityClassifier classifier;
        if (Files.isRegularFile(classifierFile)) {
            classifier = QualityClassifier.load(classifierFile);
        } else if (trainClassifier) {
            classifier = ClassifierCommand.train(out, data, config.imageSize(), config.channels(), 3, 0, 1, classifierFile);
        } else {
            throw new IllegalArgumentException(classifierFile + ": no such classifier; train one with the classifier "
                    + "command or add --train-classifier");
        }
        var real = LabelledData.open(data, classifier.imageSize(), classifier.channels(), IdxDataset.Split.TEST);
        // The floor's halves hold as many real images as there are samples (at most half of the real ones).
        SampleQuality.RealReference reference = SampleQuality.referenceWithFloor(classifier, real, samples, seed,
                io.dcganexplorer.core.probe.Progress.NONE, () -> false);
        SampleQuality.Report report = SampleQuality.evaluate(model.gan().generator(), config, classifier,
                reference.gaussian(), samples, seed, io.dcganexplorer.core.probe.Progress.NONE, () -> false)
                .withFloor(reference.floor(), reference.half());
        out.printf("%s (step %d):%n%s%n", model.folder(),
                LabelledData.step(model), report.summary());
        return 0;
    }
}
