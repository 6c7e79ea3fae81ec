package io.dcganexplorer.app;

import io.dcganexplorer.app.common.AppPreferences;
import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.FxErrorReporter;
import io.dcganexplorer.app.common.FxTaskExecutor;
import io.dcganexplorer.app.common.LatentHandoff;
import io.dcganexplorer.app.common.Poller;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.status.StatusBarViewModel;
import io.dcganexplorer.app.train.DatasetLoader;
import io.dcganexplorer.app.train.TrainViewModel;
import io.dcganexplorer.accel.NativeBackend;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.stage.Window;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Wires the app's services: executors (a pool for short jobs, one trainer thread that owns the networks,
 * a scheduler for follow-mode polls), preferences, error reporting, where runs go and how data opens.
 */
public final class AppContext implements AutoCloseable {

    /**
     * Where things live; tests and tools pass their own so they never touch the user's files.
     *
     * @param configFolder preferences and the log file
     * @param runsRoot where new runs are created
     * @param loader how a run's data is opened
     * @param modelsRoot saved models, and the evaluators under its {@code evaluators} folder
     */
    public record Options(Path configFolder, Path runsRoot, DatasetLoader loader, Path modelsRoot) {

        /** With the models under ./models (or -Ddcganexplorer.models), as the shipped app has them. */
        public Options(Path configFolder, Path runsRoot, DatasetLoader loader) {
            this(configFolder, runsRoot, loader, defaultModelsRoot());
        }

        /** The user's config folder; runs under ./runs, where the CLI writes them too. */
        public static Options defaults() {
            String runs = System.getProperty("dcganexplorer.runs", "runs");
            return new Options(AppPreferences.defaultFolder(), Path.of(runs).toAbsolutePath(), DatasetLoader.FROM_SPEC);
        }

        /** ./models, or the folder -Ddcganexplorer.models names: the one place that property is read. */
        public static Path defaultModelsRoot() {
            return Path.of(System.getProperty("dcganexplorer.models", "models")).toAbsolutePath();
        }

        /** The trained evaluators (face attributes, window detectors): {@code evaluators} under the models. */
        public Path evaluatorsRoot() {
            return modelsRoot.resolve("evaluators");
        }
    }

    private final Options options;
    private final AppPreferences preferences;
    private final FxTaskExecutor background = FxTaskExecutor.pool("background");
    private final FxTaskExecutor trainer = FxTaskExecutor.singleThread("trainer");
    private final ScheduledExecutorService scheduler;
    private final Poller poller;
    private final ErrorReporter errors;
    private final LatentHandoff handoff = new LatentHandoff();
    private Window owner;
    private ModelService models;
    private boolean closed;

    private AppContext(Options options) {
        this.options = options;
        this.preferences = AppPreferences.load(options.configFolder());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "follow-poller");
            t.setDaemon(true);
            return t;
        });
        this.poller = (period, task) -> {
            ScheduledFuture<?> f = scheduler.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(),
                    TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
        this.errors = new FxErrorReporter(options.configFolder().resolve("app.log"), () -> owner);
    }

    public static AppContext create(Options options) {
        return new AppContext(options);
    }

    /** The window that owns dialogs and notifications. */
    void setOwner(Window window) {
        this.owner = window;
    }

    public AppPreferences preferences() {
        return preferences;
    }

    public TaskExecutor background() {
        return background;
    }

    public ErrorReporter errors() {
        return errors;
    }

    /** Hands a z from one pane to another ("Walk from here" and the like). */
    public LatentHandoff latentHandoff() {
        return handoff;
    }

    public Path runsRoot() {
        return options.runsRoot();
    }

    public TrainViewModel.Services trainServices() {
        return new TrainViewModel.Services(background, trainer, options.runsRoot(), options.loader(), errors,
                poller);
    }

    /** Where saved models and, under them, the evaluators live. */
    public Path modelsRoot() {
        return options.modelsRoot();
    }

    /** The trained evaluators (face attributes, window detectors). */
    public Path evaluatorsRoot() {
        return options.evaluatorsRoot();
    }

    /** The app-wide current model (saved models under {@link #modelsRoot()}, and runs). */
    public ModelService models() {
        if (models == null) {
            models = new ModelService(background, errors, poller, options.modelsRoot(), options.runsRoot());
        }
        return models;
    }

    public StatusBarViewModel statusViewModel() {
        return new StatusBarViewModel(background, () -> new StatusBarViewModel.Backend(
                Nd4j.getBackend().getClass().getSimpleName(), Nd4j.getEnvironment().maxThreads(),
                NativeBackend.nativeAllocator()));
    }

    /** Stops every thread and drops pending UI callbacks; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (models != null) {
            models.close();
        }
        scheduler.shutdownNow();
        background.shutdown();
        trainer.shutdown();
    }
}
