package io.dcganexplorer.cli;

import io.dcganexplorer.core.eval.FaceAttributeClassifier;
import io.dcganexplorer.core.eval.FacePrediction;
import io.dcganexplorer.core.experiments.ArithmeticExperiment;
import io.dcganexplorer.core.experiments.FaceCriteria;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.ArithmeticFigure;
import io.dcganexplorer.core.latent.ConceptArithmetic;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.core.latent.Lesson;
import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.run.AtomicFiles;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.lesson.LessonFiles;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arithmetic}: measures the paper's face vector arithmetic and turn vector (figures 7 and 8) with
 * the attribute classifier, renders a lesson's figure to PNG, or picks exemplars for the built-in lessons.
 */
@Command(name = "arithmetic", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure vector arithmetic on faces (the DCGAN paper's figures 7 and 8): how often "
                + "A - B + C in Z space and in pixel space shows the intended attributes, and how steadily the turn "
                + "vector turns heads, judged by the face attribute classifier. With --lesson, render a lesson's "
                + "figure to a PNG instead."})
final class ArithmeticCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", description = "model folder or run folder (default: ${DEFAULT-VALUE})",
            defaultValue = "models/faces32")
    Path model;

    @Option(names = "--classifier", description = "face attribute classifier folder "
            + "(default: models/evaluators/faces-SIZE for the model's image size)")
    Path classifier;

    @Option(names = "--lessons", split = ",", description = "lesson files to measure (default: the built-in lessons)")
    List<Path> lessons;

    @Option(names = "--trials", description = "random exemplar choices per lesson (default: ${DEFAULT-VALUE})",
            defaultValue = "200")
    int trials;

    @Option(names = "--pool", description = "generated faces to pick exemplars from (default: ${DEFAULT-VALUE})",
            defaultValue = "2000")
    int pool;

    @Option(names = "--confidence", description = "classifier probability an exemplar needs "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "0.8")
    double confidence;

    @Option(names = "--turn-samples", description = "faces walked along the turn vector (default: ${DEFAULT-VALUE})",
            defaultValue = "100")
    int turnSamples;

    @Option(names = "--turn-strength", description = "walks go z + t * STRENGTH * turn, t in [-1, 1] "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "1.0")
    double turnStrength;

    @Option(names = "--seed", description = "pool and trial seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--out", description = "also write the tables to this Markdown file")
    Path out;

    @Option(names = "--lesson", description = "render this lesson file's figure (exemplars, means, G(Y) with "
            + "8 neighbours, pixel-space result) to --png instead of measuring")
    Path lesson;

    @Option(names = "--png", description = "where --lesson writes its figure (default: ${DEFAULT-VALUE})",
            defaultValue = "arithmetic.png")
    Path png;

    @Option(names = "--write-lessons", description = "choose exemplars for the built-in lessons from the model's "
            + "grid with the classifier and write the lessons into this folder")
    Path writeLessons;

    @Override
    public Integer call() throws Exception {
        PrintWriter printer = spec.commandLine().getOut();
        ModelBundle.Loaded loaded = ModelBundle.open(model, new ArrayList<>());
        DcganConfig config = loaded.gan().config();
        LatentSampler sampler = new LatentSampler(config.nz(), config.latent());
        MultiLayerNetwork generator = loaded.gan().generator();
        if (lesson != null) {
            Lesson l = LessonFiles.read(lesson);
            BufferedImage figure = figure(loaded, sampler, l);
            ImageConversions.writePng(ImageConversions.scaleNearest(figure, Math.max(1, 128 / config.imageSize())), png);
            printer.printf("lesson '%s' rendered with %s to %s%n", l.name(), loaded.folder(), png);
            return 0;
        }
        if (config.channels() != 3) {
            throw new IllegalArgumentException("the model draws " + config.channels() + "-channel images; the face "
                    + "attribute classifier needs RGB faces");
        }
        Path classifierFolder = classifier != null ? classifier
                : Path.of("models", "evaluators", "faces-" + config.imageSize());
        FaceAttributeClassifier judge = FaceAttributeClassifier.load(classifierFolder);
        if (judge.imageSize() != config.imageSize()) {
            throw new IllegalArgumentException("the classifier in " + classifierFolder + " judges " + judge.imageSize()
                    + "x" + judge.imageSize() + " images, the model draws " + config.imageSize() + "x"
                    + config.imageSize());
        }
        List<Lesson> measured = new ArrayList<>();
        if (lessons == null) {
            measured.addAll(LessonFiles.builtIn());
        } else {
            for (Path p : lessons) {
                measured.add(LessonFiles.read(p));
            }
        }
        if (writeLessons != null) {
            writeBuiltIns(printer, generator, sampler, judge, measured);
            return 0;
        }
        ArithmeticExperiment.Settings settings = new ArithmeticExperiment.Settings(pool, trials, 3, confidence,
                turnSamples, 9, Math.max(1, pool / 20), turnStrength, seed);
        long start = System.nanoTime();
        ArithmeticExperiment.Report report = ArithmeticExperiment.run(generator,
                loaded.gan().discriminator(), sampler, judge::predict, measured, settings);
        String table = report.markdown();
        printer.print(table);
        printer.printf(Locale.ROOT, "%nmodel %s (step %d), classifier %s, %.0f s%n", loaded.folder(),
                loaded.info().state() == null ? 0 : loaded.info().state().iteration(), classifierFolder,
                (System.nanoTime() - start) / 1e9);
        if (out != null) {
            AtomicFiles.writeString(out, table);
            printer.println("written to " + out);
        }
        return 0;
    }

    /** Seeds tried after a lesson's own when its grid lacks three confident faces for a concept. */
    private static final int SEEDS_TO_TRY = 50;

    /**
     * Picks each concept's first three confident faces of the lesson's grid and writes the lesson; when the
     * grid has too few for a concept, the next grid seeds are tried and the lesson keeps the first that works.
     */
    private void writeBuiltIns(PrintWriter printer, MultiLayerNetwork generator, LatentSampler sampler,
                               FaceAttributeClassifier judge, List<Lesson> toWrite) throws Exception {
        for (Lesson l : toWrite) {
            Lesson filled = null;
            for (long gridSeed = l.gridSeed(); gridSeed < l.gridSeed() + SEEDS_TO_TRY && filled == null; gridSeed++) {
                filled = fill(l, gridSeed, generator, sampler, judge);
            }
            if (filled == null) {
                throw new IllegalStateException("no grid among seeds " + l.gridSeed() + " to "
                        + (l.gridSeed() + SEEDS_TO_TRY - 1) + " has three faces for every concept of '" + l.name()
                        + "'; try a lower --confidence");
            }
            Path file = writeLessons.resolve(l.name().toLowerCase(Locale.ROOT).replace(' ', '-') + ".json");
            LessonFiles.write(filled, file);
            printer.printf("%s: grid seed %d, %s%n", file, filled.gridSeed(),
                    filled.concepts().stream().map(c -> c.name() + " " + c.exemplars()).toList());
        }
    }

    /** The lesson with exemplars from the grid of {@code gridSeed}, or null when a concept has too few. */
    private Lesson fill(Lesson l, long gridSeed, MultiLayerNetwork generator, LatentSampler sampler,
                        FaceAttributeClassifier judge) {
        INDArray z = sampler.batch(gridSeed, LatentSampler.SAMPLING_STREAM, 0, Lesson.GRID_SIZE);
        List<FacePrediction> judged = judge.predict(generator.output(z, false));
        Set<Integer> used = new HashSet<>();
        List<Lesson.Concept> concepts = new ArrayList<>();
        for (Lesson.Concept c : l.concepts()) {
            List<Integer> chosen = FaceCriteria.firstMatching(judged, c.attributes(), confidence, 3, used);
            if (chosen.size() < 3) {
                return null;
            }
            used.addAll(chosen);
            concepts.add(Lesson.Concept.ofIndices(c.name(), c.sign(), chosen, c.attributes()));
        }
        return new Lesson(l.name(), l.description(), l.modelHint(), gridSeed, concepts);
    }

    /**
     * One row per concept (three exemplars and their mean's image), then the 3x3 result (G(Y) in the centre)
     * and the pixel-space result beside it.
     */
    static BufferedImage figure(ModelBundle.Loaded loaded, LatentSampler sampler, Lesson l) {
        DcganConfig config = loaded.gan().config();
        List<ConceptArithmetic.Term> terms = l.terms(sampler);
        List<float[]> zs = new ArrayList<>();
        int widest = 0;
        for (ConceptArithmetic.Term t : terms) {
            widest = Math.max(widest, t.exemplars().size());
        }
        List<Integer> rowStart = new ArrayList<>();
        for (ConceptArithmetic.Term t : terms) {
            rowStart.add(zs.size());
            zs.addAll(t.exemplars());
            zs.add(ConceptArithmetic.mean(t.exemplars()));
        }
        ArithmeticFigure fig = ArithmeticFigure.of(terms, l.gridSeed());
        int gridStart = zs.size();
        zs.addAll(fig.grid());
        INDArray all = loaded.gan().generate(LatentSampler.stack(zs)).dup('c');
        float[] data = all.data().asFloat();
        int plane = config.channels() * config.imageSize() * config.imageSize();
        List<ConceptArithmetic.Term> pixelTerms = new ArrayList<>();
        for (int k = 0; k < terms.size(); k++) {
            List<float[]> ims = new ArrayList<>();
            for (int i = 0; i < terms.get(k).exemplars().size(); i++) {
                int at = (rowStart.get(k) + i) * plane;
                ims.add(java.util.Arrays.copyOfRange(data, at, at + plane));
            }
            pixelTerms.add(new ConceptArithmetic.Term(terms.get(k).sign(), ims));
        }
        float[] pixel = ConceptArithmetic.combineInPixelSpace(pixelTerms);
        // Layout: concept rows on top, then a 3x3 result block and the pixel result at its right.
        int rows = terms.size() + 3;
        // One spare column between the exemplars and their mean, and between the 3x3 block and the pixel result.
        int cols = Math.max(widest + 2, 5);
        float[] canvas = new float[rows * cols * plane];
        java.util.Arrays.fill(canvas, 1f);
        for (int k = 0; k < terms.size(); k++) {
            int n = terms.get(k).exemplars().size();
            for (int i = 0; i <= n; i++) {
                int col = i == n ? cols - 1 : i;
                System.arraycopy(data, (rowStart.get(k) + i) * plane, canvas, (k * cols + col) * plane, plane);
            }
        }
        for (int c = 0; c < ArithmeticFigure.CELLS; c++) {
            int row = terms.size() + c / 3;
            System.arraycopy(data, (gridStart + c) * plane, canvas, (row * cols + c % 3) * plane, plane);
        }
        System.arraycopy(pixel, 0, canvas, ((terms.size() + 1) * cols + cols - 1) * plane, plane);
        return ImageConversions.gridImage(canvas, rows * cols, config.channels(), config.imageSize(), cols, 1);
    }
}
