package io.dcganexplorer.app.project;

import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.LatentHandoff;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.app.common.UiCoalescer;
import io.dcganexplorer.app.model.CurrentModelViewModel;
import io.dcganexplorer.app.model.LoadedModel;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.render.GeneratorWorker;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.Interpolation;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.core.projection.ImageDistance;
import io.dcganexplorer.core.projection.ProjectionProgress;
import io.dcganexplorer.core.projection.ProjectionResult;
import io.dcganexplorer.core.projection.ProjectionSettings;
import io.dcganexplorer.core.projection.Projector;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.data.ImageFile;
import io.dcganexplorer.run.AtomicFiles;
import io.dcganexplorer.run.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Project activity's state: the picture to find (opened, dropped, picked or drawn, converted to the model's
 * size and channels), the reconstruction as the optimiser improves it (progress, Cancel), the projections made so
 * far, an interpolation between two of them, and the hand-overs of a found z to Walk, Arithmetic and Ablate.
 *
 * <p>Public methods run on the UI thread. The projector (G folded for gradients, and D when the feature loss is
 * on) and the training images live on the {@code worker} thread; progress comes back through a coalescer, one
 * pending update at most, so the reconstruction on screen is always the newest.
 */
public final class ProjectViewModel implements AutoCloseable {

    /** Training images searched for the nearest one, and offered to pick from. */
    public static final int TRAINING_LIMIT = 2000;
    /** Thumbnails shown to pick from at a time. */
    public static final int PICKS = 16;
    /** Frames of an interpolation, ends included. */
    public static final int INTERPOLATION_FRAMES = 8;
    /** Projections kept for interpolation. */
    public static final int HISTORY = 8;

    /** Where the pictures to pick from come from. */
    public enum PickSource {
        TRAINING("Training images"), GENERATED("Generated samples");

        private final String label;

        PickSource(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * One finished projection.
     *
     * @param name the picture's name
     * @param z the z found
     * @param original the picture at the model's size
     * @param reconstruction G(z)
     * @param psnr reconstruction against the picture, in dB
     */
    public record Projected(String name, float[] z, Frame original, Frame reconstruction, double psnr) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (%.1f dB)", name, psnr);
        }
    }

    private final TaskExecutor executor;
    private final TaskExecutor worker;
    private final ErrorReporter errors;
    private final ModelService models;
    private final LatentHandoff handoff;
    private final UiCoalescer progressUpdates;
    private final AtomicReference<ProjectionProgress> latestProgress = new AtomicReference<>();

    private final ReadOnlyObjectWrapper<LoadedModel> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ImageFile> target = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Frame> targetFrame = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Frame> reconstruction = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<float[]> z = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper quality = new ReadOnlyStringWrapper("");
    private final ObservableList<Projected> projections = FXCollections.observableArrayList();
    private final ObjectProperty<Projected> interpolateFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<Projected> interpolateTo = new SimpleObjectProperty<>();
    private final ObservableList<Frame> interpolation = FXCollections.observableArrayList();
    private final ObjectProperty<PickSource> pickSource = new SimpleObjectProperty<>(PickSource.GENERATED);
    private final IntegerProperty pickPage = new SimpleIntegerProperty();
    private final ObservableList<Frame> picks = FXCollections.observableArrayList();
    private final List<float[]> pickPixels = new ArrayList<>();
    private final IntegerProperty steps = new SimpleIntegerProperty(ProjectionSettings.defaults().steps());
    private final IntegerProperty restarts = new SimpleIntegerProperty(ProjectionSettings.defaults().restarts());
    private final BooleanProperty featureLoss = new SimpleBooleanProperty();

    /** Set to stop the projection that is running; each run gets its own. */
    private AtomicBoolean cancel = new AtomicBoolean();
    private long generation;
    private long startedAt;
    private double firstFrameMillis = Double.NaN;
    /** Owned by the worker thread: the projector of {@link #workerModel} and its training images. */
    private final CurrentModelViewModel currentModel;
    private Projector projector;
    private LoadedModel workerModel;
    private ImageDataset training;
    private String trainingProblem;

    /**
     * @param executor background file work and the UI thread
     * @param worker one thread: the only user of the projector and the training images
     * @param handoff where "Walk from here", "Use as exemplar" and "Ablate this" send the z
     */
    public ProjectViewModel(TaskExecutor executor, TaskExecutor worker, ErrorReporter errors, ModelService models,
                            LatentHandoff handoff) {
        this.executor = executor;
        this.worker = worker;
        this.errors = errors;
        this.models = models;
        this.handoff = handoff;
        this.progressUpdates = new UiCoalescer(executor, this::applyProgress);
        pickSource.addListener((o, a, b) -> {
            pickPage.set(0);
            refreshPicks();
        });
        pickPage.addListener((o, a, b) -> refreshPicks());
        this.currentModel = new CurrentModelViewModel(models, null);
        models.follow(this::modelLoaded);
    }

