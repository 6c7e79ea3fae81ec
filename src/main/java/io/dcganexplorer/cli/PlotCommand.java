package io.dcganexplorer.cli;

import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.run.export.TrainingCurves;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code plot}: a run's training curves (losses, D's outputs, Fréchet distance) as a PNG. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw a run's training curves (losses, D(x) and D(G(z)), and the Frechet distance when the run "
                + "logged quality.csv) from its own metrics.csv to a PNG.")
final class PlotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "a run folder (or a model folder's training/ folder)")
    Path run;

    @Option(names = {"-o", "--out"}, description = "output PNG (default: ${DEFAULT-VALUE})", defaultValue = "curves.png")
    Path output;

    @Option(names = "--smoothing", description = "moving-average weight on the past, 0 (raw) to 0.99 "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "0.9")
    double smoothing;

    @Option(names = "--width", description = "picture width in pixels (default: ${DEFAULT-VALUE})",
            defaultValue = "1200")
    int width;

    @Option(names = "--height", description = "picture height in pixels (default: ${DEFAULT-VALUE})",
            defaultValue = "900")
    int height;

    @Override
    public Integer call() throws Exception {
        if (!(smoothing >= 0 && smoothing <= 0.99)) {
            throw new ParameterException(spec.commandLine(), "--smoothing = " + smoothing + ": must be 0 to 0.99");
        }
        if (width < 200 || width > 8000 || height < 200 || height > 8000) {
            throw new ParameterException(spec.commandLine(), "--width/--height = " + width + "x" + height
                    + ": each must be 200 to 8000");
        }
        BufferedImage image = TrainingCurves.render(run, smoothing, width, height);
        ImageConversions.writePng(image, output);
        spec.commandLine().getOut().printf("curves of %s written to %s%n", run, output);
        return 0;
    }
}
