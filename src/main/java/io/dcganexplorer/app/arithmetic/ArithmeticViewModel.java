package io.dcganexplorer.app.arithmetic;

import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.app.model.CurrentModelViewModel;
import io.dcganexplorer.app.model.LoadedModel;
import io.dcganexplorer.app.model.ModelNeed;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.render.GeneratorWorker;
import io.dcganexplorer.core.eval.FaceAttributeClassifier;
import io.dcganexplorer.core.eval.FacePrediction;
import io.dcganexplorer.core.experiments.FaceCriteria;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.ArithmeticFigure;
import io.dcganexplorer.core.latent.ConceptArithmetic;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.core.latent.Lesson;
import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.run.lesson.LessonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Arithmetic activity's state (Radford et al. 2015, figure 7): a grid of generated faces, signed
 * concept buckets filled by clicking grid samples, and the result G(Y), Y = sum of sign * mean(z), with
 * eight neighbours at +-0.25 uniform noise, next to the same sum done on the images. Lessons fill the
 * buckets: by the face attribute classifier when one is installed, otherwise by their stored indices.
 *
 * <p>All methods run on the UI thread. The generator copy and the classifier belong to one
 * {@link GeneratorWorker} thread; results come back through the executor.
 */
public final class ArithmeticViewModel implements AutoCloseable {

    /** Exemplars per concept, as in the paper. */
    public static final int EXEMPLARS = 3;
    /** Vector arithmetic is shown on faces: the lessons and the attribute classifier are about faces. */
    public static final ModelNeed NEEDS = new ModelNeed("faces", DatasetSpec.Kind.FACES, 0, 3, "faces32");
    /** Columns of the 8x8 grid of {@link Lesson#GRID_SIZE} samples. */
    public static final int GRID_COLUMNS = 8;
    /** Grid seed of a new pane: the seed the built-in lessons were prepared for. */
    static final long DEFAULT_GRID_SEED = 42;
    /** How sure the classifier must be before a grid sample counts as a lesson's exemplar. */
    static final double LESSON_CONFIDENCE = 0.8;

    private final TaskExecutor executor;
    private final ErrorReporter errors;
    private final ModelService models;
    private final Path evaluatorsRoot;
    private final GeneratorWorker renderer;
    private final LongProperty gridSeed = new SimpleLongProperty(DEFAULT_GRID_SEED);
    private final ObservableList<Frame> gridFrames = FXCollections.observableArrayList();
    private final List<float[]> gridZs = new ArrayList<>();
    private final ObservableList<Bucket> buckets = FXCollections.observableArrayList();
    private final ObjectProperty<Bucket> selected = new SimpleObjectProperty<>();
    private final ObservableList<Frame> resultFrames = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Frame> pixelFrame = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<float[]> resultZ = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LoadedModel> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper classifierReady = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final TurnViewModel turn;
    private final CurrentModelViewModel currentModel;
    private LatentSampler sampler;
    /** Owned by the renderer thread. */
    private FaceAttributeClassifier classifier;
    private long gridGeneration;
    private long resultGeneration;
    /** A lesson waiting for the grid of its seed. */
    private Lesson pendingLesson;

    /**
     * @param evaluatorsRoot where trained evaluators live; faces-SIZE under it is the attribute classifier
     */
    public ArithmeticViewModel(TaskExecutor executor, ErrorReporter errors, ModelService models, Path evaluatorsRoot) {
        this.executor = executor;
        this.errors = errors;
        this.models = models;
        this.evaluatorsRoot = evaluatorsRoot;
        this.renderer = GeneratorWorker.forJobs("arithmetic-renderer",
                e -> executor.runOnUi(() -> errors.error("Could not render", e)));
        this.turn = new TurnViewModel(this, executor, errors);
        this.currentModel = new CurrentModelViewModel(models, NEEDS);
        resetBuckets();
        gridSeed.addListener((o, a, b) -> renderGrid());
        models.follow(this::modelLoaded);
    }

