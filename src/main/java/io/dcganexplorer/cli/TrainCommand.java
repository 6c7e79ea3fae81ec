package io.dcganexplorer.cli;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.InvalidConfigException;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.core.gan.TrainingOutcome;
import io.dcganexplorer.data.BatchIterator;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.data.ImageFolderDataset;
import io.dcganexplorer.data.LoadReport;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.QualityLog;
import io.dcganexplorer.run.QualitySource;
import io.dcganexplorer.run.RunDirectory;
import io.dcganexplorer.run.RunManifest;
import io.dcganexplorer.run.TrainingPlan;
import io.dcganexplorer.run.TrainingQuality;
import io.dcganexplorer.run.TrainingSession;
import io.dcganexplorer.run.TrainingState;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code train}: a new run, or {@code --resume} an existing one; Ctrl-C checkpoints and exits. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a DCGAN and write a run folder (manifest.json, metrics.csv, samples/, checkpoints/).",
            "Defaults are the paper's: nz 100, 64 filters, batch 128, Adam lr 2e-4 beta1 0.5, uniform z.",
            "One trainer per run folder: a second one on the same run is refused and told which process has it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done, or stopped (Ctrl-C) with a checkpoint of the last step",
            "1:failed (data, disk, memory; the message says what and where)",
            "2:bad command line (the message names the option)",
            "3:diverged or collapsed; the newest checkpoint is the last one before the trouble began"})
final class TrainCommand implements Callable<Integer> {

    /** The exit code of a run that ended diverged (documented in --help). */
    static final int EXIT_DIVERGED = 3;

