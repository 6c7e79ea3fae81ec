package io.dcganexplorer.cli;

import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.TrainingSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sample}: a PNG grid of generated images from a saved model or a run's newest checkpoint. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Write a grid of generated images from a model folder or a run folder to a PNG.")
final class SampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_OR_RUN", description = "a model folder (model.json) or a run folder")
    Path source;

    @Option(names = {"-o", "--out"}, description = "output PNG (default: ${DEFAULT-VALUE})", defaultValue = "samples.png")
    Path output;

    @Option(names = "--count", description = "number of images (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int count;

    @Option(names = "--seed", description = "which z vectors: the same seed gives the same images "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "0")
    long seed;

    @Option(names = "--scale", description = "enlarge each pixel N times (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    int scale;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || count > 1024) {
            throw new ParameterException(spec.commandLine(), "--count = " + count + ": must be between 1 and 1024");
        }
        if (scale < 1 || scale > 16) {
            throw new ParameterException(spec.commandLine(), "--scale = " + scale + ": must be between 1 and 16");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> problems = new ArrayList<>();
        ModelBundle.Loaded model = ModelBundle.open(source, problems);
        Messages.warnSkipped(spec.commandLine().getErr(), problems);
        var config = model.gan().config();
        var z = new LatentSampler(config.nz(), config.latent()).batch(seed, LatentSampler.SAMPLING_STREAM, 0, count);
        var grid = TrainingSession.renderGrid(model.gan(), z);
        if (scale > 1) {
            grid = ImageConversions.scaleNearest(grid, scale);
        }
        try {
            ImageConversions.writePng(grid, output);
        } catch (java.io.IOException e) {
            throw new java.io.IOException("could not write the samples to " + output + " ("
                    + Messages.reason(e) + "); choose another file with -o", e);
        }
        out.printf("%d samples from %s (step %d) written to %s%n", count, model.folder(),
                model.info().state() == null ? 0 : model.info().state().iteration(), output);
        return 0;
    }
}
