package io.dcganexplorer.cli;

import io.dcganexplorer.core.probe.GuidedBackprop;
import io.dcganexplorer.core.probe.Progress;
import io.dcganexplorer.core.probe.UnitsFigure;
import io.dcganexplorer.data.IdxDataset;
import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.data.InMemoryImageDataset;
import io.dcganexplorer.run.ModelBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code units}: the paper's figure 5, guided backpropagation of D's last-layer units, trained vs random D. */
@Command(name = "units", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"What D's units respond to (the paper's figure 5): for the first units of D's last "
                + "convolutional block, the real test images with the strongest response and their guided-backprop "
                + "maps, for the trained D and a random-init D of the same shape; writes a PNG."})
final class UnitsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_OR_RUN", description = "a model folder (model.json) or a run folder")
    Path source;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "the PNG to write (default: ${DEFAULT-VALUE})",
            defaultValue = "fig5.png")
    Path output;

    @Option(names = "--data", paramLabel = "SOURCE", description = "real images (the test split): fashion-mnist, "
            + "fashion-mnist:DIR, faces or rooms (default: ${DEFAULT-VALUE})", defaultValue = "fashion-mnist")
    String data;

    @Option(names = "--images", description = "real images searched for each unit's strongest responses "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "2000")
    int images;

    @Option(names = "--units", description = "show units 0..N-1 of the last block, as the paper's \"first 6 learned "
            + "convolutional features\" (default: ${DEFAULT-VALUE})", defaultValue = "6")
    int units;

    @Option(names = "--top", description = "images per unit (default: ${DEFAULT-VALUE})", defaultValue = "6")
    int top;

    @Option(names = "--seed", description = "seeds the random-init control D (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    long seed;

    @Option(names = "--scale", description = "pixels per image pixel in the PNG (default: ${DEFAULT-VALUE})",
            defaultValue = "3")
    int scale;

    @Override
    public Integer call() throws Exception {
        if (images < 1 || units < 1 || top < 1 || scale < 1) {
            throw new IllegalArgumentException("--images, --units, --top and --scale must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        LabelledData.check(data);
        ModelBundle.Loaded model = LabelledData.openModel(source, out);
        var config = model.gan().config();
        InMemoryImageDataset test = LabelledData.open(data, config.imageSize(), config.channels(), IdxDataset.Split.TEST);
        int available = new GuidedBackprop(model.gan().discriminator()).units();
        if (units > available) {
            throw new IllegalArgumentException("--units " + units + ": D's last block has " + available + " units");
        }
        int[] unitList = new int[units];
        java.util.Arrays.setAll(unitList, i -> i);
        INDArray real = UnitsFigure.images(test, images);
        long start = System.nanoTime();
        // The same control seed as the probe's random-init D.
        List<UnitsFigure.Panel> panels = UnitsFigure.compute(model.gan().discriminator(), config,
                io.dcganexplorer.core.probe.ProbeExperiment.Options.defaults(seed).controlSeed(), real, unitList, top,
                Progress.NONE, () -> false);
        ImageConversions.writePng(UnitsFigure.render(panels, real, scale), output);
        for (UnitsFigure.Panel p : panels) {
            for (GuidedBackprop.UnitView u : p.units()) {
                out.printf(Locale.ROOT, "%s, unit %d: strongest responses %.2f..%.2f (images %s)%n", p.title(),
                        u.unit(), u.responses()[u.responses().length - 1], u.responses()[0],
                        java.util.Arrays.toString(u.images()));
            }
        }
        out.printf(Locale.ROOT, "figure written to %s (%d units x %d of %,d %s images, %.1f s)%n", output, units, top,
                real.size(0), data, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
