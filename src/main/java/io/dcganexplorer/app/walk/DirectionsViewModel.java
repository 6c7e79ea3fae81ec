package io.dcganexplorer.app.walk;

import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.core.latent.LatentDirections;
import io.dcganexplorer.core.latent.LatentSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * GANSpace-style directions (Härkönen et al. 2020, through {@link LatentDirections}): computed on demand
 * on the renderer thread, shown as sliders in units of the sampled z's spread along each direction, and
 * as strips of {@link #STRIP_LENGTH} images from -2σ to +2σ around the current z.
 *
 * <p>The sliders are offsets from a base z: moving them sets z = base + Σ amount·σ·direction. Any other
 * change of z (a dimension slider, a seed, a paste) becomes the new base and puts the sliders back to 0.
 */
public final class DirectionsViewModel {

    /** Images per direction strip, from -2σ to +2σ. */
    public static final int STRIP_LENGTH = 7;
    /** Where the strips end, in units of the direction's spread. */
    public static final double STRIP_EXTENT = 2;
    /** Slider range, in units of the direction's spread. */
    public static final double SLIDER_EXTENT = 3;

    /** One direction: its rank, share of the layer's variance, spread of z along it, and its slider. */
    public static final class Direction {
        private final int rank;
        private final double explained;
        private final double spread;
        private final float[] vector;
        private final DoubleProperty amount = new SimpleDoubleProperty();

        Direction(int rank, double explained, double spread, float[] vector) {
            this.rank = rank;
            this.explained = explained;
            this.spread = spread;
            this.vector = vector;
        }

        /** 1 for the direction that explains most. */
        public int rank() {
            return rank;
        }

        /** Fraction (0..1) of the layer's activation variance along this principal component. */
        public double explained() {
            return explained;
        }

        public double spread() {
            return spread;
        }

        /** Offset from the base z in units of {@link #spread()}. */
        public DoubleProperty amountProperty() {
            return amount;
        }

        /** "PC1  12.3%" for the slider's label. */
        public String label() {
            return String.format(Locale.ROOT, "PC%d  %.1f%%", rank, 100 * explained);
        }
    }

    private final WalkViewModel walk;
    private final TaskExecutor executor;
    private final ErrorReporter errors;
    private final ObservableList<String> layers = FXCollections.observableArrayList();
    private final ObjectProperty<String> layer = new SimpleObjectProperty<>("relu0");
    private final IntegerProperty samples = new SimpleIntegerProperty(512);
    private final IntegerProperty count = new SimpleIntegerProperty(8);
    private final ObservableList<Direction> directions = FXCollections.observableArrayList();
    private final ObservableList<List<Frame>> strips = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Not computed yet.");
    private float[] base = new float[0];
    private boolean rebasing;
    private long computeGeneration;

    DirectionsViewModel(WalkViewModel walk, TaskExecutor executor, ErrorReporter errors) {
        this.walk = walk;
        this.executor = executor;
        this.errors = errors;
    }

    /** Finds the top {@link #countProperty() count} directions in the background. */
    public void compute() {
        LatentSampler sampler = walk.sampler();
        if (sampler == null) {
            status.set("Open a model first.");
            return;
        }
        String chosenLayer = layer.get();
        int n = samples.get();
        int k = Math.min(count.get(), Math.max(1, n - 1));
        long seed = walk.seedProperty().get();
        long generation = ++computeGeneration;
        busy.set(true);
        status.set("Computing " + k + " directions from " + n + " samples through " + chosenLayer + "…");
        var future = walk.renderer().submit(s -> LatentDirections.compute(s.network(), chosenLayer, sampler, seed, n, k));
        executor.submit(future::get, result -> {
            if (generation != computeGeneration) {
                return;
            }
            busy.set(false);
            List<Direction> found = new ArrayList<>();
            for (int i = 0; i < result.zDirections().size(); i++) {
                Direction d = new Direction(i + 1, result.explainedVariance()[i], result.zSpread()[i],
                        result.zDirections().get(i));
                d.amountProperty().addListener((o, a, b) -> amountsMoved());
                found.add(d);
            }
            double total = 0;
            for (double e : result.explainedVariance()) {
                total += e;
            }
            directions.setAll(found);
            strips.clear();
            base = walk.zProperty().get().clone();
            status.set(String.format(Locale.ROOT, "%d directions through %s from %d samples (seed %d) explain %.1f%%"
                    + " of its variance.", found.size(), chosenLayer, n, seed, 100 * total));
            walk.updateCompanionPlan();
        }, e -> {
            if (generation != computeGeneration) {
                return;
            }
            busy.set(false);
            status.set("Not computed.");
            errors.error("Could not compute latent directions", e);
        });
    }

    private void amountsMoved() {
        if (rebasing) {
            return;
        }
        long stamp = System.nanoTime();
        float[] next = base.clone();
        for (Direction d : directions) {
            double a = d.amount.get() * d.spread;
            for (int i = 0; i < next.length && i < d.vector.length; i++) {
                next[i] += (float) (a * d.vector[i]);
            }
        }
        walk.setZ(next, false, stamp);
    }

    /** z changed by something other than these sliders: it becomes the base, the sliders go back to 0. */
    void rebase(float[] z) {
        base = z.clone();
        rebasing = true;
        for (Direction d : directions) {
            d.amount.set(0);
        }
        rebasing = false;
    }

    /** Puts every direction slider back to 0 (z returns to the base). */
    public void resetAmounts() {
        for (Direction d : directions) {
            d.amount.set(0);
        }
    }

    void modelChanged(boolean sameLatent) {
        layers.setAll(activationLayers());
        if (!layers.contains(layer.get()) && !layers.isEmpty()) {
            layer.set(layers.get(0));
        }
        boolean hadDirections = !directions.isEmpty();
        directions.clear();
        strips.clear();
        status.set("Not computed yet.");
        // Following a run: the new checkpoint's directions differ; recompute what the user had.
        if (hadDirections && sameLatent) {
            compute();
        }
    }

    /** The generator's activation layers (relu0, relu1, ...): the outputs GANSpace analyses. */
    private List<String> activationLayers() {
        if (walk.modelProperty().get() == null) {
            return List.of();
        }
        // Only the configuration is read here; the loaded network itself is never run off its owner's thread.
        return layerNames(walk.modelProperty().get().gan().generator()).stream().filter(n -> n.startsWith("relu"))
                .toList();
    }

    List<float[]> stripPlanDirections() {
        List<float[]> out = new ArrayList<>();
        for (Direction d : directions) {
            out.add(d.vector);
        }
        return out;
    }

    double[] stripPlanSpreads() {
        return directions.stream().mapToDouble(Direction::spread).toArray();
    }

    /** For each direction, {@link #STRIP_LENGTH} z's from -2σ to +2σ around {@code z}. */
    static List<float[]> stripZs(float[] z, List<float[]> directions, double[] spreads) {
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < directions.size(); k++) {
            for (int s = 0; s < STRIP_LENGTH; s++) {
                double amount = (-STRIP_EXTENT + 2 * STRIP_EXTENT * s / (STRIP_LENGTH - 1)) * spreads[k];
                out.add(LatentDirections.move(z, directions.get(k), amount));
            }
        }
        return out;
    }

    void acceptStrips(float[] z, List<Frame> frames) {
        List<List<Frame>> rows = new ArrayList<>();
        for (int start = 0; start + STRIP_LENGTH <= frames.size(); start += STRIP_LENGTH) {
            rows.add(List.copyOf(frames.subList(start, start + STRIP_LENGTH)));
        }
        if (rows.size() == directions.size()) {
            strips.setAll(rows);
        }
    }

    public ObservableList<String> layers() {
        return layers;
    }

    public ObjectProperty<String> layerProperty() {
        return layer;
    }

    public IntegerProperty samplesProperty() {
        return samples;
    }

    public IntegerProperty countProperty() {
        return count;
    }

    public ObservableList<Direction> directions() {
        return directions;
    }

    /** One row of images per direction, in the order of {@link #directions()}; lags the current z a little. */
    public ObservableList<List<Frame>> strips() {
        return strips;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    static List<String> layerNames(MultiLayerNetwork net) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            names.add(net.getLayer(i).conf().getLayer().getLayerName());
        }
        return names;
    }
}