    /** The app's view model: its own worker thread, the app's models and handoff. */
    public static ProjectViewModel create(TaskExecutor background, ErrorReporter errors, ModelService models,
            LatentHandoff handoff) {
        GeneratorWorker worker = GeneratorWorker.forJobs("projection", e -> errors.error("Could not project", e));
        return new ProjectViewModel(background, worker.executor(background), errors, models, handoff);
    }

    // ---- model -----------------------------------------------------------------------------------------

    private void modelLoaded(LoadedModel loaded) {
        if (loaded == null) {
            return;
        }
        cancel();
        LoadedModel before = model.get();
        model.set(loaded);
        if (before == null || before.config().nz() != loaded.config().nz()) {
            projections.clear();
            interpolation.clear();
        }
        reconstruction.set(null);
        z.set(null);
        ImageFile t = target.get();
        if (t != null && (t.size() != loaded.config().imageSize() || t.channels() != loaded.config().channels())) {
            // A picture at the old model's size: it has to be opened again at the new one.
            target.set(null);
            targetFrame.set(null);
        }
        refreshPicks();
    }

    /** On the worker: the projector for {@code loaded}, built when the model changed. */
    private Projector projectorFor(LoadedModel loaded) {
        if (workerModel != loaded) {
            DcganConfig c = loaded.config();
            // Folding only reads the networks; the lock keeps another pane's copy from interleaving with it.
            synchronized (loaded.gan()) {
                projector = new Projector(loaded.gan().generator(), loaded.gan().discriminator(), c.nz(), c.latent());
            }
            workerModel = loaded;
            training = null;
            trainingProblem = null;
        }
        return projector;
    }

    /** On the worker: the first {@link #TRAINING_LIMIT} training images, or null (with a reason) when unknown. */
    private ImageDataset trainingFor(LoadedModel loaded) {
        projectorFor(loaded);
        if (training == null && trainingProblem == null) {
            DatasetSpec spec = loaded.info() == null ? null : loaded.info().dataset();
            if (spec == null) {
                trainingProblem = "the model does not record its training data";
            } else {
                try {
                    training = spec.firstImages(TRAINING_LIMIT).open();
                } catch (RuntimeException e) {
                    trainingProblem = "its training data cannot be opened (" + ErrorReporter.describe(e) + ")";
                }
            }
        }
        return training;
    }

    // ---- the picture -----------------------------------------------------------------------------------

    /** Opens a picture file (PNG, JPEG, BMP, GIF) and projects it; a bad file gets one message naming it. */
    public void openFile(Path file) {
        LoadedModel m = model.get();
        if (m == null) {
            message.set("Open a model first.");
            return;
        }
        executor.submit(() -> ImageFile.load(file, m.config().imageSize(), m.config().channels()), this::useImage,
                e -> message.set(ErrorReporter.describe(e)));
    }

    /** A picture made in the app (the drawing canvas), converted like a file, then projected. */
    public void openImage(BufferedImage image, String name) {
        LoadedModel m = model.get();
        if (m == null) {
            message.set("Open a model first.");
            return;
        }
        useImage(ImageFile.of(name, image, m.config().imageSize(), m.config().channels()));
    }

    /** Picks thumbnail {@code index} (a training image or a generated sample) and projects it. */
    public void pick(int index) {
        LoadedModel m = model.get();
        if (m == null || index < 0 || index >= pickPixels.size()) {
            return;
        }
        String name = (pickSource.get() == PickSource.TRAINING ? "training image " : "sample ")
                + (pickPage.get() * PICKS + index + 1);
        useImage(new ImageFile(name, pickPixels.get(index), m.config().imageSize(), m.config().channels(), List.of()));
    }

    private void useImage(ImageFile image) {
        target.set(image);
        targetFrame.set(Frame.fromPlanes(image.chw(), 0, image.channels(), image.size(), image.size(), 0));
        message.set(image.conversions().isEmpty() ? "" : image.name() + ": " + image.conversionSummary() + ".");
        project();
    }

    /** Shows the next page of pictures to pick from. */
    public void morePicks() {
        pickPage.set(pickPage.get() + 1);
    }

