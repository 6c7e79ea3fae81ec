package io.dcganexplorer.cli;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.projection.ImageDistance;
import io.dcganexplorer.core.projection.ProjectionResult;
import io.dcganexplorer.core.projection.ProjectionSettings;
import io.dcganexplorer.core.projection.Projector;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.data.ImageFile;
import io.dcganexplorer.run.AtomicFiles;
import io.dcganexplorer.run.Json;
import io.dcganexplorer.run.ModelBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code project}: finds z with G(z) close to each image ({@link Projector}) and writes the reconstructions
 * beside the originals (and the nearest training image, for contrast) in one PNG, and each z as a JSON array
 * the Walk pane's "Paste z" reads.
 */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = "Find the z whose generated image is closest to each picture (PNG, JPEG, BMP, GIF). Writes "
                + "original | reconstruction | nearest training image, one row per picture, and each z as JSON.")
final class ProjectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "pictures to project")
    List<Path> images;

    @Option(names = {"-m", "--model"}, required = true, description = "a model folder (model.json) or a run folder")
    Path model;

    @Option(names = {"-o", "--out"}, description = "output PNG; the z's go beside it as OUT-N.json "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "projection.png")
    Path output;

    @Option(names = "--steps", description = "Adam steps on z (default: ${DEFAULT-VALUE})", defaultValue = "200")
    int steps;

    @Option(names = "--restarts", description = "starting points optimised together (default: ${DEFAULT-VALUE})",
            defaultValue = "4")
    int restarts;

    @Option(names = "--candidates", description = "random z judged to choose the starting points "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "256")
    int candidates;

    @Option(names = "--lr", description = "Adam's step size on z (default: ${DEFAULT-VALUE})", defaultValue = "0.05")
    double learningRate;

    @Option(names = "--feature-weight", description = "weight of a feature loss on D's first layers; 0 = pixels "
            + "only (default: ${DEFAULT-VALUE})", defaultValue = "0")
    double featureWeight;

    @Option(names = "--seed", description = "seeds the random starting points (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    long seed;

    @Option(names = "--nearest", description = "training images searched for the nearest one (0 = skip; "
            + "default: ${DEFAULT-VALUE})", defaultValue = "2000")
    int nearest;

    @Option(names = "--scale", description = "enlarge each pixel N times (default: ${DEFAULT-VALUE})",
            defaultValue = "4")
    int scale;

    @Override
    public Integer call() throws Exception {
        if (scale < 1 || scale > 16) {
            throw new ParameterException(spec.commandLine(), "--scale = " + scale + ": must be between 1 and 16");
        }
        if (nearest < 0) {
            throw new ParameterException(spec.commandLine(), "--nearest = " + nearest + ": must be 0 (skip) or positive");
        }
        ProjectionSettings settings;
        try {
            settings = new ProjectionSettings(steps, restarts, Math.max(candidates, restarts), learningRate,
                    featureWeight, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> problems = new ArrayList<>();
        ModelBundle.Loaded loaded = ModelBundle.open(model, problems);
        Messages.warnSkipped(err, problems);
        DcganConfig config = loaded.gan().config();
        Projector projector = new Projector(loaded.gan().generator(), featureWeight > 0
                ? loaded.gan().discriminator() : null, config.nz(), config.latent());
        ImageDataset training = nearest == 0 ? null : trainingImages(loaded, out);
        int size = config.imageSize();
        int length = config.channels() * size * size;
        int columns = training == null ? 2 : 3;
        List<float[]> cells = new ArrayList<>();
        int failed = 0;
        boolean bar = System.console() != null && System.getenv("CI") == null;
        for (Path file : images) {
            ImageFile image;
            try {
                image = ImageFile.load(file, size, config.channels());
            } catch (RuntimeException e) {
                // One bad file is named and skipped; the others are still projected.
                err.println("error: " + Messages.describe(e));
                failed++;
                continue;
            }
            if (!image.conversions().isEmpty()) {
                out.println(file + ": " + image.conversionSummary());
            }
            long start = System.nanoTime();
            ProjectionResult r = projector.project(image.chw(), settings, p -> {
                if (bar) {
                    out.print("\r" + ProgressPrinter.bar(p.fraction()) + String.format(Locale.ROOT, "%s  PSNR %.1f dB   ",
                            file.getFileName(), p.psnr()));
                    out.flush();
                }
            }, () -> false);
            if (bar) {
                out.println();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int index = cells.size() / columns + 1;
            Path zFile = sibling(output, "-" + index + ".json");
            AtomicFiles.writeString(zFile, Json.MAPPER.writeValueAsString(r.z()) + "\n");
            String contrast = "";
            cells.add(image.chw());
            cells.add(r.image());
            if (training != null) {
                ImageDistance.Nearest n = ImageDistance.nearest(image.chw(), training, nearest, () -> false);
                float[] match = new float[length];
                training.writeImage(n.index(), match, 0);
                cells.add(match);
                contrast = String.format(Locale.ROOT, "; nearest of %d training images (#%d) %.1f dB", n.searched(),
                        n.index(), n.psnr());
            }
            out.printf(Locale.ROOT, "%s: reconstruction PSNR %.1f dB (loss %.5f, best random start %.1f dB)%s; "
                    + "%d steps x %d restarts in %.1f s; z -> %s%n", file, r.psnr(), r.loss(), r.startPsnr(), contrast,
                    r.steps(), restarts, seconds, zFile);
        }
        if (cells.isEmpty()) {
            err.println("error: none of the " + images.size() + " pictures could be read; nothing written");
            return 1;
        }
        float[] all = new float[cells.size() * length];
        for (int i = 0; i < cells.size(); i++) {
            System.arraycopy(cells.get(i), 0, all, i * length, length);
        }
        var grid = ImageConversions.gridImage(all, cells.size(), config.channels(), size, columns, 2);
        ImageConversions.writePng(scale > 1 ? ImageConversions.scaleNearest(grid, scale) : grid, output);
        out.println("written " + output + " (" + (training == null ? "original | reconstruction"
                : "original | reconstruction | nearest training image") + ", one row per picture)");
        return failed == 0 ? 0 : 1;
    }

    /** The model's training data, the first {@code nearest} images; null (with a note) when it cannot be opened. */
    private ImageDataset trainingImages(ModelBundle.Loaded loaded, PrintWriter out) {
        DatasetSpec spec = loaded.info().dataset();
        if (spec == null) {
            out.println("note: the model does not record its training data; no nearest-image contrast");
            return null;
        }
        try {
            return spec.firstImages(nearest).open();
        } catch (RuntimeException e) {
            out.println("note: cannot open the training data for the nearest-image contrast: " + Messages.describe(e));
            return null;
        }
    }

    /** {@code out.png} with {@code suffix} in place of its extension: {@code out-1.json}. */
    static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + suffix);
    }
}
