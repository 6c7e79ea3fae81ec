package io.dcganexplorer.run;

import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.DcganTrainer;
import io.dcganexplorer.core.gan.SampleGrid;
import io.dcganexplorer.core.gan.StepResult;
import io.dcganexplorer.core.gan.TrainingListener;
import io.dcganexplorer.core.gan.TrainingOutcome;
import io.dcganexplorer.core.gan.TrainingSnapshot;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.accel.NativeGarbage;
import io.dcganexplorer.core.platform.OutOfMemory;
import io.dcganexplorer.data.BatchIterator;
import io.dcganexplorer.data.DatasetFingerprint;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.data.ImageFolderDataset;
import io.dcganexplorer.data.LoadReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains one run: data batches in, steps, metrics, sample grids and checkpoints out. The CLI and the app
 * both drive training through this class, on a thread that owns the networks for the session.
 *
 * <p>A session holds its run folder's writer lock ({@link RunLock}) from its creation until {@link #train()}
 * returns (or {@link #close()}), so a second trainer on the same run is refused instead of interleaving
 * metrics and deleting the other's checkpoint writes. It watches for divergence and collapse
 * ({@link DivergenceWatch}), and a failed write (a full disk) is reported and retried while training goes
 * on in memory.
 */
public final class TrainingSession implements AutoCloseable {

    /**
     * What a resume changes; 0 (or false) keeps the run's own setting.
     *
     * @param iterations new total of steps
     * @param learningRate new Adam learning rate (after a divergence, say)
     * @param moreSeconds this much more training time (replacing any time limit of the plan)
     * @param sampleEvery new interval of sample grids
     * @param checkpointEvery new interval of checkpoints
     * @param allowChangedData go on although the data set differs from the one the run started with
     */
    public record ResumeOptions(long iterations, double learningRate, double moreSeconds, int sampleEvery,
                                int checkpointEvery, boolean allowChangedData) {

        /** Resume exactly as the run was planned. */
        public static final ResumeOptions NONE = new ResumeOptions(0, 0, 0, 0, 0, false);
    }

    /** The data set differs from the one the run started with, and the resume did not allow it. */
    public static final class DataChangedException extends IOException {
        DataChangedException(String message) {
            super(message);
        }
    }

    /** A run folder's list of the image files that loading skipped, with the reasons. */
    public static final String SKIPPED = "skipped.txt";

    private static final int THROUGHPUT_WINDOW = 20;

    private final RunDirectory run;
    private final RunManifest manifest;
    private final Dcgan gan;
    private final DcganTrainer trainer;
    private final BatchIterator batches;
    private final TrainingControl control = new TrainingControl();
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final INDArray previewZ;
    private final NativeGarbage garbage = NativeGarbage.forTraining();
    private final List<Consumer<TrainingWarning>> warningListeners = new CopyOnWriteArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private DivergenceWatch.Rules rules = DivergenceWatch.Rules.DEFAULTS;
    private DivergenceWatch watch;
    private volatile boolean stopOnDivergence = true;
    private int finalCheckpointTries = 3;
    private long retryPauseMillis = 5000;
    private double elapsedSeconds;
    /** The newest checkpoint that was written completely. */
    private long lastCheckpointIteration;
    /** The last checkpoint try, written or failed: the interval counts from it, so a failure retries later. */
    private long lastCheckpointTry;
    private double lastCheckpointTrySeconds;
    private boolean metricsFailing;
    private boolean gridFailing;

    private TrainingSession(RunDirectory run, RunManifest manifest, Dcgan gan, ImageDataset data, TrainingState state) {
        this.run = run;
        this.manifest = manifest;
        this.gan = gan;
        DcganConfig config = manifest.config();
        this.trainer = new DcganTrainer(gan, state.iteration());
        this.batches = new BatchIterator(data, config.batchSize(), config.seed(),
                new BatchIterator.Position(state.epoch(), state.batchInEpoch()));
        this.previewZ = new LatentSampler(config.nz(), config.latent())
                .batch(config.seed(), LatentSampler.PREVIEW_STREAM, 0, manifest.plan().previewCount());
        this.elapsedSeconds = state.elapsedSeconds();
        this.lastCheckpointIteration = state.iteration();
        this.lastCheckpointTry = state.iteration();
        this.lastCheckpointTrySeconds = state.elapsedSeconds();
        this.watch = new DivergenceWatch(rules, state.iteration());
    }

    /**
     * Starts a new run in a fresh folder under {@code runsRoot}, held for writing until {@link #train()} ends;
     * {@code id} may be null for a name from the data set and the time.
     */
    public static TrainingSession start(Path runsRoot, String id, DcganConfig config, DatasetSpec spec,
                                       ImageDataset data, TrainingPlan plan) throws IOException {
        requireCompatible(config, data);
        RunManifest manifest = new RunManifest(ModelInfo.FORMAT_VERSION, id, config, spec, data.description(),
                data.size(), plan, BuildInfo.current(), Instant.now().toString(), DatasetFingerprint.of(spec));
        RunDirectory run = RunDirectory.create(runsRoot, id, manifest);
        try {
            manifest = run.manifest();
            TrainingSession session = new TrainingSession(run, manifest, Dcgan.create(config), data,
                    TrainingState.START);
            session.writeSkipped(data);
            return session;
        } catch (RunFormatException e) {
            run.releaseWriterLock();
            throw new IOException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            run.releaseWriterLock();
            throw e;
        }
    }

    /**
     * Continues a run from its newest loadable checkpoint (or from scratch if none was written yet).
     * {@code newTotal} > 0 extends or shortens the plan; {@code newLearningRate} > 0 replaces the learning rate
     * (after a divergence, say).
     *
     * @param problems receives a line for every checkpoint that could not be loaded and was skipped
     */
    public static TrainingSession resume(RunDirectory run, ImageDataset data, long newTotal, double newLearningRate,
                                        List<String> problems) throws IOException, RunFormatException {
        return resume(run, data, new ResumeOptions(newTotal, newLearningRate, 0, 0, 0, false), problems);
    }

    /**
     * As {@link #resume(RunDirectory, ImageDataset, long, double, List)}, and {@code moreSeconds} > 0 gives the
     * resumed session that much more training time (replacing any time limit of the plan).
     */
    public static TrainingSession resume(RunDirectory run, ImageDataset data, long newTotal, double newLearningRate,
                                        double moreSeconds, List<String> problems)
            throws IOException, RunFormatException {
        return resume(run, data, new ResumeOptions(newTotal, newLearningRate, moreSeconds, 0, 0, false), problems);
    }

    /**
     * Continues a run from its newest loadable checkpoint, taking its writer lock first. What the resume
     * changed, and what it found (changed data, a reset of metrics, garbage rows), is in {@link #notes()}.
     * Checkpoints newer than the one loaded could not be used; they are renamed (iter-N.skipped), never
     * overwritten by the steps to come.
     *
     * @param problems receives a line for every checkpoint that could not be loaded and was skipped
     * @throws RunLock.RunLockedException when another trainer holds the run
     * @throws DataChangedException when the data differs from the run's and {@code options} do not allow it
     */
    public static TrainingSession resume(RunDirectory run, ImageDataset data, ResumeOptions options,
                                        List<String> problems) throws IOException, RunFormatException {
        run.takeWriterLock();
        try {
            return resumeLocked(run, data, options, problems);
        } catch (IOException | RunFormatException | RuntimeException e) {
            run.releaseWriterLock();
            throw e;
        }
    }

    private static TrainingSession resumeLocked(RunDirectory run, ImageDataset data, ResumeOptions options,
                                               List<String> problems) throws IOException, RunFormatException {
        RunManifest manifest = run.manifest();
        List<String> notes = new ArrayList<>();
        DatasetFingerprint now = DatasetFingerprint.of(manifest.dataset());
        String change = dataChange(manifest, data, now);
        if (change != null && !options.allowChangedData()) {
            throw new DataChangedException(run.root() + ": the training data changed since this run started ("
                    + change + "). Resuming would go on with other images than the checkpoints learned from; "
                    + "put the data back as it was, or resume with --allow-changed-data to train on it as it is now");
        }
        if (change != null) {
            notes.add("the data changed since the run started (" + change + "); going on with it as allowed");
        }
        requireCompatible(manifest.config(), data);
        var loaded = run.loadLatestCheckpoint(problems);
        long from = loaded.map(l -> l.info().state().iteration()).orElse(0L);
        for (Path skipped : run.checkpoints()) {
            if (RunDirectory.iterationOf(skipped) > from || loaded.isEmpty()) {
                Path kept = run.setAside(skipped, "skipped");
                problems.replaceAll(p -> p.startsWith(skipped.toString()) ? p + " (kept as " + kept.getFileName()
                        + ")" : p);
            }
        }
        Dcgan gan = loaded.map(ModelBundle.Loaded::gan).orElseGet(() -> Dcgan.create(manifest.config()));
        TrainingState state = loaded.map(l -> l.info().state()).orElse(TrainingState.START);
        List<String> garbage = new ArrayList<>();
        int rows = Files.exists(run.metricsFile()) ? MetricsLog.read(run.metricsFile(), garbage).size() : 0;
        garbage.forEach(g -> notes.add(run.metricsFile() + " " + g + ": not a metrics row; moved to "
                + MetricsLog.REJECTED));
        if (loaded.isEmpty() && rows > 0) {
            Path copy = run.root().resolve("metrics-before-restart.csv");
            Files.copy(run.metricsFile(), copy, StandardCopyOption.REPLACE_EXISTING);
            notes.add("no checkpoint to resume from, so training starts again at step 0 and metrics.csv starts "
                    + "afresh; its " + rows + " rows were copied to " + copy.getFileName());
        }
        RunManifest updated = manifest;
        TrainingPlan plan = manifest.plan();
        if (options.iterations() > 0 && options.iterations() != plan.iterations()) {
            notes.add("--iterations: " + plan.iterations() + " -> " + options.iterations());
            updated = updated.withPlan(updated.plan().withIterations(options.iterations()));
        }
        if (options.moreSeconds() > 0) {
            updated = updated.withPlan(updated.plan().withMaxSeconds(state.elapsedSeconds() + options.moreSeconds()));
        }
        if (options.sampleEvery() > 0 && options.sampleEvery() != plan.sampleEvery()) {
            notes.add("--sample-every: " + plan.sampleEvery() + " -> " + options.sampleEvery());
            updated = updated.withPlan(updated.plan().withSampleEvery(options.sampleEvery()));
        }
        if (options.checkpointEvery() > 0 && options.checkpointEvery() != plan.checkpointEvery()) {
            notes.add("--checkpoint-every: " + plan.checkpointEvery() + " -> " + options.checkpointEvery());
            updated = updated.withPlan(updated.plan().withCheckpointEvery(options.checkpointEvery()));
        }
        if (options.learningRate() > 0) {
            double lr = options.learningRate();
            if (lr != manifest.config().learningRate()) {
                notes.add("--lr: " + manifest.config().learningRate() + " -> " + lr);
            }
            DcganConfig config = updated.config().withLearningRate(lr);
            gan.generator().setLearningRate(lr);
            gan.discriminator().setLearningRate(lr);
            gan = new Dcgan(config, gan.generator(), gan.discriminator());
            updated = updated.withConfig(config);
        }
        if (change != null || manifest.dataFingerprint() == null) {
            updated = updated.withData(data.description(), data.size(), now);
        }
        int batchesPerEpoch = data.size() / manifest.config().batchSize();
        if (state.batchInEpoch() > batchesPerEpoch) {
            // Fewer images than when the checkpoint was taken (allowed above): go on with the next epoch.
            state = new TrainingState(state.iteration(), state.epoch() + 1, 0, state.elapsedSeconds());
        }
        if (!updated.equals(manifest)) {
            run.writeManifest(updated);
        }
        TrainingSession session = new TrainingSession(run, updated, gan, data, state);
        session.notes.addAll(notes);
        session.writeSkipped(data);
        return session;
    }

    /** How the data differs from what the manifest recorded, in words, or null when it does not. */
    private static String dataChange(RunManifest manifest, ImageDataset data, DatasetFingerprint now) {
        List<String> parts = new ArrayList<>();
        if (manifest.dataFingerprint() != null) {
            String files = manifest.dataFingerprint().differenceTo(now);
            if (files != null) {
                parts.add(now.source() + ": " + files);
            }
        }
        if (data.size() != manifest.datasetSize()) {
            parts.add("images " + manifest.datasetSize() + " -> " + data.size());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** Lists the files an image folder load skipped in skipped.txt, so the list is complete somewhere. */
    private void writeSkipped(ImageDataset data) throws IOException {
        if (data instanceof ImageFolderDataset folder && !folder.report().skipped().isEmpty()) {
            StringBuilder text = new StringBuilder("# files of " + folder.report().folder()
                    + " that training skipped, with the reason\n");
            for (LoadReport.Skipped s : folder.report().skipped()) {
                text.append(s.path()).append('\t').append(s.reason()).append('\n');
            }
            AtomicFiles.writeString(run.root().resolve(SKIPPED), text.toString());
        }
    }

    private static void requireCompatible(DcganConfig config, ImageDataset data) {
        if (data.imageSize() != config.imageSize() || data.channels() != config.channels()) {
            throw new IllegalArgumentException("data set '" + data.description() + "' has " + data.imageSize() + "x"
                    + data.imageSize() + "x" + data.channels() + " images but the model expects " + config.imageSize()
                    + "x" + config.imageSize() + "x" + config.channels());
        }
        if (data.size() < config.batchSize()) {
            String skipped = "";
            if (data instanceof ImageFolderDataset folder && !folder.report().skipped().isEmpty()) {
                LoadReport report = folder.report();
                skipped = String.format(Locale.ROOT, " (%d file(s) of the folder were skipped, %d of them unreadable; "
                        + "the first: %s: %s)", report.skipped().size(), report.unreadable(),
                        report.skipped().get(0).path(), report.skipped().get(0).reason());
            }
            throw new IllegalArgumentException("data set '" + data.description() + "' has " + data.size()
                    + " images" + skipped + ", fewer than one batch of " + config.batchSize()
                    + "; add images or lower the batch size");
        }
    }

    public RunDirectory run() {
        return run;
    }

    public RunManifest manifest() {
        return manifest;
    }

    public TrainingControl control() {
        return control;
    }

    /** The networks; only the session's thread may use them while {@link #train()} runs. */
    public Dcgan gan() {
        return gan;
    }

    public long iteration() {
        return trainer.iteration();
    }

    /** Training time so far, excluding pauses (carried over from the checkpoint a resume started from). */
    public double elapsedSeconds() {
        return elapsedSeconds;
    }

    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    /** Hears of divergence, recovery and failed writes, on the trainer's thread. */
    public void addWarningListener(Consumer<TrainingWarning> listener) {
        warningListeners.add(listener);
    }

    /**
     * Whether a divergence or collapse ends the run at once (the CLI's default) or is only reported, the
     * person deciding (the app offers a stop button). Either way a run that ends while diverged ends
     * {@link TrainingOutcome#DIVERGED}. Safe to call from any thread.
     */
    public void setStopOnDivergence(boolean stop) {
        this.stopOnDivergence = stop;
    }

    /** Steps that D(x) and D(G(z)) must stay pinned at 1 and 0 before the run counts as diverged. */
    public void setDivergenceSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("divergence steps = " + steps + ": must be at least 1");
        }
        rules = rules.withPinnedSteps(steps);
        watch = new DivergenceWatch(rules, trainer.iteration());
    }

    /** For tests: how often and how long apart the final checkpoint is tried before the steps are given up. */
    void setFinalCheckpointRetries(int tries, long pauseMillis) {
        this.finalCheckpointTries = tries;
        this.retryPauseMillis = pauseMillis;
    }

    /**
     * What the resume changed and found, one line each, for the person to read before training goes on
     * ("--lr: 2.0E-4 -> 1.0E-4", "no checkpoint to resume from, so ...").
     */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Lets go of the run's writer lock without training (train() does it itself when it ends). */
    @Override
    public void close() throws IOException {
        run.releaseWriterLock();
    }

    /**
     * Trains until the plan's total, a stop request, a divergence or an error. Always leaves a checkpoint of
     * the last good step (except after a divergence: then checkpoints taken after the trouble began are renamed
     * diverged-iter-N, so the last one before it is the newest and a resume continues from there). Lets go of
     * the run's writer lock when it returns.
     */
    public TrainingOutcome train() throws IOException {
        try {
            return trainLocked();
        } finally {
            run.releaseWriterLock();
        }
    }

    private TrainingOutcome trainLocked() throws IOException {
        long total = manifest.plan().iterations();
        listeners.forEach(l -> l.onStart(trainer.iteration(), total));
        TrainingOutcome outcome = TrainingOutcome.COMPLETED;
        String detail = "";
        DivergenceWatch.Trouble trouble = null;
        double[] windowSeconds = new double[THROUGHPUT_WINDOW];
        int windowCount = 0;
        MetricsLog metrics = MetricsLog.openForAppend(run.metricsFile(), trainer.iteration());
        try {
            if (trainer.iteration() == 0) {
                saveGrid(0);
            }
            while (trainer.iteration() < total) {
                if (control.isStopRequested() || manifest.plan().timeIsUp(elapsedSeconds)) {
                    outcome = TrainingOutcome.STOPPED;
                    break;
                }
                if (control.awaitNotPaused()) {
                    flushSafely(metrics);
                    continue;
                }
                int epoch = batches.position().epoch();
                trainer.setEpoch(epoch);
                long t0 = System.nanoTime();
                INDArray real = batches.next();
                StepResult result = trainer.step(real);
                // The batch is ours and done with: free its native memory now rather than at the next GC.
                if (real.closeable()) {
                    real.close();
                }
                garbage.collectIfDue();
                double seconds = (System.nanoTime() - t0) / 1e9;
                elapsedSeconds += seconds;
                windowSeconds[windowCount++ % THROUGHPUT_WINDOW] = seconds;
                double windowSum = 0;
                int n = Math.min(windowCount, THROUGHPUT_WINDOW);
                for (int i = 0; i < n; i++) {
                    windowSum += windowSeconds[i];
                }
                double imagesPerSecond = n * (double) manifest.config().batchSize() / windowSum;
                appendSafely(metrics, MetricsRow.of(result, epoch, imagesPerSecond, elapsedSeconds));
                DivergenceWatch.Trouble caught = watch.onStep(result);
                if (!result.isFinite()) {
                    // Always the end: a NaN poisons every step after it.
                    outcome = TrainingOutcome.DIVERGED;
                    trouble = caught != null ? caught : watch.active();
                    break;
                }
                long done = trainer.iteration();
                SampleGrid grid = null;
                if (done % manifest.plan().sampleEvery() == 0 || done == total) {
                    grid = saveGrid(done);
                    if (caught == null && grid != null) {
                        caught = watch.onGrid(done, lastGridSpread, manifest.plan().previewCount());
                    }
                }
                double iterationsPerSecond = imagesPerSecond / manifest.config().batchSize();
                double eta = (total - done) / iterationsPerSecond;
                if (manifest.plan().maxSeconds() > 0) {
                    eta = Math.min(eta, Math.max(0, manifest.plan().maxSeconds() - elapsedSeconds));
                }
                TrainingSnapshot snapshot = new TrainingSnapshot(result, epoch, total, imagesPerSecond, elapsedSeconds,
                        Double.isFinite(eta) ? eta : Double.NaN, grid);
                listeners.forEach(l -> l.onStep(snapshot));
                if (caught != null) {
                    warn(TrainingWarning.Kind.DIVERGENCE, troubleMessage(caught, stopOnDivergence),
                            goodCheckpoint(caught));
                    if (stopOnDivergence) {
                        outcome = TrainingOutcome.DIVERGED;
                        trouble = caught;
                        break;
                    }
                } else if (watch.recovered()) {
                    warn(TrainingWarning.Kind.RECOVERED, "the signs of divergence have gone at step " + done
                            + "; training looks healthy again", -1);
                }
                boolean byIterations = done - lastCheckpointTry >= manifest.plan().checkpointEvery();
                boolean bySeconds = manifest.plan().checkpointSeconds() > 0
                        && elapsedSeconds - lastCheckpointTrySeconds >= manifest.plan().checkpointSeconds();
                if (byIterations || bySeconds) {
                    flushSafely(metrics);
                    try {
                        checkpoint();
                    } catch (IOException e) {
                        warn(TrainingWarning.Kind.WRITE_FAILED, String.format(Locale.ROOT, "could not write the "
                                + "checkpoint of step %d: %s. %s; training goes on in memory and tries again at "
                                + "step %d (%d steps not yet saved).", done, ModelBundle.firstLine(e),
                                lastGoodCheckpoint(), done + manifest.plan().checkpointEvery(),
                                done - lastCheckpointIteration), -1);
                    }
                }
            }
            if (outcome != TrainingOutcome.DIVERGED && watch.active() != null) {
                // Warned, not stopped, and still in trouble at the end: the run ends diverged all the same.
                outcome = TrainingOutcome.DIVERGED;
                trouble = watch.active();
            }
            flushSafely(metrics);
            if (outcome == TrainingOutcome.DIVERGED) {
                detail = divergenceDetail(trouble);
            } else if (trainer.iteration() > lastCheckpointIteration) {
                String failed = finalCheckpoint();
                if (failed != null) {
                    outcome = TrainingOutcome.FAILED;
                    detail = failed;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = TrainingOutcome.STOPPED;
            flushSafely(metrics);
            if (trainer.iteration() > lastCheckpointIteration) {
                String failed = finalCheckpoint();
                if (failed != null) {
                    outcome = TrainingOutcome.FAILED;
                    detail = failed;
                }
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            // No checkpoint now: a step that failed half-way may have left the networks half-updated.
            outcome = TrainingOutcome.FAILED;
            detail = failureDetail(e);
        } finally {
            try {
                metrics.close();
            } catch (IOException e) {
                // Reported by flushSafely already; the rows of steps after the last checkpoint are redone on resume.
            }
        }
        TrainingOutcome finalOutcome = outcome;
        String finalDetail = detail;
        listeners.forEach(l -> l.onEnd(finalOutcome, finalDetail));
        return outcome;
    }

    private void appendSafely(MetricsLog metrics, MetricsRow row) {
        try {
            metrics.append(row);
            // Only a write that emptied the backlog ends the failure; an append alone writes nothing yet.
            if (metrics.pendingRows() == 0) {
                metricsFailing = false;
            }
        } catch (IOException e) {
            metricsWriteFailed(metrics, e);
        }
    }

    private void flushSafely(MetricsLog metrics) {
        try {
            metrics.flush();
            metricsFailing = false;
        } catch (IOException e) {
            metricsWriteFailed(metrics, e);
        }
    }

    private void metricsWriteFailed(MetricsLog metrics, IOException e) {
        if (!metricsFailing) {
            metricsFailing = true;
            warn(TrainingWarning.Kind.WRITE_FAILED, String.format(Locale.ROOT, "could not append to metrics.csv "
                    + "at step %d: %s. Its %d newest rows are kept in memory and written once there is room; "
                    + "free some space on the disk.", trainer.iteration(), ModelBundle.firstLine(e),
                    metrics.pendingRows()), -1);
        }
    }

    /**
     * Writes the final checkpoint, trying again after a pause when it fails (a full disk may get room).
     * Returns null when written, else what was lost, in words.
     */
    private String finalCheckpoint() {
        IOException last = null;
        for (int attempt = 1; attempt <= finalCheckpointTries; attempt++) {
            try {
                checkpoint();
                return null;
            } catch (IOException e) {
                last = e;
                long atRisk = trainer.iteration() - lastCheckpointIteration;
                if (attempt < finalCheckpointTries) {
                    warn(TrainingWarning.Kind.WRITE_FAILED, String.format(Locale.ROOT, "could not write the final "
                            + "checkpoint (step %d): %s. %d steps are only in memory; free some space, trying "
                            + "again in %d s (%d of %d).", trainer.iteration(), ModelBundle.firstLine(e), atRisk,
                            retryPauseMillis / 1000, attempt + 1, finalCheckpointTries), -1);
                    try {
                        Thread.sleep(retryPauseMillis);
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        long atRisk = trainer.iteration() - lastCheckpointIteration;
        return String.format(Locale.ROOT, "could not write the final checkpoint (step %d): %s. %s; the %d steps "
                + "after it (%d to %d) are not saved and are lost when this program ends. Free some space (or fix "
                + "the folder's permissions) and resume.", trainer.iteration(),
                last == null ? "interrupted" : ModelBundle.firstLine(last), lastGoodCheckpoint(), atRisk,
                lastCheckpointIteration + 1, trainer.iteration());
    }

    /** "The last good checkpoint is step 400 (runs/x/checkpoints/iter-000000400)", or that there is none. */
    private String lastGoodCheckpoint() {
        Path path = run.checkpointPath(lastCheckpointIteration);
        return lastCheckpointIteration > 0 && Files.isDirectory(path)
                ? "The last good checkpoint is step " + lastCheckpointIteration + " (" + path + ")"
                : "No checkpoint was written yet";
    }

    /** The step of the newest checkpoint taken before the trouble began, or -1. */
    private long goodCheckpoint(DivergenceWatch.Trouble trouble) {
        try {
            long good = -1;
            for (Path p : run.checkpoints()) {
                long it = RunDirectory.iterationOf(p);
                if (it <= trouble.healthyAt()) {
                    good = it;
                }
            }
            return good;
        } catch (IOException e) {
            return -1;
        }
    }

    private String troubleMessage(DivergenceWatch.Trouble trouble, boolean stopping) {
        long good = goodCheckpoint(trouble);
        String what = "training looks diverged at step " + trouble.caughtAt() + ": " + trouble.what() + ". ";
        if (good < 0) {
            return what + "No checkpoint was taken before it began; " + (stopping ? "stopping." : "stop now and "
                    + "start again with a lower learning rate.");
        }
        return what + "The last checkpoint before it began is step " + good + " (" + run.checkpointPath(good) + ")"
                + (stopping ? "; stopping." : "; it is kept. Stop now, lower the learning rate and resume from it.");
    }

    /** The end message of a diverged run; sets the checkpoints taken after the trouble began aside. */
    private String divergenceDetail(DivergenceWatch.Trouble trouble) {
        double lr = manifest.config().learningRate();
        String advice = String.format(Locale.ROOT, "lower the learning rate (now %s; try %s) and resume: "
                + "dcgan train --resume %s --lr %s", lr, lr / 10, run.root(), lr / 10);
        if (trouble == null) {
            return "training diverged. " + advice;
        }
        List<String> setAside = new ArrayList<>();
        try {
            for (Path p : run.checkpoints()) {
                if (RunDirectory.iterationOf(p) > trouble.healthyAt()) {
                    setAside.add(run.setAside(p, "diverged").getFileName().toString());
                }
            }
        } catch (IOException e) {
            setAside.add("(could not rename them: " + ModelBundle.firstLine(e) + ")");
        }
        long good = goodCheckpoint(trouble);
        String kept = setAside.isEmpty() ? "" : " Checkpoints taken after it began are kept as "
                + String.join(", ", setAside) + ".";
        if (good < 0) {
            return trouble.what() + ". No checkpoint was taken before it began." + kept + " Start a new run with a "
                    + "lower learning rate (now " + lr + ").";
        }
        return trouble.what() + ". The last checkpoint before it began is step " + good + " ("
                + run.checkpointPath(good) + "), now the newest." + kept + " To go on from it, " + advice + ".";
    }

    private void warn(TrainingWarning.Kind kind, String message, long goodCheckpoint) {
        TrainingWarning warning = new TrainingWarning(kind, trainer.iteration(), message, goodCheckpoint);
        warningListeners.forEach(l -> l.accept(warning));
    }

    /**
     * Why a step failed, in words: out of memory (on the Java heap, at JavaCPP's limit or on the machine) with
     * what to change, or the error's first line; either way the last checkpoint is kept.
     */
    private String failureDetail(Throwable e) {
        DcganConfig config = manifest.config();
        String kept = " The last checkpoint (step " + lastCheckpointIteration + ") is kept.";
        return OutOfMemory.of(e).map(oom -> String.format(Locale.ROOT, "out of memory at batch size %d and image "
                + "size %d: %s (%s). Start a new run with a smaller batch (for example %d), or %s and resume.",
                config.batchSize(), config.imageSize(), oom.where(), oom.message(),
                Math.max(2, config.batchSize() / 2), oom.remedy()) + kept)
                .orElseGet(() -> ModelBundle.firstLine(e) + "." + kept);
    }

    /**
     * Writes a checkpoint of the current step now. Pruning keeps the newest checkpoint from before any
     * trouble that is building up, so it is there to go back to when the trouble is caught.
     *
     * @throws IOException naming the file that could not be written; the previous checkpoints are untouched
     */
    public void checkpoint() throws IOException {
        BatchIterator.Position p = batches.position();
        TrainingState state = new TrainingState(trainer.iteration(), p.epoch(), p.batchInEpoch(), elapsedSeconds);
        lastCheckpointTry = state.iteration();
        lastCheckpointTrySeconds = elapsedSeconds;
        run.writeCheckpoint(gan, ModelBundle.info(manifest.config(), manifest.dataset(), manifest.datasetDescription(),
                state), watch.healthySteps(state.iteration()));
        lastCheckpointIteration = state.iteration();
        long it = state.iteration();
        listeners.forEach(l -> l.onCheckpoint(it));
    }

    /** The spread of the newest saved grid (see {@link DivergenceWatch#spread}). */
    private double lastGridSpread = Double.POSITIVE_INFINITY;

    /**
     * Renders the fixed-z grid, saves it as samples/iter-N.png and returns its pixels; a grid that cannot be
     * saved is reported (once until saving works again) and training goes on.
     */
    private SampleGrid saveGrid(long iteration) {
        DcganConfig config = gan.config();
        INDArray images = gan.generate(previewZ);
        int n = (int) previewZ.size(0);
        float[] data = images.dup('c').data().asFloat();
        int length = config.channels() * config.imageSize() * config.imageSize();
        lastGridSpread = DivergenceWatch.spread(data, n, length);
        BufferedImage image = ImageConversions.gridImage(data, n, config.channels(), config.imageSize(),
                (int) Math.ceil(Math.sqrt(n)), 1);
        Path file = run.samplePath(iteration);
        try {
            ImageConversions.writePng(image, file);
            gridFailing = false;
        } catch (IOException e) {
            if (!gridFailing) {
                gridFailing = true;
                // ImageIO says only "I/O error writing PNG file!"; the cause says why (a full disk).
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                warn(TrainingWarning.Kind.WRITE_FAILED, "could not save the sample grid " + file + ": "
                        + ModelBundle.firstLine(cause) + "; training goes on and tries again at the next grid.", -1);
            }
        }
        int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new SampleGrid(iteration, image.getWidth(), image.getHeight(), argb);
    }

    /** G(z) for every row of z, laid out in a near-square grid with 1-pixel gaps. */
    public static BufferedImage renderGrid(Dcgan gan, INDArray z) {
        DcganConfig config = gan.config();
        INDArray images = gan.generate(z);
        int n = (int) z.size(0);
        int columns = (int) Math.ceil(Math.sqrt(n));
        float[] data = images.dup('c').data().asFloat();
        return ImageConversions.gridImage(data, n, config.channels(), config.imageSize(), columns, 1);
    }
}
