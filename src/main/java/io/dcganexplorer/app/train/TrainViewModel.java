package io.dcganexplorer.app.train;

import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.Poller;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.app.common.UiCoalescer;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.InvalidConfigException;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.core.gan.SampleGrid;
import io.dcganexplorer.core.gan.TrainingListener;
import io.dcganexplorer.core.gan.TrainingOutcome;
import io.dcganexplorer.core.gan.TrainingSnapshot;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.data.ImageFolderDataset;
import io.dcganexplorer.run.MetricsLog;
import io.dcganexplorer.run.MetricsRow;
import io.dcganexplorer.run.QualityLog;
import io.dcganexplorer.run.QualitySource;
import io.dcganexplorer.run.TrainingQuality;
import io.dcganexplorer.run.RunDirectory;
import io.dcganexplorer.run.RunManifest;
import io.dcganexplorer.run.TrainingPlan;
import io.dcganexplorer.run.TrainingSession;
import io.dcganexplorer.run.export.TrainingCurves;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Train pane's state and actions: a new run's settings, training on the trainer thread, following a
 * run folder, the chart history, the sample grid and its scrubber, and exports.
 *
 * <p>Threading: the trainer thread and the follow poller only put copies (metrics rows, grids, sample
 * paths) into concurrent queues and ask a {@link UiCoalescer} for an update; the update drains them on the
 * UI thread at most once per pulse. Nothing here ever waits for the trainer.
 */
public final class TrainViewModel {

    /** What the pane is doing. */
    public enum Phase {
        /** Nothing open yet: the pane offers to train or open a run. */
        EMPTY,
        /** Loading data and building the networks. */
        PREPARING,
        TRAINING,
        PAUSED,
        /** Stop requested: finishing the step and writing a checkpoint. */
        STOPPING,
        /** Showing a run that this app is not training: finished, or followed while another process writes it. */
        VIEWING
    }

    /** A run loop ended; the detail explains a divergence or failure. */
    public record Ended(TrainingOutcome outcome, String detail, long iteration) {
    }

    /**
     * What the view model needs from the app.
     *
     * @param background short jobs (open a run, export)
     * @param trainer the single thread that owns the networks while training
     * @param runsRoot where new runs are created
     * @param loader opens the data of a run
     * @param errors where failures go
     * @param poller runs the follow-mode poll about once a second
     */
    public record Services(TaskExecutor background, TaskExecutor trainer, Path runsRoot, DatasetLoader loader,
                           ErrorReporter errors, Poller poller) {
    }

    /** Quality is scored after every this many steps. */
    public static final int QUALITY_EVERY = 200;
    /** Generated samples per quality score. */
    public static final int QUALITY_SAMPLES = 1000;

    /** Points per chart series before old ones are merged in pairs. */
    public static final int CHART_POINTS = 1000;
    static final Duration FOLLOW_PERIOD = Duration.ofSeconds(1);
    /** Data loading progress reaches the UI at most this often. */
    static final long LOADING_REPORT_NANOS = 100_000_000L;

    private final Services services;
    private final UiCoalescer coalescer;

    // New-run settings.
    private final ObservableList<DatasetSpec.Kind> dataKinds = FXCollections.observableArrayList(DataKinds.all());
    private final ObjectProperty<DatasetSpec.Kind> dataKind = new SimpleObjectProperty<>(this, "dataKind");
    private final StringProperty imageFolder = new SimpleStringProperty(this, "imageFolder", "");
    private final ObjectProperty<Integer> imageSize = new SimpleObjectProperty<>(this, "imageSize", 32);
    private final ObjectProperty<Integer> channels = new SimpleObjectProperty<>(this, "channels", 1);
    private final ObjectProperty<LatentDistribution> latent =
            new SimpleObjectProperty<>(this, "latent", LatentDistribution.UNIFORM);
    private final Map<String, HyperparameterField> fields = new LinkedHashMap<>();