    /** Options a resume may change; every other option is the run's own (its manifest's). */
    private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--lr", "--iterations", "--epochs",
            "--sample-every", "--checkpoint-every", "--max-minutes", "--export", "--progress",
            "--allow-changed-data", "--on-divergence", "--divergence-steps", "--quality-every", "--quality-samples",
            "--quality-models");

    /** Data loading progress is printed at most this often. */
    private static final long LOADING_REPORT_NANOS = 5_000_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "SOURCE",
            description = "rooms, faces (procedural, made from --seed), fashion-mnist (Debian's dataset-fashion-mnist), "
                    + "fashion-mnist:DIR or folder:DIR; --limit sets the number of procedural images and "
                    + "caps the others (default: ${DEFAULT-VALUE})", defaultValue = "fashion-mnist")
    String data;

    @Option(names = "--size", description = "image size: 16, 32 or 64 (default: ${DEFAULT-VALUE})", defaultValue = "32")
    int size;

    @Option(names = "--channels", description = "1 (grayscale) or 3 (RGB) (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    int channels;

    @Option(names = "--limit", description = "use at most N images of the data (0 = all)", defaultValue = "0")
    int limit;

    @Option(names = "--nz", description = "length of z (default: ${DEFAULT-VALUE})", defaultValue = "100")
    int nz;

    @Option(names = "--ngf", description = "generator filters at full resolution (default: ${DEFAULT-VALUE})",
            defaultValue = "64")
    int ngf;

    @Option(names = "--ndf", description = "discriminator filters at its first layer (default: ${DEFAULT-VALUE})",
            defaultValue = "64")
    int ndf;

    @Option(names = "--batch", description = "images per batch (default: ${DEFAULT-VALUE})", defaultValue = "128")
    int batch;

    @Option(names = "--lr", description = "Adam learning rate (default: ${DEFAULT-VALUE})", defaultValue = "2e-4")
    double lr;

    @Option(names = "--beta1", description = "Adam beta1 (default: ${DEFAULT-VALUE})", defaultValue = "0.5")
    double beta1;

    @Option(names = "--latent", description = "z prior: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
            defaultValue = "UNIFORM")
    LatentDistribution latent;

    @Option(names = "--seed", description = "seeds weights, z and data order (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    long seed;

    @Option(names = "--iterations", description = "GAN steps in total (default: 1000 unless --epochs)")
    Long iterations;

    @Option(names = "--epochs", description = "train for this many passes over the data instead of --iterations")
    Integer epochs;

    @Option(names = "--max-minutes", description = "stop (with a checkpoint) after this much training time, "
            + "whatever --iterations says (with --resume: this much more); 0 = no limit (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    double maxMinutes;

    @Option(names = "--sample-every", description = "save the fixed-z grid every N steps (default: ${DEFAULT-VALUE})",
            defaultValue = "100")
    int sampleEvery;

    @Option(names = "--checkpoint-every", description = "checkpoint every N steps (default: ${DEFAULT-VALUE})",
            defaultValue = "500")
    int checkpointEvery;

    @Option(names = "--checkpoint-minutes", description = "also checkpoint every M minutes of training, 0 = off "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "5")
    int checkpointMinutes;

    @Option(names = "--runs", description = "folder for run folders (default: ${DEFAULT-VALUE})", defaultValue = "runs")
    Path runsRoot;

    @Option(names = "--name", description = "run folder name inside --runs (default: the data set and the time, "
            + "as rooms64-20261207-2124)")
    String name;

    @Option(names = "--on-divergence", paramLabel = "ACTION", description = "when the run diverges or collapses "
            + "(D pinned, G's loss exploding, identical samples, NaN): stop, or warn and go on "
            + "(default: ${DEFAULT-VALUE}); either way a run that ends diverged exits with 3", defaultValue = "stop")
    String onDivergence;

    @Option(names = "--divergence-steps", description = "steps D(x) must stay near 1 and D(G(z)) near 0 before "
            + "the run counts as diverged (default: ${DEFAULT-VALUE})", defaultValue = "200")
    int divergenceSteps;

    @Option(names = "--allow-changed-data", description = "with --resume: go on although the data set's files "
            + "changed since the run started")
    boolean allowChangedData;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue this run from its newest checkpoint; --iterations, --lr, --sample-every and "
                    + "--checkpoint-every change it (and are logged); other model and data options are the run's "
                    + "own and an error here")
    Path resume;

    @Option(names = "--export", paramLabel = "MODEL_DIR",
            description = "when done, also save the final model here (without optimiser state, a third the size)")
    Path export;

    @Option(names = "--quality-every", description = "score the samples every N steps (Frechet distance and class "
            + "coverage with the quality classifier in --quality-models that fits the data; logged to quality.csv), "
            + "0 = off (default: ${DEFAULT-VALUE})", defaultValue = "500")
    int qualityEvery;

    @Option(names = "--quality-samples", description = "generated samples per quality score (default: "
            + "${DEFAULT-VALUE})", defaultValue = "1000")
    int qualitySamples;

    @Option(names = "--quality-models", paramLabel = "DIR", description = "folder of quality-*.zip classifiers "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "models")
    Path qualityModels;

    @Option(names = "--progress", description = "progress display: auto, bar or lines (default: ${DEFAULT-VALUE})",
            defaultValue = "auto")
    String progress;

    /** The option of each DcganConfig field, for messages. */
    private static final Map<String, String> OPTION_OF_FIELD = Map.of("imageSize", "--size", "channels", "--channels",
            "nz", "--nz", "ngf", "--ngf", "ndf", "--ndf", "batchSize", "--batch", "learningRate", "--lr",
            "beta1", "--beta1", "latent", "--latent");

    /** The images being trained on, once a session is made. */
    private ImageDataset dataset;

    @Override
    public Integer call() throws Exception {
        DatasetSpec dataSpec = checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingSession session = resume != null ? resumeSession(out, err) : newSession(dataSpec, err);
        session.setStopOnDivergence("stop".equals(onDivergence));
        session.setDivergenceSteps(divergenceSteps);
        session.addWarningListener(w -> {
            err.println("warning: " + w.message());
            err.flush();
        });
        RunManifest m = session.manifest();
        if (Files.exists(session.run().root().resolve(TrainingSession.SKIPPED))) {
            err.println("note: the full list of skipped files is in " + session.run().root()
                    .resolve(TrainingSession.SKIPPED));
        }
        out.printf("run %s: %dx%dx%d from %s (%d images), %d steps, batch %d, seed %d%n", session.run().root(),
                m.config().imageSize(), m.config().imageSize(), m.config().channels(), m.datasetDescription(),
                m.datasetSize(), m.plan().iterations(), m.config().batchSize(), m.config().seed());
        boolean bar = switch (progress) {
            case "bar" -> true;
            case "lines" -> false;
            default -> System.console() != null && System.getenv("CI") == null;
        };
        session.addListener(new ProgressPrinter(out, bar));
        Optional<TrainingQuality> quality = watchQuality(session, out);

        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C or SIGTERM: let the current step finish, checkpoint (and export), then let the JVM exit.
            session.control().stop();
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "checkpoint-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            TrainingOutcome outcome = session.train();
            if (export != null && outcome != TrainingOutcome.DIVERGED && outcome != TrainingOutcome.FAILED) {
                TrainingState state = new TrainingState(session.iteration(), 0, 0, 0);
                ModelBundle.write(export, session.gan(), ModelBundle.info(m.config(), m.dataset(),
                        m.datasetDescription(), state), false);
                out.println("model saved to " + export);
            }
            return switch (outcome) {
                case COMPLETED, STOPPED -> 0;
                case FAILED -> 1;
                case DIVERGED -> EXIT_DIVERGED;
            };
        } finally {
            if (quality.isPresent()) {
                quality.get().close();
            }
            session.close();
            out.flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // A signal arrived: the hook is running and returns now that we are done.
            }
        }
    }

    /**
     * Refuses bad values before any data is loaded, as a usage error (exit code 2) whose message names the
     * option: "--batch = 0: must be between 2 and 4096". The model's rules are DcganConfig's own. Returns the
     * data set of a new run (null for a resume).
     */
    private DatasetSpec checkOptions() {
        var parsed = spec.commandLine().getParseResult();
        try {
            if (resume == null) {
                new DcganConfig(size, channels, nz, ngf, ndf, batch, lr, beta1, latent, seed);
            } else if (parsed.hasMatchedOption("--lr")) {
                DcganConfig.paperDefaults(32, 1, seed).withLearningRate(lr);
            }
        } catch (InvalidConfigException e) {
            String option = OPTION_OF_FIELD.getOrDefault(e.field(), e.field());
            throw new ParameterException(spec.commandLine(), option + e.getMessage().substring(e.field().length()));
        }
        require(limit >= 0, "--limit", limit, "must be 0 (all) or more");
        require(iterations == null || iterations >= 1, "--iterations", iterations, "must be at least 1");
        require(epochs == null || epochs >= 1, "--epochs", epochs, "must be at least 1");
        require(maxMinutes >= 0, "--max-minutes", maxMinutes, "must be 0 (no limit) or more");
        require(sampleEvery >= 1, "--sample-every", sampleEvery, "must be at least 1");
        require(checkpointEvery >= 1, "--checkpoint-every", checkpointEvery, "must be at least 1");
        require(checkpointMinutes >= 0, "--checkpoint-minutes", checkpointMinutes, "must be 0 (off) or more");
        require(qualityEvery >= 0, "--quality-every", qualityEvery, "must be 0 (off) or more");
        require(qualitySamples >= 2, "--quality-samples", qualitySamples, "must be at least 2");
        require(List.of("auto", "bar", "lines").contains(progress), "--progress", progress,
                "must be auto, bar or lines");
        require(List.of("stop", "warn").contains(onDivergence), "--on-divergence", onDivergence,
                "must be stop or warn");
        require(divergenceSteps >= 1, "--divergence-steps", divergenceSteps, "must be at least 1");
        if (resume != null) {
            for (var option : parsed.matchedOptions()) {
                if (!RESUME_OPTIONS.contains(option.longestName())) {
                    throw new ParameterException(spec.commandLine(), option.longestName() + " cannot be given with "
                            + "--resume: the run keeps the value in its manifest.json. Leave it out, or start a new "
                            + "run to change it (a resume can change --lr, --iterations, --sample-every and "
                            + "--checkpoint-every)");
                }
            }
            return null;
        }
        require(!allowChangedData, "--allow-changed-data", true, "only means something with --resume");
        if (name != null) {
            String problem = RunDirectory.checkName(name);
            require(problem == null, "--name", name, problem);
        }
        require(!Files.exists(runsRoot) || Files.isDirectory(runsRoot), "--runs", runsRoot,
                "is a file, not a folder; give the folder that holds run folders");
        try {
            return DatasetSpec.parse(data, size, channels, limit, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
    }

    private void require(boolean ok, String option, Object value, String rule) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), option + " = " + value + ": " + rule);
        }
    }

    /** Scores the samples every --quality-every steps when a classifier in --quality-models fits the data. */
    private Optional<TrainingQuality> watchQuality(TrainingSession session, PrintWriter out) {
        if (qualityEvery == 0) {
            return Optional.empty();
        }
        try {
            Optional<TrainingQuality> quality = TrainingQuality.watch(session, dataset,
                    QualitySource.inFolder(qualityModels), qualityEvery, qualitySamples, new TrainingQuality.Listener() {
                        @Override
                        public void scored(QualityLog.Row row) {
                            out.println("quality at " + TrainingQuality.describe(row));
                        }

                        @Override
                        public void failed(Exception e) {
                            spec.commandLine().getErr().println("warning: sample quality not scored: "
                                    + e.getMessage());
                        }
                    });
            if (quality.isEmpty()) {
                out.println("no quality classifier in " + qualityModels + " fits this data: training without "
                        + "quality scores");
            } else {
                out.printf("quality: scored every %d steps on %d samples, logged to %s%n", qualityEvery,
                        qualitySamples, session.run().root().resolve(QualityLog.FILE));
            }
            return quality;
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("warning: training without quality scores: " + e.getMessage());
            return Optional.empty();
        }
    }

    private TrainingSession newSession(DatasetSpec dataSpec, PrintWriter err) throws Exception {
        DcganConfig config = new DcganConfig(size, channels, nz, ngf, ndf, batch, lr, beta1, latent, seed);
        dataset = open(dataSpec, err);
        long total;
        if (epochs != null) {
            total = (long) epochs * new BatchIterator(dataset, batch, seed).batchesPerEpoch();
        } else {
            total = iterations == null ? 1000 : iterations;
        }
        TrainingPlan plan = new TrainingPlan(total, sampleEvery, checkpointEvery, checkpointMinutes * 60, 64,
                maxMinutes * 60);
        return TrainingSession.start(runsRoot, name, config, dataSpec, dataset, plan);
    }

    private TrainingSession resumeSession(PrintWriter out, PrintWriter err) throws Exception {
        RunDirectory run = RunDirectory.open(resume);
        RunManifest manifest = run.manifest();
        dataset = open(manifest.dataset(), err);
        long total = iterations != null ? iterations
                : epochs != null ? (long) epochs * new BatchIterator(dataset, manifest.config().batchSize(),
                manifest.config().seed()).batchesPerEpoch() : 0;
        var parsed = spec.commandLine().getParseResult();
        List<String> problems = new ArrayList<>();
        TrainingSession session = TrainingSession.resume(run, dataset, new TrainingSession.ResumeOptions(total,
                parsed.hasMatchedOption("--lr") ? lr : 0, maxMinutes * 60,
                parsed.hasMatchedOption("--sample-every") ? sampleEvery : 0,
                parsed.hasMatchedOption("--checkpoint-every") ? checkpointEvery : 0, allowChangedData), problems);
        Messages.warnSkipped(err, problems);
        session.notes().forEach(n -> out.println("changed on resume: " + n));
        out.printf("resuming at step %d%n", session.iteration());
        return session;
    }

    /** Opens the data, progress on {@code err} (stdout stays the run's record), skipped files as warnings. */
    private static ImageDataset open(DatasetSpec dataSpec, PrintWriter err) {
        // Image folders report progress; a folder of 100,000 files takes a while to list and decode.
        ImageDataset dataset = dataSpec.open(ImageFolderDataset.Progress.throttled(
                (done, total) -> err.println(ImageFolderDataset.Progress.describe(done, total)),
                LOADING_REPORT_NANOS), () -> false);
        if (dataset instanceof ImageFolderDataset folder) {
            LoadReport report = folder.report();
            report.notes().forEach(n -> err.println("warning: " + n));
            if (!report.skipped().isEmpty()) {
                err.printf("warning: skipped %d file(s) in %s, %d of them unreadable images:%n",
                        report.skipped().size(), report.folder(), report.unreadable());
                report.skipped().stream().limit(20).forEach(s -> err.printf("  %s: %s%n", s.path(), s.reason()));
                if (report.skipped().size() > 20) {
                    err.printf("  ... and %d more (all of them are listed in %s of the run folder)%n",
                            report.skipped().size() - 20, TrainingSession.SKIPPED);
                }
            }
        }
        return dataset;
    }
}
