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
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.data.ImageDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains one run: data batches in, steps, metrics, sample grids and checkpoints out. The CLI and the app
 * both drive training through this class, on a thread that owns the networks for the session.
 */
public final class TrainingSession {

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
    private double elapsedSeconds;
    private long lastCheckpointIteration;
    private double lastCheckpointSeconds;

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
        this.lastCheckpointSeconds = state.elapsedSeconds();
    }

    /** Starts a new run in a fresh folder under {@code runsRoot}; {@code id} may be null for a timestamp. */
    public static TrainingSession start(java.nio.file.Path runsRoot, String id, DcganConfig config, DatasetSpec spec,
                                       ImageDataset data, TrainingPlan plan) throws IOException {
        requireCompatible(config, data);
        RunManifest manifest = new RunManifest(ModelInfo.FORMAT_VERSION, id, config, spec, data.description(),
                data.size(), plan, BuildInfo.current(), Instant.now().toString());
        RunDirectory run = RunDirectory.create(runsRoot, id, manifest);
        try {
            manifest = run.manifest();
        } catch (RunFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new TrainingSession(run, manifest, Dcgan.create(config), data, TrainingState.START);
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
        return resume(run, data, newTotal, newLearningRate, 0, problems);
    }

    /**
     * As {@link #resume(RunDirectory, ImageDataset, long, double, List)}, and {@code moreSeconds} > 0 gives the
     * resumed session that much more training time (replacing any time limit of the plan).
     */
    public static TrainingSession resume(RunDirectory run, ImageDataset data, long newTotal, double newLearningRate,
                                        double moreSeconds, List<String> problems)
            throws IOException, RunFormatException {
        RunManifest manifest = run.manifest();
        requireCompatible(manifest.config(), data);
        var loaded = run.loadLatestCheckpoint(problems);
        Dcgan gan = loaded.map(ModelBundle.Loaded::gan).orElseGet(() -> Dcgan.create(manifest.config()));
        TrainingState state = loaded.map(l -> l.info().state()).orElse(TrainingState.START);
        RunManifest updated = manifest;
        if (newTotal > 0) {
            updated = updated.withPlan(updated.plan().withIterations(newTotal));
        }
        if (moreSeconds > 0) {
            updated = updated.withPlan(updated.plan().withMaxSeconds(state.elapsedSeconds() + moreSeconds));
        }
        if (newLearningRate > 0) {
            DcganConfig config = updated.config().withLearningRate(newLearningRate);
            gan.generator().setLearningRate(newLearningRate);
            gan.discriminator().setLearningRate(newLearningRate);
            gan = new Dcgan(config, gan.generator(), gan.discriminator());
            updated = new RunManifest(updated.formatVersion(), updated.id(), config, updated.dataset(),
                    updated.datasetDescription(), updated.datasetSize(), updated.plan(), updated.build(),
                    updated.startedAt());
        }
        if (!updated.equals(manifest)) {
            run.writeManifest(updated);
        }
        return new TrainingSession(run, updated, gan, data, state);
    }

    private static void requireCompatible(DcganConfig config, ImageDataset data) {
        if (data.imageSize() != config.imageSize() || data.channels() != config.channels()) {
            throw new IllegalArgumentException("data set '" + data.description() + "' has " + data.imageSize() + "x"
                    + data.imageSize() + "x" + data.channels() + " images but the model expects " + config.imageSize()
                    + "x" + config.imageSize() + "x" + config.channels());
        }
        if (data.size() < config.batchSize()) {
            throw new IllegalArgumentException("data set '" + data.description() + "' has " + data.size()
                    + " images, fewer than one batch of " + config.batchSize() + "; lower the batch size");
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

    /**
     * Trains until the plan's total, a stop request, a divergence or an error. Always leaves a checkpoint of
     * the last good step (except after a divergence, where the last good checkpoint stays the newest).
     */
    public TrainingOutcome train() throws IOException {
        long total = manifest.plan().iterations();
        listeners.forEach(l -> l.onStart(trainer.iteration(), total));
        TrainingOutcome outcome = TrainingOutcome.COMPLETED;
        String detail = "";
        double[] windowSeconds = new double[THROUGHPUT_WINDOW];
        int windowCount = 0;
        try (MetricsLog metrics = MetricsLog.openForAppend(run.metricsFile(), trainer.iteration())) {
            if (trainer.iteration() == 0) {
                saveGrid(0);
            }
            while (trainer.iteration() < total) {
                if (control.isStopRequested() || manifest.plan().timeIsUp(elapsedSeconds)) {
                    outcome = TrainingOutcome.STOPPED;
                    break;
                }
                if (control.awaitNotPaused()) {
                    metrics.flush();
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
                metrics.append(MetricsRow.of(result, epoch, imagesPerSecond, elapsedSeconds));
                if (!result.isFinite()) {
                    outcome = TrainingOutcome.DIVERGED;
                    detail = String.format("step %d gave lossD = %s, lossG = %s, D(x) = %s, D(G(z)) = %s. The last good "
                            + "checkpoint (step %d) is kept; lower the learning rate (now %s) and resume.",
                            result.iteration(), result.lossD(), result.lossG(), result.dReal(), result.dFakeAfter(),
                            lastCheckpointIteration, manifest.config().learningRate());
                    metrics.flush();
                    break;
                }
                long done = trainer.iteration();
                SampleGrid grid = done % manifest.plan().sampleEvery() == 0 || done == total ? saveGrid(done) : null;
                double iterationsPerSecond = imagesPerSecond / manifest.config().batchSize();
                double eta = (total - done) / iterationsPerSecond;
                if (manifest.plan().maxSeconds() > 0) {
                    eta = Math.min(eta, Math.max(0, manifest.plan().maxSeconds() - elapsedSeconds));
                }
                TrainingSnapshot snapshot = new TrainingSnapshot(result, epoch, total, imagesPerSecond, elapsedSeconds,
                        Double.isFinite(eta) ? eta : Double.NaN, grid);
                listeners.forEach(l -> l.onStep(snapshot));
                boolean byIterations = done - lastCheckpointIteration >= manifest.plan().checkpointEvery();
                boolean bySeconds = manifest.plan().checkpointSeconds() > 0
                        && elapsedSeconds - lastCheckpointSeconds >= manifest.plan().checkpointSeconds();
                if (byIterations || bySeconds) {
                    metrics.flush();
                    checkpoint();
                }
            }
            metrics.flush();
            if (outcome != TrainingOutcome.DIVERGED && trainer.iteration() > lastCheckpointIteration) {
                checkpoint();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = TrainingOutcome.STOPPED;
            if (trainer.iteration() > lastCheckpointIteration) {
                checkpoint();
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            // No checkpoint now: a step that failed half-way may have left the networks half-updated.
            outcome = TrainingOutcome.FAILED;
            detail = failureDetail(e);
        }
        TrainingOutcome finalOutcome = outcome;
        String finalDetail = detail;
        listeners.forEach(l -> l.onEnd(finalOutcome, finalDetail));
        return outcome;
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

    /** Writes a checkpoint of the current step now. */
    public void checkpoint() throws IOException {
        BatchIterator.Position p = batches.position();
        TrainingState state = new TrainingState(trainer.iteration(), p.epoch(), p.batchInEpoch(), elapsedSeconds);
        run.writeCheckpoint(gan, ModelBundle.info(manifest.config(), manifest.dataset(), manifest.datasetDescription(),
                state));
        lastCheckpointIteration = state.iteration();
        lastCheckpointSeconds = elapsedSeconds;
        long it = state.iteration();
        listeners.forEach(l -> l.onCheckpoint(it));
    }

    /** Renders the fixed-z grid, saves it as samples/iter-N.png and returns its pixels. */
    private SampleGrid saveGrid(long iteration) throws IOException {
        BufferedImage image = renderGrid(gan, previewZ);
        ImageConversions.writePng(image, run.samplePath(iteration));
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