    // What is shown.
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.EMPTY);
    private final ReadOnlyObjectWrapper<Path> runFolder = new ReadOnlyObjectWrapper<>(this, "runFolder");
    private final ReadOnlyStringWrapper runTitle = new ReadOnlyStringWrapper(this, "runTitle", "");
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper(this, "activity", "Idle");
    private final ReadOnlyStringWrapper badge = new ReadOnlyStringWrapper(this, "badge", "");
    private final ReadOnlyLongWrapper iteration = new ReadOnlyLongWrapper(this, "iteration");
    private final ReadOnlyLongWrapper totalIterations = new ReadOnlyLongWrapper(this, "totalIterations");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper imagesPerSecond = new ReadOnlyStringWrapper(this, "imagesPerSecond", "–");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper(this, "eta", "–");
    private final ReadOnlyIntegerWrapper metricsVersion = new ReadOnlyIntegerWrapper(this, "metricsVersion");
    private final MetricsHistory history = new MetricsHistory(CHART_POINTS);
    private final ObservableList<Path> samples = FXCollections.observableArrayList();
    private final ObservableList<Path> samplesView = FXCollections.unmodifiableObservableList(samples);
    /** Why training is not moving ("paused", "stopped"), shown instead of speed and time left; null while it runs. */
    private String halted;
    private final ReadOnlyObjectWrapper<SampleGrid> displayedGrid = new ReadOnlyObjectWrapper<>(this, "displayedGrid");
    private final BooleanProperty live = new SimpleBooleanProperty(this, "live", true);
    private SampleGrid liveGrid;
    /** The feed whose run the properties show; queued data of any other feed is not applied. */
    private int shownToken = -1;

    // Hand-over from the trainer and poller threads.
    private final AtomicInteger feedToken = new AtomicInteger();
    private final ConcurrentLinkedQueue<MetricsRow> pendingRows = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Path> pendingSamples = new ConcurrentLinkedQueue<>();
    private final AtomicReference<SampleGrid> pendingGrid = new AtomicReference<>();
    private final AtomicReference<Stats> pendingStats = new AtomicReference<>();
    /** Paths already in {@link #samples}; UI thread only. */
    private final Set<Path> knownSamples = new HashSet<>();

    private volatile TrainingSession session;
    private final ReadOnlyStringWrapper quality = new ReadOnlyStringWrapper(this, "quality", "");
    private final ReadOnlyStringWrapper trouble = new ReadOnlyStringWrapper(this, "trouble", "");
    private volatile QualitySource qualitySource = QualitySource.NONE;
    private volatile int qualityEvery = QUALITY_EVERY;
    private volatile int qualitySamples = QUALITY_SAMPLES;
    private volatile boolean cancelPreparing;
    private AutoCloseable follower;
    private final List<Runnable> afterTraining = new ArrayList<>();

    private record Stats(long done, long total, double imagesPerSecond, double etaSeconds) {
    }

    public TrainViewModel(Services services) {
        this.services = services;
        this.coalescer = new UiCoalescer(services.trainer(), this::applyPending);
        addField("nz", "z length", "Length of the noise vector z that the generator turns into an image.", "100");
        addField("ngf", "G filters", "Filters in the generator's last hidden layer; doubled at each layer towards z.",
                "64");
        addField("ndf", "D filters", "Filters in the discriminator's first layer; doubled at each layer towards the "
                + "output.", "64");
        addField("batchSize", "Batch size", "Real images per step (and as many generated ones).", "128");
        addField("learningRate", "Learning rate", "Adam step size for both networks; the paper found 1e-3 too high.",
                "0.0002");
        addField("beta1", "Adam β1", "Decay of Adam's momentum; 0.5 instead of 0.9 kept training stable.", "0.5");
        addField("seed", "Seed", "Seeds the weights, the noise and the data order: same seed, same run.", "42");
        addField("iterations", "Iterations", "GAN steps to train, each one D update and one G update.", "2000");
        addField("sampleEvery", "Grid every", "Save and show the fixed-z sample grid every this many steps.", "50");
        addField("limit", "Images used", "Train on at most this many images of the data set (0 = all).", "0");
        // Rooms and faces are colour, Fashion-MNIST gray: the form follows the data (a folder keeps the choice).
        dataKind.addListener((o, a, kind) -> {
            if (kind != null) {
                DataKinds.channels(kind).ifPresent(channels::set);
            }
        });
        dataKind.set(DataKinds.all().stream().filter(DataKinds::available).findFirst().orElse(DataKinds.all().get(0)));
    }

    private void addField(String key, String label, String explanation, String value) {
        fields.put(key, new HyperparameterField(key, label, explanation, value));
    }

    // ---- New run settings ------------------------------------------------------------------------------

    public ObservableList<DatasetSpec.Kind> dataKinds() {
        return dataKinds;
    }

    public ObjectProperty<DatasetSpec.Kind> dataKindProperty() {
        return dataKind;
    }

    public StringProperty imageFolderProperty() {
        return imageFolder;
    }

    public ObjectProperty<Integer> imageSizeProperty() {
        return imageSize;
    }

    public ObjectProperty<Integer> channelsProperty() {
        return channels;
    }

    public ObjectProperty<LatentDistribution> latentProperty() {
        return latent;
    }

    /** The numeric settings in form order. */
    public List<HyperparameterField> fields() {
        return List.copyOf(fields.values());
    }

    public HyperparameterField field(String key) {
        HyperparameterField f = fields.get(key);
        if (f == null) {
            throw new IllegalArgumentException("no field " + key);
        }
        return f;
    }

    /** Puts every setting back to the paper's value. */
    public void resetToPaperDefaults() {
        fields.values().forEach(f -> {
            f.textProperty().set(f.paperValue());
            f.setError("");
        });
        latent.set(LatentDistribution.UNIFORM);
    }

    /**
     * The config the form describes; when a value is invalid, marks its field and throws with a message that
     * names the setting as the form does ("Batch size = 0: must be between 2 and 4096").
     */
    public DcganConfig buildConfig() {
        fields.values().forEach(f -> f.setError(""));
        try {
            return new DcganConfig(imageSize.get(), channels.get(), field("nz").intValue(), field("ngf").intValue(),
                    field("ndf").intValue(), field("batchSize").intValue(), field("learningRate").doubleValue(),
                    field("beta1").doubleValue(), latent.get(), field("seed").longValue());
        } catch (InvalidConfigException e) {
            throw invalid(e.field(), e);
        }
    }

    TrainingPlan buildPlan() {
        long total = field("iterations").longValue();
        int every = field("sampleEvery").intValue();
        try {
            // A checkpoint every tenth of the run (at least every 100 steps) or every two minutes.
            int checkpointEvery = (int) Math.max(100, Math.min(Integer.MAX_VALUE, total / 10));
            return new TrainingPlan(total, every, checkpointEvery, 120, 64);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage().startsWith("sampleEvery") ? "sampleEvery" : "iterations", e);
        }
    }

    /** Labels of the settings that are choices, not fields, as the form shows them. */
    private static final Map<String, String> CHOICE_LABELS = Map.of("imageSize", "Image size", "channels", "Channels",
            "latent", "z prior");

    /**
     * "key = value: rule" from the core, as "Label = value: rule" on the field of that key (when it is one),
     * in the exception for the "Check the settings" message.
     */
    private IllegalArgumentException invalid(String key, IllegalArgumentException e) {
        HyperparameterField f = fields.get(key);
        String label = f != null ? f.label() : CHOICE_LABELS.getOrDefault(key, key);
        String message = e.getMessage().startsWith(key + " ") ? label + e.getMessage().substring(key.length())
                : e.getMessage();
        if (f != null) {
            f.setError(message);
        }
        return new IllegalArgumentException(message, e);
    }

    DatasetSpec buildSpec(DcganConfig config) {
        DatasetSpec.Kind kind = dataKind.get();
        int limit = field("limit").intValue();
        if (limit < 0) {
            field("limit").setError("Images used = " + limit + ": must be 0 (all) or more");
            throw new IllegalArgumentException(field("limit").errorProperty().get());
        }
        if (DataKinds.needsFolder(kind) && imageFolder.get().isBlank()) {
            throw new IllegalArgumentException("Choose the folder of training images first (Browse…).");
        }
        return DataKinds.spec(kind, imageFolder.get(), config.imageSize(), config.channels(), limit, config.seed());
    }

    // ---- Training --------------------------------------------------------------------------------------

    /** Starts a new run from the form's settings on the trainer thread. */
    public void startNewRun() {
        if (!canStart()) {
            return;
        }
        DcganConfig config;
        TrainingPlan plan;
        DatasetSpec spec;
        try {
            config = buildConfig();
            plan = buildPlan();
            spec = buildSpec(config);
        } catch (IllegalArgumentException e) {
            services.errors().warning("Check the settings", ErrorReporter.describe(e));
            return;
        }
        int token = beginFeed();
        setPhase(Phase.PREPARING, "Loading " + DataKinds.displayName(spec.kind()).replace("…", "") + "…");
        services.trainer().submit(() -> {
            ImageDataset data = loadData(spec, token);
            TrainingSession created = TrainingSession.start(services.runsRoot(), null, config, spec, data, plan);
            return runSession(created, data, token, List.of());
        }, this::trainingEnded, this::trainingFailed);
    }

    /**
     * Continues a run folder from its newest checkpoint, up to the larger of its own plan and the Iterations
     * field, with the data its manifest names.
     */
    public void resumeRun(Path folder) {
        if (!canStart()) {
            return;
        }
        long wanted;
        try {
            field("iterations").setError("");
            wanted = field("iterations").longValue();
            if (wanted < 1) {
                throw invalid("iterations", new IllegalArgumentException("iterations = " + wanted
                        + ": must be at least 1"));
            }
        } catch (IllegalArgumentException e) {
            services.errors().warning("Check the settings", e.getMessage());
            return;
        }
        int token = beginFeed();
        setPhase(Phase.PREPARING, "Resuming " + folder.getFileName() + "…");
        services.trainer().submit(() -> {
            RunDirectory run = RunDirectory.open(folder);
            RunManifest manifest = run.manifest();
            ImageDataset data = loadData(manifest.dataset(), token);
            List<String> problems = new ArrayList<>();
            long total = Math.max(manifest.plan().iterations(), wanted);
            TrainingSession resumed = TrainingSession.resume(run, data, total, 0, problems);
            for (MetricsRow row : MetricsLog.read(run.metricsFile())) {
                if (row.iteration() < resumed.iteration()) {
                    pendingRows.add(row);
                }
            }
            return runSession(resumed, data, token, problems);
        }, this::trainingEnded, this::trainingFailed);
    }

    private ImageDataset loadData(DatasetSpec spec, int token) {
        // Loading runs on the trainer thread; the UI hears of it at most ten times a second.
        ImageFolderDataset.Progress shown = ImageFolderDataset.Progress.throttled((done, total) -> {
            String text = ImageFolderDataset.Progress.describe(done, total);
            services.trainer().runOnUi(() -> {
                if (token == feedToken.get() && phase.get() == Phase.PREPARING) {
                    activity.set(text);
                }
            });
        }, LOADING_REPORT_NANOS);
        ImageDataset data = services.loader().load(spec, shown, () -> cancelPreparing);
        if (cancelPreparing) {
            throw new CancellationException("stopped while loading the data");
        }
        return data;
    }

    /** On the trainer thread: publishes the session, trains it to the end, reports how it ended. */
    private Ended runSession(TrainingSession created, ImageDataset data, int token, List<String> problems)
            throws IOException {
        session = created;
        // The person decides: the pane shows the warning with a stop button rather than ending the run itself.
        created.setStopOnDivergence(false);
        created.addWarningListener(w -> services.trainer().runOnUi(() -> {
            if (token != feedToken.get()) {
                return;
            }
            switch (w.kind()) {
                case DIVERGENCE -> trouble.set(w.message());
                case RECOVERED -> trouble.set("");
                case WRITE_FAILED -> services.errors().warning("Could not save", w.message());
            }
        }));
        RunDirectory run = created.run();
        long total = created.manifest().plan().iterations();
        AtomicReference<String> detail = new AtomicReference<>("");
        created.addListener(new TrainingListener() {
            private boolean first = true;

            @Override
            public void onStep(TrainingSnapshot s) {
                if (token != feedToken.get()) {
                    return;
                }
                if (first) {
                    // The session saves the grid of step 0 (or shows the resumed one) after onStart.
                    first = false;
                    offerLatestSample(run, token, null);
                }
                pendingRows.add(MetricsRow.of(s.step(), s.epoch(), s.imagesPerSecond(), s.elapsedSeconds()));
                pendingStats.set(new Stats(s.step().iteration() + 1, s.totalIterations(), s.imagesPerSecond(),
                        s.etaSeconds()));
                if (s.grid() != null) {
                    pendingGrid.set(s.grid());
                    pendingSamples.add(run.samplePath(s.grid().iteration()));
                }
                coalescer.request();
            }

            @Override
            public void onEnd(TrainingOutcome outcome, String why) {
                detail.set(why);
            }
        });
        pendingStats.set(new Stats(created.iteration(), total, Double.NaN, Double.NaN));
        services.trainer().runOnUi(() -> {
            if (token != feedToken.get()) {
                return;
            }
            showRun(run.root(), created.manifest().id(), token);
            setPhase(Phase.TRAINING, "Training " + created.manifest().id());
            problems.forEach(p -> services.errors().warning("Skipped a checkpoint", p));
            coalescer.request();
        });
        if (cancelPreparing) {
            created.control().stop();
        }
        Optional<TrainingQuality> quality = watchQuality(created, data, token);
        TrainingOutcome outcome;
        try {
            outcome = created.train();
        } finally {
            if (quality.isPresent()) {
                quality.get().close();
            }
        }
        return new Ended(outcome, detail.get(), created.iteration());
    }

    /**
     * On the trainer thread: when a quality classifier fits the run's shape and data, scores G every
     * {@link #QUALITY_EVERY} steps through {@link TrainingQuality} (which also logs to the run's quality.csv) and
     * shows the latest in {@link #qualityProperty()}. Close the result when training ends.
     */
    private Optional<TrainingQuality> watchQuality(TrainingSession created, ImageDataset data, int token) {
        Consumer<String> show = text -> services.trainer().runOnUi(() -> {
            if (token == feedToken.get()) {
                quality.set(text);
            }
        });
        try {
            // Scores run on the background executor (one thread in the app, the caller's thread in tests).
            Executor scorer = work -> services.background().submit(() -> {
                work.run();
                return null;
            }, done -> { }, e -> { });
            Optional<TrainingQuality> watching = TrainingQuality.watch(created, data, qualitySource, qualityEvery,
                    qualitySamples, scorer,
                    new TrainingQuality.Listener() {
                        @Override
                        public void scored(QualityLog.Row row) {
                            show.accept(qualityText(row));
                        }

                        @Override
                        public void failed(Exception e) {
                            show.accept("Quality: scoring failed (" + ErrorReporter.describe(e) + ")");
                        }
                    });
            if (watching.isPresent()) {
                show.accept(String.format(Locale.ROOT, "Quality: scored every %d steps", qualityEvery));
            }
            return watching;
        } catch (IOException | RuntimeException e) {
            services.errors().warning("No sample quality for this run", "Could not load the quality classifier: "
                    + ErrorReporter.describe(e));
            return Optional.empty();
        }
    }

    /** "Step 400: Fréchet distance 12.3, 9 of 10 classes covered" */
    static String qualityText(QualityLog.Row row) {
        return String.format(Locale.ROOT, "Quality at step %,d: Fréchet distance %.2f, %d of %d classes covered",
                row.iteration(), row.frechetDistance(), row.classesCovered(), row.classes());
    }

    private void trainingEnded(Ended ended) {
        session = null;
        applyPending();
        String id = runTitle.get();
        switch (ended.outcome()) {
            case COMPLETED -> {
                setPhase(Phase.VIEWING, "Finished " + id + " at step " + ended.iteration());
                halt("done");
            }
            case STOPPED -> {
                setPhase(Phase.VIEWING, "Stopped " + id + " at step " + ended.iteration() + " (checkpoint saved)");
                badge.set("STOPPED");
                halt("stopped");
            }
            case DIVERGED -> {
                setPhase(Phase.VIEWING, "Diverged: " + id);
                halt("diverged");
                services.errors().warning("Training diverged", ended.detail());
            }
            case FAILED -> {
                setPhase(Phase.VIEWING, "Failed: " + id);
                halt("failed");
                services.errors().warning("Training failed", ended.detail());
            }
        }
        runAfterTraining();
    }

    private void trainingFailed(Exception e) {
        session = null;
        setPhase(runFolder.get() == null ? Phase.EMPTY : Phase.VIEWING, "Idle");
        if (!(e instanceof CancellationException)) {
            services.errors().error("Training could not start", e);
        }
        runAfterTraining();
    }

    private void runAfterTraining() {
        List<Runnable> actions = new ArrayList<>(afterTraining);
        afterTraining.clear();
        actions.forEach(Runnable::run);
    }

    public void pause() {
        TrainingSession s = session;
        if (s != null && phase.get() == Phase.TRAINING) {
            s.control().pause();
            setPhase(Phase.PAUSED, "Paused " + runTitle.get());
        }
    }

    public void resume() {
        TrainingSession s = session;
        if (s != null && phase.get() == Phase.PAUSED) {
            s.control().resume();
            setPhase(Phase.TRAINING, "Training " + runTitle.get());
        }
    }

    /** Space in the pane: pause when training, resume when paused. */
    public void togglePause() {
        if (phase.get() == Phase.TRAINING) {
            pause();
        } else if (phase.get() == Phase.PAUSED) {
            resume();
        }
    }

    /** Asks the trainer to finish its step, checkpoint and end; returns at once. */
    public void stop() {
        Phase p = phase.get();
        if (p == Phase.PREPARING) {
            cancelPreparing = true;
        }
        TrainingSession s = session;
        if (s != null) {
            s.control().stop();
        }
        if (p == Phase.TRAINING || p == Phase.PAUSED || p == Phase.PREPARING) {
            setPhase(Phase.STOPPING, "Stopping " + runTitle.get() + ": saving a checkpoint…");
        }
    }

    /** Stops training if any and runs {@code then} on the UI thread once the checkpoint is written. */
    public void stopAndThen(Runnable then) {
        if (isTrainingActive()) {
            afterTraining.add(then);
            stop();
        } else {
            then.run();
        }
    }

    public boolean isTrainingActive() {
        Phase p = phase.get();
        return p == Phase.PREPARING || p == Phase.TRAINING || p == Phase.PAUSED || p == Phase.STOPPING;
    }

    public boolean canStart() {
        return phase.get() == Phase.EMPTY || phase.get() == Phase.VIEWING;
    }

    // ---- Opening and following a run ------------------------------------------------------------------

    /**
     * Shows a run folder and keeps following it: new rows of metrics.csv and new grids in samples/ appear
     * within about a second, whoever writes them.
     */
    public void openRun(Path folder) {
        if (!canStart()) {
            services.errors().warning("Training is running", "Stop the current run before opening another.");
            return;
        }
        int token = beginFeed();
        activity.set("Opening " + folder.getFileName() + "…");
        services.background().submit(() -> {
            RunDirectory run = RunDirectory.open(folder);
            RunManifest manifest = run.manifest();
            MetricsTail tail = new MetricsTail(run.metricsFile());
            Follow follow = new Follow(run, manifest, tail, token);
            follow.poll();
            return follow;
        }, follow -> {
            if (token != feedToken.get()) {
                return;
            }
            showRun(follow.run.root(), follow.manifest.id(), token);
            setPhase(Phase.VIEWING, "Following " + follow.manifest.id());
            applyPending();
            follower = services.poller().every(FOLLOW_PERIOD, follow::pollQuietly);
        }, e -> {
            activity.set("Idle");
            services.errors().error("Could not open the run", e);
        });
    }

    /** The follow-mode reader of one run; polled on the poller thread. */
    private final class Follow {
        private final RunDirectory run;
        private final int token;
        private final MetricsTail tail;
        private RunManifest manifest;
        private int batch;
        private Path newestRead;

        Follow(RunDirectory run, RunManifest manifest, MetricsTail tail, int token) {
            this.run = run;
            this.manifest = manifest;
            this.tail = tail;
            this.token = token;
            this.batch = manifest.config().batchSize();
        }

        synchronized void poll() throws IOException {
            if (token != feedToken.get()) {
                return;
            }
            List<MetricsRow> rows = tail.poll();
            if (!rows.isEmpty()) {
                MetricsRow last = rows.get(rows.size() - 1);
                if (last.iteration() + 1 > manifest.plan().iterations()) {
                    // A resume elsewhere extended the plan; read the new total.
                    reloadManifest();
                }
                pendingRows.addAll(rows);
                long total = manifest.plan().iterations();
                long done = last.iteration() + 1;
                double eta = (total - done) / (last.imagesPerSecond() / batch);
                pendingStats.set(new Stats(done, total, last.imagesPerSecond(), Double.isFinite(eta) ? eta : Double.NaN));
            }
            newestRead = offerLatestSample(run, token, newestRead);
            coalescer.request();
        }

        private void reloadManifest() {
            try {
                manifest = run.manifest();
                batch = manifest.config().batchSize();
            } catch (Exception e) {
                // Mid-rewrite by the writer; the next poll reads it again.
            }
        }

        void pollQuietly() {
            try {
                poll();
            } catch (IOException | RuntimeException e) {
                // A shared folder can hiccup (NFS, a writer renaming files); the next poll tries again.
            }
        }
    }

    /**
     * Lists samples/, queues its paths and, unless it is {@code alreadyRead}, the newest grid. Runs on the
     * trainer or poller thread; returns the newest grid read so far.
     */
    private Path offerLatestSample(RunDirectory run, int token, Path alreadyRead) {
        List<Path> all;
        try {
            all = run.samples();
        } catch (IOException e) {
            return alreadyRead;
        }
        if (all.isEmpty() || token != feedToken.get()) {
            return alreadyRead;
        }
        pendingSamples.addAll(all);
        Path newest = all.get(all.size() - 1);
        Path read = alreadyRead;
        if (!newest.equals(alreadyRead)) {
            try {
                pendingGrid.set(TrainExports.readGrid(newest));
                read = newest;
            } catch (IOException e) {
                // Being written right now; the next poll reads it.
            }
        }
        coalescer.request();
        return read;
    }

    /** Forgets the previous run's feed: queued data and the follower. Returns the new feed's token. */
    private int beginFeed() {
        int token = feedToken.incrementAndGet();
        quality.set("");
        trouble.set("");
        closeFollower();
        cancelPreparing = false;
        pendingRows.clear();
        pendingSamples.clear();
        pendingGrid.set(null);
        pendingStats.set(null);
        return token;
    }

    private void showRun(Path folder, String id, int token) {
        shownToken = token;
        halted = null;
        runFolder.set(folder);
        runTitle.set(id);
        history.clear();
        knownSamples.clear();
        samples.clear();
        liveGrid = null;
        live.set(true);
        displayedGrid.set(null);
        iteration.set(0);
        totalIterations.set(0);
        progress.set(0);
        imagesPerSecond.set("–");
        eta.set("–");
        metricsVersion.set(metricsVersion.get() + 1);
    }

    /** On the UI thread: moves everything the background threads queued into the properties. */
    private void applyPending() {
        if (shownToken != feedToken.get()) {
            // Data read before the run is shown (the first follow poll) waits for showRun's reset.
            return;
        }
        boolean added = false;
        for (MetricsRow row = pendingRows.poll(); row != null; row = pendingRows.poll()) {
            history.add(row);
            added = true;
        }
        if (added) {
            metricsVersion.set(metricsVersion.get() + 1);
        }
        Stats stats = pendingStats.getAndSet(null);
        if (stats != null && halted != null) {
            // The step in flight when Pause or Stop came: its figures must not bring back a speed.
            iteration.set(stats.done());
            progress.set(stats.total() <= 0 ? 0 : Math.min(1, stats.done() / (double) stats.total()));
        } else if (stats != null) {
            iteration.set(stats.done());
            totalIterations.set(stats.total());
            progress.set(stats.total() <= 0 ? 0 : Math.min(1, stats.done() / (double) stats.total()));
            imagesPerSecond.set(Double.isFinite(stats.imagesPerSecond())
                    ? String.format(Locale.ROOT, "%.0f", stats.imagesPerSecond()) : "–");
            eta.set(stats.done() >= stats.total() ? "done" : formatDuration(stats.etaSeconds()));
            if (phase.get() == Phase.TRAINING) {
                activity.set("Training " + runTitle.get() + ": step " + stats.done() + " of " + stats.total());
            }
        }
        for (Path p = pendingSamples.poll(); p != null; p = pendingSamples.poll()) {
            if (knownSamples.add(p)) {
                samples.add(p);
            }
        }
        if (!samples.isEmpty() && !isSorted()) {
            FXCollections.sort(samples, (a, b) -> Long.compare(RunDirectory.iterationOf(a), RunDirectory.iterationOf(b)));
        }
        SampleGrid grid = pendingGrid.getAndSet(null);
        if (grid != null && (liveGrid == null || grid.iteration() >= liveGrid.iteration())) {
            liveGrid = grid;
            if (live.get()) {
                displayedGrid.set(grid);
            }
        }
    }

    private boolean isSorted() {
        for (int i = 1; i < samples.size(); i++) {
            if (RunDirectory.iterationOf(samples.get(i - 1)) > RunDirectory.iterationOf(samples.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** "1 h 02 min", "4 min 05 s", "12 s"; "–" while unknown. */
    static String formatDuration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "–";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }

    // ---- Scrubbing through saved grids ----------------------------------------------------------------

    /** Shows saved grid {@code index} of {@link #samples()}; the last index goes back to live. */
    public void scrubTo(int index) {
        if (index < 0 || index >= samples.size()) {
            return;
        }
        if (index == samples.size() - 1) {
            live.set(true);
            if (liveGrid != null) {
                displayedGrid.set(liveGrid);
            }
            return;
        }
        live.set(false);
        Path file = samples.get(index);
        int token = feedToken.get();
        services.background().submit(() -> TrainExports.readGrid(file), grid -> {
            if (token == feedToken.get() && !live.get()) {
                displayedGrid.set(grid);
            }
        }, e -> services.errors().error("Could not show that grid", e));
    }

    // ---- Exports --------------------------------------------------------------------------------------

    /** Saves the grid on screen as a PNG. */
    public void exportGrid(Path file) {
        SampleGrid grid = displayedGrid.get();
        if (grid == null) {
            services.errors().warning("Nothing to save", "No sample grid is shown yet.");
            return;
        }
        runExport(() -> {
            TrainExports.savePng(grid, file);
            return "Saved the grid of step " + grid.iteration() + " to " + file;
        });
    }

    /** Saves the run's losses and D outputs, every step, as CSV. */
    public void exportLossesCsv(Path file) {
        RunDirectory run = openRunDirectoryOrWarn();
        if (run != null) {
            runExport(() -> "Saved " + TrainExports.saveLossesCsv(run, file) + " rows to " + file);
        }
    }

    /** Saves the run's sample grids as an animated GIF. */
    public void exportGif(Path file) {
        RunDirectory run = openRunDirectoryOrWarn();
        if (run != null) {
            runExport(() -> "Saved a GIF of " + TrainExports.saveGif(run, file, 150) + " grids to " + file);
        }
    }

    /**
     * Saves the run's training curves (losses, D's outputs and, when it logged quality.csv, the Fréchet distance)
     * as a PNG: the same picture as {@code dcgan plot}.
     */
    public void exportCurves(Path file) {
        RunDirectory run = openRunDirectoryOrWarn();
        if (run != null) {
            runExport(() -> {
                ImageConversions.writePng(TrainingCurves.render(run.root(), TrainingCurves.DEFAULT_SMOOTHING, 1200,
                        900), file);
                return "Saved the training curves to " + file;
            });
        }
    }

    private RunDirectory openRunDirectoryOrWarn() {
        Path folder = runFolder.get();
        if (folder == null) {
            services.errors().warning("No run open", "Start a run or open a run folder first.");
            return null;
        }
        try {
            return RunDirectory.open(folder);
        } catch (Exception e) {
            services.errors().error("Could not read the run", e);
            return null;
        }
    }

    private void runExport(java.util.concurrent.Callable<String> export) {
        services.background().submit(export, activity::set, e -> services.errors().error("Export failed", e));
    }

    // ---- Lifecycle ------------------------------------------------------------------------------------

    private void closeFollower() {
        if (follower != null) {
            try {
                follower.close();
            } catch (Exception e) {
                // Closing a scheduled poll does not fail in practice; nothing to recover either way.
            }
            follower = null;
        }
    }

    /** Stops following and drops queued updates; the window is going away. */
    public void close() {
        feedToken.incrementAndGet();
        closeFollower();
        TrainingSession s = session;
        if (s != null) {
            s.control().stop();
        }
    }

    private void setPhase(Phase p, String what) {
        phase.set(p);
        activity.set(what);
        badge.set(switch (p) {
            case PAUSED -> "PAUSED";
            case STOPPING -> "STOPPING";
            default -> "";
        });
        switch (p) {
            case PAUSED -> halt("paused");
            case STOPPING -> halt("stopping…");
            case PREPARING, TRAINING -> halted = null;
            default -> {
                // VIEWING: trainingEnded says how the run ended; a followed run shows its own numbers.
            }
        }
    }

    /**
     * The dashboard's speed and time left say that training is not moving ("paused", "stopped") instead of
     * the last figures measured while it was; they come back with the next step's figures after a resume.
     */
    private void halt(String state) {
        halted = state;
        imagesPerSecond.set("–");
        eta.set(state);
    }

    // ---- Read-only state ------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /**
     * A word for the room, shown large on the dashboard: PAUSED, STOPPING, STOPPED (until another run is
     * opened or started), empty while training or viewing.
     */
    public ReadOnlyStringProperty badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> runFolderProperty() {
        return runFolder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runTitleProperty() {
        return runTitle.getReadOnlyProperty();
    }

    /** What is running, in words, for the status bar. */
    /**
     * The latest sample-quality score of the run being trained (Fréchet distance and class coverage), or a
     * note that scores will come; empty when no quality classifier fits the run's shape.
     */
    public ReadOnlyStringProperty qualityProperty() {
        return quality.getReadOnlyProperty();
    }

    /**
     * Why the run being trained looks diverged or collapsed, and the checkpoint from before it; empty while
     * it looks healthy. The pane shows it with a stop button.
     */
    public ReadOnlyStringProperty troubleProperty() {
        return trouble.getReadOnlyProperty();
    }

    /**
     * Where quality classifiers come from, how often (in steps) and on how many samples runs started from
     * now on are scored.
     */
    public void setQuality(QualitySource source, int every, int samples) {
        if (every < 1 || samples < 2) {
            throw new IllegalArgumentException("every = " + every + ", samples = " + samples);
        }
        qualitySource = java.util.Objects.requireNonNull(source, "source");
        qualityEvery = every;
        qualitySamples = samples;
    }

    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    /** Steps done. */
    public ReadOnlyLongProperty iterationProperty() {
        return iteration.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalIterationsProperty() {
        return totalIterations.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty imagesPerSecondProperty() {
        return imagesPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    /** Changes whenever {@link #history()} changed. */
    public ReadOnlyIntegerProperty metricsVersionProperty() {
        return metricsVersion.getReadOnlyProperty();
    }

    /** The chart points; read on the UI thread only. */
    public MetricsHistory history() {
        return history;
    }

    /** Saved grids of the run, oldest first. */
    public ObservableList<Path> samples() {
        return samplesView;
    }

    public ReadOnlyObjectProperty<SampleGrid> displayedGridProperty() {
        return displayedGrid.getReadOnlyProperty();
    }

    /** True while the newest grid is shown (the scrubber is at its end). */
    public BooleanProperty liveProperty() {
        return live;
    }
}
