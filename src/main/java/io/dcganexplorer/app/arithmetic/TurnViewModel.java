package io.dcganexplorer.app.arithmetic;

import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.model.LoadedModel;
import io.dcganexplorer.core.eval.FaceAttributeClassifier;
import io.dcganexplorer.core.eval.FacePrediction;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.core.latent.TurnVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Turn tab (Radford et al. 2015, figure 8): judges a pool of generated faces' yaw with the attribute
 * classifier, takes the mean z of the most right-looking minus the most left-looking, and shows strips of
 * random faces walked along it. Runs on the Arithmetic pane's renderer thread.
 */
public final class TurnViewModel {

    /** Generated faces judged to find the two groups. */
    public static final int POOL = 512;
    /** Faces averaged on each side. */
    public static final int PER_SIDE = 32;
    /** Strips shown, and images per strip. */
    public static final int STRIPS = 6;
    public static final int STEPS = 9;
    /** Where the pool and the strips' faces start in the sampling stream: apart from the grid's 64. */
    static final long POOL_FIRST_INDEX = 10_000;
    static final long STRIP_FIRST_INDEX = 20_000;
    private static final int CHUNK = 64;

    private final ArithmeticViewModel owner;
    private final TaskExecutor executor;
    private final ErrorReporter errors;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(
            "Compute the turn vector: it needs the face attribute classifier to judge which way faces look.");
    private final DoubleProperty strength = new SimpleDoubleProperty(1.0);
    private final ObservableList<List<Frame>> strips = FXCollections.observableArrayList();
    private volatile boolean stopped;
    private TurnVector vector;

    TurnViewModel(ArithmeticViewModel owner, TaskExecutor executor, ErrorReporter errors) {
        this.owner = owner;
        this.executor = executor;
        this.errors = errors;
        strength.addListener((o, a, b) -> renderStrips());
    }

    /** Judges the pool in the background (progress 0..1), then renders the strips. */
    public void compute() {
        LatentSampler sampler = owner.sampler();
        if (sampler == null || busy.get()) {
            return;
        }
        if (!owner.classifierReadyProperty().get()) {
            LoadedModel m = owner.modelProperty().get();
            status.set(m.config().channels() != 3
                    ? "The face attribute classifier judges RGB faces; " + m.describe() + " makes grayscale images."
                    : "No face attribute classifier for " + m.describe() + ": train one with 'evaluators --only faces "
                    + "--size " + m.config().imageSize() + "' into models/evaluators.");
            return;
        }
        busy.set(true);
        progress.set(0);
        status.set("Judging " + POOL + " generated faces…");
        long seed = owner.gridSeedProperty().get();
        CompletableFuture<TurnVector> work = owner.renderer().submit(s -> {
            FaceAttributeClassifier classifier = owner.classifierOnRendererThread();
            List<float[]> zs = new ArrayList<>(POOL);
            double[] yaws = new double[POOL];
            for (int start = 0; start < POOL && !stopped; start += CHUNK) {
                List<float[]> chunk = new ArrayList<>();
                for (int i = start; i < start + CHUNK; i++) {
                    chunk.add(sampler.vector(seed, LatentSampler.SAMPLING_STREAM, POOL_FIRST_INDEX + i));
                }
                List<FacePrediction> judged = classifier.predict(s.network().output(LatentSampler.stack(chunk), false));
                for (int i = 0; i < chunk.size(); i++) {
                    yaws[start + i] = judged.get(i).yaw();
                }
                zs.addAll(chunk);
                double done = (start + CHUNK) / (double) POOL;
                executor.runOnUi(() -> progress.set(done));
            }
            if (stopped) {
                throw new java.util.concurrent.CancellationException("the pane closed");
            }
            return TurnVector.fromSamples(zs, yaws, PER_SIDE);
        });
        executor.submit(work::get, turn -> {
            busy.set(false);
            vector = turn;
            status.set(String.format(Locale.ROOT, "Turn vector: mean z of the %d most right-looking faces (judged yaw "
                    + "%.2f) minus the %d most left-looking (%.2f), of %d. Each row: z + t × %.2f × turn, t from -1 "
                    + "to 1.", turn.right(), turn.meanYawRight(), turn.left(), turn.meanYawLeft(), POOL,
                    strength.get()));
            renderStrips();
        }, e -> {
            busy.set(false);
            errors.error("Could not compute the turn vector", e);
        });
    }

    private void renderStrips() {
        LatentSampler sampler = owner.sampler();
        TurnVector turn = vector;
        if (turn == null || sampler == null) {
            return;
        }
        double[] ts = TurnVector.steps(STEPS);
        List<float[]> zs = new ArrayList<>();
        long seed = owner.gridSeedProperty().get();
        for (int k = 0; k < STRIPS; k++) {
            zs.addAll(turn.strip(sampler.vector(seed, LatentSampler.SAMPLING_STREAM, STRIP_FIRST_INDEX + k), ts,
                    strength.get()));
        }
        executor.submit(owner.renderer().renderAll(zs)::get, frames -> {
            List<List<Frame>> rows = new ArrayList<>();
            for (int k = 0; k < STRIPS; k++) {
                rows.add(List.copyOf(frames.subList(k * STEPS, (k + 1) * STEPS)));
            }
            strips.setAll(rows);
        }, e -> errors.error("Could not render the turn strips", e));
    }

    void stop() {
        stopped = true;
    }

    /** Rows of faces turning, left to right. */
    public ObservableList<List<Frame>> strips() {
        return strips;
    }

    /** How far the strips walk: z + t * strength * turn. */
    public DoubleProperty strengthProperty() {
        return strength;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