    private void modelLoaded(LoadedModel loaded) {
        if (loaded == null) {
            return;
        }
        executor.submit(loaded::generatorCopy, copy -> {
            DcganConfig c = loaded.config();
            boolean sameSource = model.get() != null && model.get().source().equals(loaded.source());
            renderer.setGenerator(copy);
            sampler = new LatentSampler(c.nz(), c.latent());
            model.set(loaded);
            if (sameSource) {
                for (Bucket b : buckets) {
                    b.exemplars().clear();
                    b.meanFrameProperty().set(null);
                }
            } else {
                // Another model: a lesson's concepts ("man with glasses") do not describe its pictures.
                pendingLesson = null;
                resetBuckets();
                status.set("");
            }
            clearResult();
            loadClassifier(c);
            renderGrid();
        }, e -> errors.error("Could not prepare the generator of " + loaded.source().path(), e));
    }

    /** The three empty buckets of a new pane: A − B + C. */
    private void resetBuckets() {
        buckets.setAll(new Bucket("A", 1), new Bucket("B", -1), new Bucket("C", 1));
        selected.set(buckets.get(0));
    }

    /** The current model's name, and the switch to a faces model when it is not one. */
    public CurrentModelViewModel currentModel() {
        return currentModel;
    }

    /** Loads faces-SIZE on the renderer thread, which is the only one that will use it. */
    private void loadClassifier(DcganConfig config) {
        classifierReady.set(false);
        Path folder = evaluatorsRoot.resolve("faces-" + config.imageSize());
        if (config.channels() != 3 || !Files.isDirectory(folder)) {
            renderer.submit(s -> classifier = null);
            return;
        }
        CompletableFuture<Boolean> loaded = renderer.submit(s -> {
            try {
                classifier = FaceAttributeClassifier.load(folder);
                return true;
            } catch (Exception e) {
                classifier = null;
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        executor.submit(loaded::get, classifierReady::set, e -> errors.warning("No face attribute classifier",
                "Lessons use their stored exemplars: " + e.getMessage()));
    }

    /** Renders the grid of {@link Lesson#GRID_SIZE} samples of the current seed. */
    public void renderGrid() {
        if (sampler == null) {
            return;
        }
        gridZs.clear();
        for (int i = 0; i < Lesson.GRID_SIZE; i++) {
            gridZs.add(sampler.vector(gridSeed.get(), LatentSampler.SAMPLING_STREAM, i));
        }
        long generation = ++gridGeneration;
        List<float[]> zs = List.copyOf(gridZs);
        executor.submit(renderer.renderAll(zs)::get, frames -> {
            if (generation != gridGeneration) {
                return;
            }
            gridFrames.setAll(frames);
            if (pendingLesson != null) {
                Lesson lesson = pendingLesson;
                pendingLesson = null;
                fillFromLesson(lesson);
            }
        }, e -> errors.error("Could not render the grid", e));
    }

    /** A new grid: the next seed. */
    public void newGrid() {
        gridSeed.set(gridSeed.get() + 1);
    }

    // ---- buckets -----------------------------------------------------------------------------------------

    /**
     * Puts grid sample {@code cell} into the selected bucket, or takes it out if it is there. A full bucket
     * drops its oldest exemplar; when a bucket becomes full, the next one that is not is selected.
     */
    public void assign(int cell) {
        Bucket bucket = selected.get();
        if (bucket == null || cell < 0 || cell >= gridFrames.size()) {
            return;
        }
        var existing = bucket.exemplars().stream().filter(e -> e.cell() == cell && e.z() == gridZs.get(cell))
                .findFirst();
        if (existing.isPresent()) {
            bucket.exemplars().remove(existing.get());
        } else {
            if (bucket.exemplars().size() >= EXEMPLARS) {
                bucket.exemplars().remove(0);
            }
            bucket.exemplars().add(new Bucket.Exemplar(cell, gridZs.get(cell), gridFrames.get(cell)));
            if (bucket.exemplars().size() == EXEMPLARS) {
                buckets.stream().filter(b -> b.exemplars().size() < EXEMPLARS).findFirst().ifPresent(selected::set);
            }
        }
        bucketChanged(bucket);
    }

    /**
     * Puts a z handed over by another pane (Project's "Use as exemplar") into the selected bucket, as the grid's
     * {@link #assign} does (cell -1: it is not in the grid); false if it does not fit this model.
     */
    public boolean receiveExemplar(float[] z, String label) {
        Bucket bucket = selected.get();
        if (bucket == null || sampler == null || z.length != sampler.nz()) {
            status.set("Cannot use " + label + " as an exemplar: " + (sampler == null ? "no model has loaded yet"
                    : "its z has " + z.length + " values, this model takes " + sampler.nz()) + ".");
            return false;
        }
        executor.submit(renderer.renderAll(List.of(z))::get, frames -> {
            if (bucket.exemplars().size() >= EXEMPLARS) {
                bucket.exemplars().remove(0);
            }
            bucket.exemplars().add(new Bucket.Exemplar(-1, z.clone(), frames.get(0)));
            bucketChanged(bucket);
            // After bucketChanged, whose recompute sets its own status.
            status.set(label + " added to " + bucket.nameProperty().get() + ".");
        }, e -> errors.error("Could not render the exemplar " + label, e));
        return true;
    }

    /** Adds an empty term with this sign and selects it. */
    public Bucket addBucket(int sign) {
        Bucket b = new Bucket(String.valueOf((char) ('A' + Math.min(25, buckets.size()))), sign);
        buckets.add(b);
        selected.set(b);
        recompute();
        return b;
    }

    public void removeBucket(Bucket b) {
        if (buckets.size() <= 1) {
            return;
        }
        buckets.remove(b);
        if (selected.get() == b) {
            selected.set(buckets.get(0));
        }
        recompute();
    }

    /** Flips a bucket between + and -. */
    public void toggleSign(Bucket b) {
        b.signProperty().set(-b.signProperty().get());
        recompute();
    }

    private void bucketChanged(Bucket bucket) {
        if (bucket.exemplars().isEmpty()) {
            bucket.meanFrameProperty().set(null);
        } else {
            float[] mean = ConceptArithmetic.mean(bucket.zs());
            executor.submit(renderer.renderAll(List.of(mean))::get, frames -> {
                if (mean.length == sampler.nz()) {
                    bucket.meanFrameProperty().set(frames.get(0));
                }
            }, e -> errors.error("Could not render the mean of " + bucket.nameProperty().get(), e));
        }
        recompute();
    }

    /** The terms of the sum, or an empty list while a bucket is empty. */
    public List<ConceptArithmetic.Term> terms() {
        List<ConceptArithmetic.Term> terms = new ArrayList<>();
        for (Bucket b : buckets) {
            if (b.exemplars().isEmpty()) {
                return List.of();
            }
            terms.add(new ConceptArithmetic.Term(b.signProperty().get(), b.zs()));
        }
        return terms;
    }

    /** What the sum reads like: "A - B + C". */
    public String expression() {
        StringBuilder sb = new StringBuilder();
        for (Bucket b : buckets) {
            sb.append(sb.length() == 0 ? (b.signProperty().get() < 0 ? "- " : "") : b.signProperty().get() < 0
                    ? " - " : " + ").append(b.nameProperty().get());
        }
        return sb.toString();
    }

    /** Renders Y, its neighbours and the pixel-space sum when every bucket has an exemplar. */
    public void recompute() {
        List<ConceptArithmetic.Term> terms = terms();
        long generation = ++resultGeneration;
        if (terms.isEmpty()) {
            clearResult();
            status.set("Pick exemplars for every term: select a term, then click samples in the grid.");
            return;
        }
        ArithmeticFigure figure = ArithmeticFigure.of(terms, gridSeed.get());
        CompletableFuture<Result> work = renderer.submit(s -> {
            List<Frame> grid = s.render(figure.grid());
            List<float[]> exemplarZs = new ArrayList<>();
            terms.forEach(t -> exemplarZs.addAll(t.exemplars()));
            INDArray images = s.network().output(LatentSampler.stack(exemplarZs), false).dup('c');
            int plane = (int) (images.length() / images.size(0));
            float[] data = images.data().asFloat();
            List<ConceptArithmetic.Term> pixelTerms = new ArrayList<>();
            int at = 0;
            for (ConceptArithmetic.Term t : terms) {
                List<float[]> ims = new ArrayList<>();
                for (int i = 0; i < t.exemplars().size(); i++, at++) {
                    ims.add(java.util.Arrays.copyOfRange(data, at * plane, (at + 1) * plane));
                }
                pixelTerms.add(new ConceptArithmetic.Term(t.sign(), ims));
            }
            Frame pixel = Frame.fromPlanes(ConceptArithmetic.combineInPixelSpace(pixelTerms), 0,
                    (int) images.size(1), (int) images.size(3), (int) images.size(2), 0);
            return new Result(grid, pixel);
        });
        executor.submit(work::get, result -> {
            if (generation != resultGeneration) {
                return;
            }
            resultZ.set(figure.y());
            resultFrames.setAll(result.grid());
            pixelFrame.set(result.pixel());
            status.set(expression() + ": G(Y) in the centre, eight neighbours at ±0.25 uniform noise; "
                    + "the pixel-space sum on the right.");
        }, e -> errors.error("Could not render the result", e));
    }

    private record Result(List<Frame> grid, Frame pixel) {
    }

    private void clearResult() {
        resultFrames.clear();
        pixelFrame.set(null);
        resultZ.set(null);
    }

    /**
     * Writes the result as the paper lays it out, enlarged and crisp: the 3x3 Z-space block and, one column
     * further right, the pixel-space sum beside its middle row. Returns false when there is no result.
     */
    public boolean exportResult(Path file) {
        List<Frame> grid = List.copyOf(resultFrames);
        Frame pixel = pixelFrame.get();
        if (grid.size() != ArithmeticFigure.CELLS || pixel == null) {
            return false;
        }
        executor.submit(() -> {
            int size = pixel.width();
            int gap = 2;
            java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(5 * size + 6 * gap, 3 * size + 4 * gap,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = out.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int c = 0; c < grid.size(); c++) {
                g.drawImage(grid.get(c).toBufferedImage(), gap + c % 3 * (size + gap), gap + c / 3 * (size + gap), null);
            }
            g.drawImage(pixel.toBufferedImage(), gap + 4 * (size + gap), gap + size + gap, null);
            g.dispose();
            ImageConversions.writePng(ImageConversions.scaleNearest(out, Math.max(1, 128 / size)), file);
            return file;
        }, f -> status.set("Saved " + f), e -> errors.error("Could not save " + file, e));
        return true;
    }

    // ---- lessons -----------------------------------------------------------------------------------------

    /** The lessons shipped for the faces model. */
    public List<Lesson> builtInLessons() {
        return LessonFiles.builtIn();
    }

    /**
     * Sets up a lesson: its grid seed, one bucket per concept, filled once the grid is shown (by the
     * classifier when it is loaded and the concept names attributes, otherwise by the stored exemplars).
     */
    public void applyLesson(Lesson lesson) {
        pendingLesson = lesson;
        if (gridSeed.get() != lesson.gridSeed()) {
            gridSeed.set(lesson.gridSeed());
        } else if (!gridFrames.isEmpty()) {
            pendingLesson = null;
            fillFromLesson(lesson);
        }
    }

    private void fillFromLesson(Lesson lesson) {
        boolean byClassifier = classifierReady.get()
                && lesson.concepts().stream().allMatch(c -> !c.attributes().isEmpty());
        String misfit = byClassifier ? null : misfit(lesson);
        if (misfit != null) {
            errors.warning("The lesson does not fit this model", misfit);
            status.set(misfit);
            return;
        }
        List<Bucket> made = new ArrayList<>();
        for (Lesson.Concept c : lesson.concepts()) {
            made.add(new Bucket(c.name(), c.sign()));
        }
        buckets.setAll(made);
        selected.set(made.get(0));
        if (byClassifier) {
            CompletableFuture<List<FacePrediction>> judged = renderer.submit(s -> {
                return classifier.predict(s.network().output(LatentSampler.stack(gridZs), false));
            });
            executor.submit(judged::get, predictions -> fillBuckets(lesson, predictions),
                    e -> errors.error("Could not judge the grid", e));
        } else {
            fillBuckets(lesson, null);
        }
    }

    /**
     * Why the lesson's stored z vectors cannot be used with the current model (they were saved from a model
     * with another z length), or null when they can.
     */
    private String misfit(Lesson lesson) {
        for (Lesson.Concept c : lesson.concepts()) {
            for (float[] v : c.vectors()) {
                if (v.length != sampler.nz()) {
                    return String.format(Locale.ROOT, "Lesson '%s' holds z vectors of length %d%s; %s takes z of "
                            + "length %d, so its exemplars cannot be shown here.", lesson.name(), v.length,
                            lesson.modelHint().isEmpty() ? "" : " (made with " + lesson.modelHint() + ")",
                            model.get().describe(), sampler.nz());
                }
            }
        }
        return null;
    }

    private void fillBuckets(Lesson lesson, List<FacePrediction> predictions) {
        Set<Integer> used = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < lesson.concepts().size(); k++) {
            Lesson.Concept c = lesson.concepts().get(k);
            Bucket b = buckets.get(k);
            if (predictions != null) {
                List<Integer> cells = new ArrayList<>(FaceCriteria.firstMatching(predictions, c.attributes(),
                        LESSON_CONFIDENCE, EXEMPLARS, used));
                used.addAll(cells);
                // A small grid may hold too few confident faces: the plain decision fills the rest.
                List<Integer> more = FaceCriteria.firstMatching(predictions, c.attributes(), 0.5,
                        EXEMPLARS - cells.size(), used);
                used.addAll(more);
                cells.addAll(more);
                cells.forEach(i -> b.exemplars().add(new Bucket.Exemplar(i, gridZs.get(i), gridFrames.get(i))));
                if (cells.size() < EXEMPLARS) {
                    missing.add(c.name());
                }
            } else if (!c.vectors().isEmpty()) {
                for (float[] v : c.resolve(sampler, lesson.gridSeed())) {
                    b.exemplars().add(new Bucket.Exemplar(-1, v, null));
                }
            } else {
                for (int i : c.exemplars()) {
                    if (i < gridZs.size()) {
                        b.exemplars().add(new Bucket.Exemplar(i, gridZs.get(i), gridFrames.get(i)));
                    }
                }
            }
        }
        buckets.forEach(this::bucketChanged);
        status.set(lesson.name() + (predictions != null ? ": exemplars chosen by the attribute classifier"
                : ": stored exemplars") + (missing.isEmpty() ? "." : "; too few in this grid for " + missing
                + " (try a new grid)."));
    }

    /** The buckets as a lesson (explicit z's, so it does not depend on the grid). */
    public Lesson toLesson(String name) {
        List<Lesson.Concept> concepts = new ArrayList<>();
        for (Bucket b : buckets) {
            concepts.add(new Lesson.Concept(b.nameProperty().get(), b.signProperty().get(),
                    b.exemplars().stream().map(Bucket.Exemplar::cell).filter(i -> i >= 0).toList(), b.zs(), null));
        }
        LoadedModel m = model.get();
        return new Lesson(name, expression(), m == null ? "" : m.source().path().toString(), gridSeed.get(), concepts);
    }

    public void saveLesson(Path file) {
        Lesson lesson = toLesson(file.getFileName().toString().replaceFirst("\\.json$", ""));
        executor.submit(() -> {
            LessonFiles.write(lesson, file);
            return file;
        }, f -> status.set("Saved " + f), e -> errors.error("Could not save the lesson " + file, e));
    }

    public void loadLesson(Path file) {
        executor.submit(() -> LessonFiles.read(file), this::applyLesson,
                e -> errors.error("Could not open the lesson " + file, e));
    }

    // ---- for the turn tab --------------------------------------------------------------------------------

    GeneratorWorker renderer() {
        return renderer;
    }

    LatentSampler sampler() {
        return sampler;
    }

    /** The classifier, on the renderer thread only. */
    FaceAttributeClassifier classifierOnRendererThread() {
        return classifier;
    }

    // ---- properties --------------------------------------------------------------------------------------

    public TurnViewModel turn() {
        return turn;
    }

    public ModelService models() {
        return models;
    }

    public LongProperty gridSeedProperty() {
        return gridSeed;
    }

    public ObservableList<Frame> gridFrames() {
        return gridFrames;
    }

    public ObservableList<Bucket> buckets() {
        return buckets;
    }

    public ObjectProperty<Bucket> selectedProperty() {
        return selected;
    }

    /** The 3x3 result, row by row, G(Y) at {@link ArithmeticFigure#CENTRE}; empty until every term is filled. */
    public ObservableList<Frame> resultFrames() {
        return resultFrames;
    }

    public ReadOnlyObjectProperty<Frame> pixelFrameProperty() {
        return pixelFrame.getReadOnlyProperty();
    }

    /** Y of the result shown. */
    public ReadOnlyObjectProperty<float[]> resultZProperty() {
        return resultZ.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LoadedModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty classifierReadyProperty() {
        return classifierReady.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    @Override
    public void close() {
        turn.stop();
        renderer.close();
    }
}