    private void refreshPicks() {
        LoadedModel m = model.get();
        if (m == null) {
            return;
        }
        PickSource source = pickSource.get();
        int page = pickPage.get();
        worker.submit(() -> {
            DcganConfig c = m.config();
            int length = c.channels() * c.imageSize() * c.imageSize();
            List<float[]> pixels = new ArrayList<>();
            if (source == PickSource.TRAINING) {
                ImageDataset data = trainingFor(m);
                if (data == null) {
                    throw new IllegalStateException("No training images to pick: " + trainingProblem + ".");
                }
                for (int i = 0; i < PICKS; i++) {
                    float[] image = new float[length];
                    data.writeImage((page * PICKS + i) % data.size(), image, 0);
                    pixels.add(image);
                }
            } else {
                Projector p = projectorFor(m);
                LatentSampler sampler = new LatentSampler(c.nz(), c.latent());
                for (int i = 0; i < PICKS; i++) {
                    pixels.add(p.generate(sampler.vector(page, LatentSampler.SAMPLING_STREAM, i)));
                }
            }
            return pixels;
        }, pixels -> {
            if (m != model.get()) {
                return;
            }
            DcganConfig c = m.config();
            pickPixels.clear();
            pickPixels.addAll(pixels);
            picks.setAll(pixels.stream().map(p -> Frame.fromPlanes(p, 0, c.channels(), c.imageSize(), c.imageSize(), 0))
                    .toList());
        }, e -> {
            picks.clear();
            pickPixels.clear();
            message.set(ErrorReporter.describe(e));
        });
    }

    // ---- projecting ------------------------------------------------------------------------------------

    /** Projects the current picture (again, with the current settings); a running projection is cancelled. */
    public void project() {
        LoadedModel m = model.get();
        ImageFile image = target.get();
        if (m == null || image == null) {
            message.set(m == null ? "Open a model first." : "Open, pick or draw a picture first.");
            return;
        }
        cancel();
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        long run = ++generation;
        ProjectionSettings settings = ProjectionSettings.defaults().withSteps(steps.get()).withRestarts(restarts.get())
                .withFeatureWeight(featureLoss.get() ? 0.1 : 0);
        running.set(true);
        progress.set(0);
        quality.set("");
        startedAt = System.nanoTime();
        firstFrameMillis = Double.NaN;
        worker.submit(() -> {
            Projector p = projectorFor(m);
            return p.project(image.chw(), settings, snapshot -> {
                if (!stop.get()) {
                    latestProgress.set(snapshot);
                    progressUpdates.request();
                }
            }, stop::get);
        }, result -> finished(run, m, image, result), e -> {
            if (run == generation) {
                running.set(false);
                errors.error("Could not project " + image.name(), e);
            }
        });
    }

    private void applyProgress() {
        ProjectionProgress p = latestProgress.getAndSet(null);
        if (p == null || !running.get()) {
            return;
        }
        if (Double.isNaN(firstFrameMillis)) {
            firstFrameMillis = (System.nanoTime() - startedAt) / 1e6;
        }
        show(p.image(), p.z());
        progress.set(p.fraction());
        quality.set(String.format(Locale.ROOT, "step %d of %d: %.1f dB", p.step(), p.steps(), p.psnr()));
    }

    private void show(float[] image, float[] latent) {
        DcganConfig c = model.get().config();
        reconstruction.set(Frame.fromPlanes(image, 0, c.channels(), c.imageSize(), c.imageSize(), 0));
        z.set(latent);
    }

    private void finished(long run, LoadedModel m, ImageFile image, ProjectionResult r) {
        if (run != generation || m != model.get()) {
            return;
        }
        latestProgress.set(null);
        running.set(false);
        progress.set(r.cancelled() ? progress.get() : 1);
        show(r.image(), r.z());
        String summary = String.format(Locale.ROOT, "%s: %.1f dB after %d steps%s", image.name(), r.psnr(), r.steps(),
                r.cancelled() ? " (cancelled; the best so far)" : "");
        quality.set(summary);
        Projected done = new Projected(image.name(), r.z(), targetFrame.get(), reconstruction.get(), r.psnr());
        projections.add(0, done);
        if (projections.size() > HISTORY) {
            projections.remove(HISTORY, projections.size());
        }
        interpolateTo.set(done);
        interpolateFrom.set(projections.size() > 1 ? projections.get(1) : null);
        nearestContrast(run, m, image, summary);
    }

    /** Adds the nearest training image's PSNR to the summary, as a contrast: how far the model's own data is. */
    private void nearestContrast(long run, LoadedModel m, ImageFile image, String summary) {
        worker.submit(() -> {
            ImageDataset data = trainingFor(m);
            return data == null ? null : ImageDistance.nearest(image.chw(), data, TRAINING_LIMIT, () -> false);
        }, nearest -> {
            if (run == generation && nearest != null) {
                quality.set(summary + String.format(Locale.ROOT, "; the nearest of %d training images: %.1f dB",
                        nearest.searched(), nearest.psnr()));
            }
        }, e -> { });
    }

    /** Stops the running projection; the best z so far stays. */
    public void cancel() {
        cancel.set(true);
    }

    // ---- hand-overs and export -------------------------------------------------------------------------

    /** "Walk from here": the found z becomes the Walk pane's current z. */
    public boolean walkFromHere() {
        return send(LatentHandoff.Target.WALK);
    }

