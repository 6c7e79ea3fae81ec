package io.dcganexplorer.app.model;

import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.Poller;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.RunDirectory;
import io.dcganexplorer.run.RunFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The app's current model: lists the saved models under the models folder and the runs with a checkpoint
 * under the runs root, loads the chosen one in the background, and on request follows a run's newest
 * checkpoint (a poll every few seconds; a newer checkpoint is loaded and replaces the current model).
 *
 * <p>All properties change on the UI thread. Consumers must not run {@link LoadedModel#gan()}'s networks;
 * they take {@link LoadedModel#generatorCopy()}.
 */
public final class ModelService implements AutoCloseable {

    /** The shipped model a first launch opens when it is there: faces work in every pane but Probe. */
    public static final String FIRST_MODEL = "faces32";

    /** How often a followed run is checked for a newer checkpoint. */
    public static final Duration FOLLOW_PERIOD = Duration.ofSeconds(3);

    private final TaskExecutor executor;
    private final ErrorReporter errors;
    private final Poller poller;
    private final Path modelsRoot;
    private final Path runsRoot;
    private final ObservableList<ModelChoice> choices = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ModelChoice> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LoadedModel> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final BooleanProperty follow = new SimpleBooleanProperty();
    private AutoCloseable followPoll;
    /** Read by the poll thread: the checkpoint now shown, so a poll can tell whether a newer one exists. */
    private volatile Path shownCheckpoint;
    private volatile boolean reloadQueued;
    private long loadGeneration;

    public ModelService(TaskExecutor executor, ErrorReporter errors, Poller poller, Path modelsRoot, Path runsRoot) {
        this.executor = executor;
        this.errors = errors;
        this.poller = poller;
        this.modelsRoot = modelsRoot;
        this.runsRoot = runsRoot;
        follow.addListener((o, was, now) -> updateFollowing());
        refresh();
    }

    /** Saved models first (by name), then runs with a checkpoint (newest first). */
    public ObservableList<ModelChoice> choices() {
        return choices;
    }

    /** The model last asked for (it may still be loading). */
    public ReadOnlyObjectProperty<ModelChoice> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The model that finished loading last; null until one has. */
    public ReadOnlyObjectProperty<LoadedModel> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** When true and the current model is a run, newer checkpoints replace it as they appear. */
    public BooleanProperty followProperty() {
        return follow;
    }

    /** Re-reads the two folders, keeping the selected choice listed even when it lives elsewhere. */
    public void refresh() {
        List<ModelChoice> found = new ArrayList<>();
        for (Path p : subfolders(modelsRoot, Comparator.comparing(Path::getFileName))) {
            if (Files.isRegularFile(p.resolve(ModelBundle.INFO))) {
                found.add(ModelChoice.of(p, ModelChoice.Kind.MODEL));
            }
        }
        for (Path p : subfolders(runsRoot, Comparator.comparing(ModelService::modified).reversed())) {
            if (Files.isRegularFile(p.resolve(RunDirectory.MANIFEST)) && newestCheckpoint(p).isPresent()) {
                found.add(ModelChoice.of(p, ModelChoice.Kind.RUN));
            }
        }
        ModelChoice chosen = selected.get();
        if (chosen != null && found.stream().noneMatch(c -> c.path().equals(chosen.path()))) {
            found.add(0, chosen);
        }
        choices.setAll(found);
    }

    /** Opens a folder the user picked: a model folder or a run folder. */
    public void open(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        ModelChoice.Kind kind = Files.isRegularFile(abs.resolve(RunDirectory.MANIFEST)) ? ModelChoice.Kind.RUN
                : ModelChoice.Kind.MODEL;
        open(choices.stream().filter(c -> c.path().toAbsolutePath().normalize().equals(abs)).findFirst()
                .orElseGet(() -> ModelChoice.of(abs, kind)));
    }

    /** Loads a choice in the background; the current model stays until the new one has loaded. */
    public void open(ModelChoice choice) {
        if (choice == null) {
            return;
        }
        selected.set(choice);
        if (!choices.contains(choice)) {
            choices.add(0, choice);
        }
        load(choice, true);
        updateFollowing();
    }

    /**
     * How a pane follows the current model: {@code onLoaded} runs (on the UI thread) for the model loaded now
     * and for every one loaded later. When none is open yet, the default one is opened, so every pane has a
     * model on a first launch.
     */
    public void follow(Consumer<LoadedModel> onLoaded) {
        current.addListener((o, a, loaded) -> {
            if (loaded != null) {
                onLoaded.accept(loaded);
            }
        });
        if (current.get() != null) {
            onLoaded.accept(current.get());
        } else {
            openDefault();
        }
    }

    /** Opens {@link #defaultChoice} when nothing is open yet, so the panes have a model on first launch. */
    public void openDefault() {
        if (selected.get() == null) {
            defaultChoice(choices).ifPresent(this::open);
        }
    }

    /** {@link #FIRST_MODEL} if it is listed, else the first saved model, else the first run; empty when none. */
    static Optional<ModelChoice> defaultChoice(List<ModelChoice> listed) {
        return listed.stream().filter(c -> c.kind() == ModelChoice.Kind.MODEL && c.name().equals(FIRST_MODEL))
                .findFirst()
                .or(() -> listed.stream().filter(c -> c.kind() == ModelChoice.Kind.MODEL).findFirst())
                .or(() -> listed.stream().findFirst());
    }

    /** Where saved models are listed from (./models or -Ddcganexplorer.models). */
    public Path modelsRoot() {
        return modelsRoot;
    }

    private void load(ModelChoice choice, boolean reportErrors) {
        long generation = ++loadGeneration;
        loading.set(true);
        executor.submit(() -> {
            List<String> problems = new ArrayList<>();
            ModelBundle.Loaded loaded = ModelBundle.open(choice.path(), problems);
            long iteration = loaded.info().state() == null ? 0 : loaded.info().state().iteration();
            return new Loaded(new LoadedModel(choice, loaded.folder(), iteration, loaded.gan(), loaded.info()),
                    problems);
        }, result -> {
            reloadQueued = false;
            if (generation != loadGeneration) {
                return;
            }
            loading.set(false);
            shownCheckpoint = result.model().checkpoint();
            current.set(result.model());
            if (!result.problems().isEmpty()) {
                errors.warning("Skipped a checkpoint", String.join("; ", result.problems()));
            }
        }, e -> {
            reloadQueued = false;
            if (generation != loadGeneration) {
                return;
            }
            loading.set(false);
            if (reportErrors) {
                errors.error("Could not open the model " + choice.path(), e);
            }
        });
    }

    private record Loaded(LoadedModel model, List<String> problems) {
    }

    private void updateFollowing() {
        stopPolling();
        ModelChoice choice = selected.get();
        if (follow.get() && choice != null && choice.kind() == ModelChoice.Kind.RUN) {
            followPoll = poller.every(FOLLOW_PERIOD, () -> pollForNewer(choice));
        }
    }

    /** Runs on the poll thread: only file-system checks here; the reload itself goes through the executor. */
    private void pollForNewer(ModelChoice choice) {
        Optional<Path> newest = newestCheckpoint(choice.path());
        Path shown = shownCheckpoint;
        if (newest.isPresent() && !newest.get().equals(shown) && !reloadQueued) {
            reloadQueued = true;
            executor.runOnUi(() -> {
                if (choice.equals(selected.get()) && follow.get()) {
                    // A checkpoint can be pruned between the poll and the load: stay quiet, the next poll retries.
                    load(choice, false);
                } else {
                    reloadQueued = false;
                }
            });
        }
    }

    private static Optional<Path> newestCheckpoint(Path run) {
        try {
            return RunDirectory.open(run).latestCheckpoint();
        } catch (IOException | RunFormatException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<Path> subfolders(Path root, Comparator<Path> order) {
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).sorted(order).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long modified(Path folder) {
        try {
            return Files.getLastModifiedTime(folder).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private void stopPolling() {
        if (followPoll != null) {
            try {
                followPoll.close();
            } catch (Exception e) {
                // Cancelling a scheduled poll does not fail in practice; nothing useful to do if it does.
            }
            followPoll = null;
        }
    }

    @Override
    public void close() {
        stopPolling();
    }
}