    /** "Use as exemplar": the found z goes into the Arithmetic pane's selected concept bucket. */
    public boolean useAsExemplar() {
        return send(LatentHandoff.Target.ARITHMETIC_EXEMPLAR);
    }

    /** "Ablate this": the Ablate pane shows the found z as its first sample. */
    public boolean ablateThis() {
        return send(LatentHandoff.Target.ABLATE);
    }

    private boolean send(LatentHandoff.Target where) {
        float[] found = z.get();
        if (found == null) {
            message.set("Project a picture first.");
            return false;
        }
        String label = target.get() == null ? "the projected picture" : target.get().name() + ", projected";
        if (!handoff.send(where, found, label)) {
            message.set("The " + where.tab() + " pane is not open.");
            return false;
        }
        return true;
    }

    /** The found z as a JSON array, the text the Walk pane's "Paste z" reads. */
    public String zAsJson() {
        float[] found = z.get();
        if (found == null) {
            return "";
        }
        try {
            return Json.MAPPER.writeValueAsString(found);
        } catch (IOException e) {
            throw new IllegalStateException("a float array always converts to JSON", e);
        }
    }

    /** Writes the found z to {@code file} as a JSON array. */
    public void exportZ(Path file) {
        String json = zAsJson();
        if (json.isEmpty()) {
            message.set("Project a picture first.");
            return;
        }
        executor.submit(() -> {
            AtomicFiles.writeString(file, json + "\n");
            return file;
        }, f -> message.set("z written to " + f + "."), e -> errors.error("Could not write " + file, e));
    }

    /** Renders the walk from {@link #interpolateFromProperty()} to {@link #interpolateToProperty()}. */
    public void interpolate() {
        Projected a = interpolateFrom.get();
        Projected b = interpolateTo.get();
        LoadedModel m = model.get();
        if (a == null || b == null || m == null) {
            message.set("Project two pictures to walk between them.");
            return;
        }
        worker.submit(() -> {
            Projector p = projectorFor(m);
            DcganConfig c = m.config();
            List<Frame> frames = new ArrayList<>();
            for (int i = 0; i < INTERPOLATION_FRAMES; i++) {
                float[] point = Interpolation.lerp(a.z(), b.z(), i / (double) (INTERPOLATION_FRAMES - 1));
                frames.add(Frame.fromPlanes(p.generate(point), 0, c.channels(), c.imageSize(), c.imageSize(), 0));
            }
            return frames;
        }, interpolation::setAll, e -> errors.error("Could not interpolate", e));
    }

    // ---- accessors -------------------------------------------------------------------------------------

    /** The current model's name for the pane's top line (any model can be projected into). */
    public CurrentModelViewModel currentModel() {
        return currentModel;
    }

    public ModelService models() {
        return models;
    }

    public ReadOnlyObjectProperty<LoadedModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The picture being projected, at the model's size. */
    public ReadOnlyObjectProperty<ImageFile> targetProperty() {
        return target.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Frame> targetFrameProperty() {
        return targetFrame.getReadOnlyProperty();
    }

    /** G(z) for the best z so far; updated while the optimiser runs. */
    public ReadOnlyObjectProperty<Frame> reconstructionProperty() {
        return reconstruction.getReadOnlyProperty();
    }

    /** The best z so far; null before a projection. */
    public ReadOnlyObjectProperty<float[]> zProperty() {
        return z.getReadOnlyProperty();
    }

    /** 0..1 of the planned steps. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The last problem or note for the user (a bad file, a conversion); empty when none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** How close the reconstruction is, and the nearest training image's distance as a contrast. */
    public ReadOnlyStringProperty qualityProperty() {
        return quality.getReadOnlyProperty();
    }

    /** Finished projections, newest first. */
    public ObservableList<Projected> projections() {
        return projections;
    }

    public ObjectProperty<Projected> interpolateFromProperty() {
        return interpolateFrom;
    }

    public ObjectProperty<Projected> interpolateToProperty() {
        return interpolateTo;
    }

    /** The frames of the last interpolation. */
    public ObservableList<Frame> interpolation() {
        return interpolation;
    }

    public ObjectProperty<PickSource> pickSourceProperty() {
        return pickSource;
    }

    /** Thumbnails to pick from. */
    public ObservableList<Frame> picks() {
        return picks;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public IntegerProperty restartsProperty() {
        return restarts;
    }

    /** When true the loss adds D's first layers' features to the pixels. */
    public BooleanProperty featureLossProperty() {
        return featureLoss;
    }

    /** Milliseconds from the last {@link #project()} to its first reconstruction being set; NaN before. */
    public double firstFrameMillis() {
        return firstFrameMillis;
    }

    @Override
    public void close() {
        cancel();
        worker.shutdown();
    }
}
