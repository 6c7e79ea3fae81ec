package io.dcganexplorer.app.walk;

import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.render.GeneratorWorker;
import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.app.common.UiCoalescer;
import io.dcganexplorer.app.model.CurrentModelViewModel;
import io.dcganexplorer.app.model.LoadedModel;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.core.latent.ConceptArithmetic;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.data.ImageConversions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Walk activity's state: the current z (one {@link LatentDimension} per coordinate, filterable), its
 * seed, the image of z and a strip of neighbours, and the interpolation and directions view models that
 * share its renderer. Every method runs on the UI thread; rendering happens on the
 * {@link GeneratorWorker}'s thread and comes back through a coalescer, one pending update at most.
 */
public final class WalkViewModel implements AutoCloseable {

    /** Neighbours shown under the main image. */
    public static final int NEIGHBOURS = 8;
    /** Slider steps across the range for a keyboard nudge. */
    static final int NUDGE_STEPS = 50;

    private final TaskExecutor executor;
    private final ErrorReporter errors;
    private final ModelService models;
    private final GeneratorWorker renderer;
    private final UiCoalescer mainUpdates;
    private final UiCoalescer companionUpdates;
    private final AtomicReference<Frame> latestMain = new AtomicReference<>();
    private final AtomicReference<GeneratorWorker.Companions> latestCompanions = new AtomicReference<>();
    private final LatencyStats latency = new LatencyStats(4096);

    private final ObservableList<LatentDimension> dimensions = FXCollections.observableArrayList();
    private final FilteredList<LatentDimension> visibleDimensions = new FilteredList<>(dimensions);
    private final StringProperty filter = new SimpleStringProperty("");
    private final LongProperty seed = new SimpleLongProperty(0);
    private final ReadOnlyObjectWrapper<float[]> z = new ReadOnlyObjectWrapper<>(new float[0]);
    private final ReadOnlyObjectWrapper<Frame> mainFrame = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Frame> neighbours = FXCollections.observableArrayList();
    private final List<float[]> neighbourZs = new ArrayList<>();
    private final ReadOnlyObjectWrapper<LoadedModel> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper filterMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper latencyText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper();
    private final InterpolationViewModel interpolation;
    private final CurrentModelViewModel currentModel;
    private final DirectionsViewModel directions;

    private LatentSampler sampler;
    private double range = 1;
    /** Set while many sliders change at once, so their listeners do not each render. */
    private boolean bulk;
    private boolean renderErrorShown;
    private volatile GeneratorWorker.CompanionPlan plan;

    public WalkViewModel(TaskExecutor executor, ErrorReporter errors, ModelService models) {
        this.executor = executor;
        this.errors = errors;
        this.models = models;
        this.mainUpdates = new UiCoalescer(executor, this::applyMainFrame);
        this.companionUpdates = new UiCoalescer(executor, this::applyCompanions);
        this.renderer = new GeneratorWorker("walk-renderer", frame -> {
            latestMain.set(frame);
            mainUpdates.request();
        }, companions -> {
            latestCompanions.set(companions);
            companionUpdates.request();
        }, e -> executor.runOnUi(() -> renderFailed(e)));
        this.currentModel = new CurrentModelViewModel(models, null);
        this.interpolation = new InterpolationViewModel(this, executor, errors);
        this.directions = new DirectionsViewModel(this, executor, errors);
        filter.addListener((o, a, text) -> applyFilter());
        dimensions.addListener((javafx.collections.ListChangeListener<LatentDimension>) c -> applyFilter());
        seed.addListener((o, a, b) -> applySeed());
        models.follow(this::modelLoaded);
    }

    // ---- model -----------------------------------------------------------------------------------------

    private void modelLoaded(LoadedModel loaded) {
        if (loaded == null) {
            return;
        }
        // The copy is made in the background: cloning a 64x64 generator takes a few tens of milliseconds.
        executor.submit(loaded::generatorCopy, copy -> {
            LoadedModel before = model.get();
            DcganConfig c = loaded.config();
            boolean sameLatent = before != null && before.config().nz() == c.nz()
                    && before.config().latent() == c.latent();
            renderer.setGenerator(copy);
            renderErrorShown = false;
            sampler = new LatentSampler(c.nz(), c.latent());
            range = c.latent() == LatentDistribution.GAUSSIAN ? 3 : 1;
            model.set(loaded);
            if (!sameLatent) {
                bulk = true;
                List<LatentDimension> dims = new ArrayList<>(c.nz());
                for (int i = 0; i < c.nz(); i++) {
                    LatentDimension d = new LatentDimension(i, 0);
                    d.valueProperty().addListener((o, a, v) -> dimensionMoved(d, v.doubleValue()));
                    dims.add(d);
                }
                dimensions.setAll(dims);
                bulk = false;
                setZ(sampler.vector(seed.get(), LatentSampler.SAMPLING_STREAM, 0), true, 0);
            } else {
                setZ(z.get(), true, 0);
            }
            ready.set(true);
            interpolation.modelChanged(sameLatent);
            directions.modelChanged(sameLatent);
            updateCompanionPlan();
        }, e -> errors.error("Could not prepare the generator of " + loaded.source().path(), e));
    }

    private void renderFailed(Exception e) {
        if (!renderErrorShown) {
            renderErrorShown = true;
            errors.error("Could not render with " + (model.get() == null ? "this model" : model.get().describe()), e);
        }
    }

    // ---- z ---------------------------------------------------------------------------------------------

    private void dimensionMoved(LatentDimension d, double value) {
        if (bulk) {
            return;
        }
        // Stamped first thing: the latency figure runs from here to the image being set in the view.
        long stamp = System.nanoTime();
        float[] next = z.get().clone();
        next[d.index()] = (float) value;
        publish(next, true, stamp);
    }

    /**
     * Makes {@code newZ} the current z, moves the sliders to it and asks for its image.
     *
     * @param rebaseDirections true for every change except a direction slider's own
     * @param stamp nanoTime of the user's action, or 0 when the frame is not timed
     */
    void setZ(float[] newZ, boolean rebaseDirections, long stamp) {
        float[] copy = newZ.clone();
        bulk = true;
        for (int i = 0; i < dimensions.size() && i < copy.length; i++) {
            dimensions.get(i).valueProperty().set(copy[i]);
        }
        bulk = false;
        publish(copy, rebaseDirections, stamp);
    }

    private void publish(float[] next, boolean rebaseDirections, long stamp) {
        z.set(next);
        if (rebaseDirections) {
            directions.rebase(next);
        }
        if (model.get() != null) {
            renderer.request(next, stamp);
        }
    }

    /** A new random seed and its z. */
    public void randomise() {
        seed.set(new SplittableRandom().nextInt(1_000_000));
    }

    /** Back to the seed's z. */
    public void reset() {
        applySeed();
    }

    private void applySeed() {
        message.set("");
        if (sampler != null) {
            setZ(sampler.vector(seed.get(), LatentSampler.SAMPLING_STREAM, 0), true, System.nanoTime());
            // The neighbours' noise follows the seed, so one seed always shows the same neighbourhood.
            updateCompanionPlan();
        }
    }

    /** z as comma-separated floats. */
    public String zAsText() {
        return LatentText.format(z.get());
    }

    /** Replaces z by the numbers in {@code text}; on a problem, says what is wrong and leaves z alone. */
    public boolean pasteZ(String text) {
        if (sampler == null) {
            message.set("Open a model first.");
            return false;
        }
        try {
            float[] pasted = LatentText.parse(text, sampler.nz());
            message.set("");
            setZ(pasted, true, System.nanoTime());
            return true;
        } catch (IllegalArgumentException e) {
            message.set("Cannot paste z into " + model.get().describe() + ": " + e.getMessage() + ".");
            return false;
        }
    }

    /** Makes a z handed over by another pane (Project's "Walk from here") the current z; false if it does not fit. */
    public boolean receiveZ(float[] received, String label) {
        if (sampler == null || received.length != sampler.nz()) {
            message.set("Cannot walk from " + label + ": its z has " + received.length + " values, this model takes "
                    + (sampler == null ? "none until it has loaded" : sampler.nz()) + ".");
            return false;
        }
        setZ(received, true, System.nanoTime());
        message.set("Walking from " + label + ".");
        return true;
    }

    /** Moves one slider by a small step (arrow keys); clamped to the slider range. */
    public void nudge(LatentDimension d, int direction) {
        double step = 2 * range / NUDGE_STEPS;
        d.valueProperty().set(Math.max(-range, Math.min(range, d.value() + direction * step)));
    }

    /** Makes neighbour {@code i} the current z. */
    public void chooseNeighbour(int i) {
        if (i >= 0 && i < neighbourZs.size()) {
            setZ(neighbourZs.get(i), true, System.nanoTime());
        }
    }

    // ---- frames ----------------------------------------------------------------------------------------

    private void applyMainFrame() {
        Frame f = latestMain.getAndSet(null);
        if (f != null) {
            mainFrame.set(f);
        }
    }

    /** The view calls this right after putting a frame's pixels on screen: the end of the latency figure. */
    public void frameShown(Frame frame) {
        if (frame.requestedAt() == 0) {
            return;
        }
        latency.record(frame.requestedAt(), System.nanoTime());
        if (latency.count() % 10 == 1) {
            latencyText.set(String.format(Locale.ROOT, "slider to image: median %.1f ms, p99 %.1f ms",
                    latency.quantileMillis(0.5), latency.quantileMillis(0.99)));
        }
    }

    private void applyCompanions() {
        GeneratorWorker.Companions c = latestCompanions.getAndSet(null);
        if (c == null || c.plan() != plan) {
            return;
        }
        List<Frame> frames = c.frames();
        int n = Math.min(NEIGHBOURS, frames.size());
        neighbours.setAll(frames.subList(0, n));
        neighbourZs.clear();
        neighbourZs.addAll(neighbourZs(c.z()));
        directions.acceptStrips(c.z(), frames.subList(n, frames.size()));
    }

    /** Rebuilds what the companions are; called when directions appear or change. */
    void updateCompanionPlan() {
        long noiseSeed = seed.get();
        double noise = neighbourNoise();
        List<float[]> directionBasis = directions.stripPlanDirections();
        double[] spreads = directions.stripPlanSpreads();
        GeneratorWorker.CompanionPlan next = current -> {
            List<float[]> zs = new ArrayList<>(ConceptArithmetic.noisyVariants(current, NEIGHBOURS, noise, noiseSeed));
            zs.addAll(DirectionsViewModel.stripZs(current, directionBasis, spreads));
            return zs;
        };
        plan = next;
        renderer.setCompanionPlan(next);
        if (model.get() != null) {
            renderer.request(z.get(), 0);
        }
    }

    private List<float[]> neighbourZs(float[] around) {
        return ConceptArithmetic.noisyVariants(around, NEIGHBOURS, neighbourNoise(), seed.get());
    }

    /** The paper's ±0.25 for uniform z, scaled by the prior's spread for a Gaussian z. */
    private double neighbourNoise() {
        return ConceptArithmetic.PAPER_NOISE * (range == 1 ? 1 : Math.sqrt(3));
    }

    /** Writes the current image as a PNG, enlarged to at least 256 pixels with crisp (nearest) pixels. */
    public void saveImage(Path file) {
        Frame f = mainFrame.get();
        if (f == null) {
            return;
        }
        executor.submit(() -> {
            ImageConversions.writePng(ImageConversions.scaleNearest(f.toBufferedImage(), Math.max(1, 256 / f.width())),
                    file);
            return file;
        }, saved -> message.set("Saved " + saved.getFileName()), e -> errors.error("Could not save " + file, e));
    }

    // ---- accessors -------------------------------------------------------------------------------------

    public ModelService models() {
        return models;
    }

    public InterpolationViewModel interpolation() {
        return interpolation;
    }

    public DirectionsViewModel directions() {
        return directions;
    }

    /** The current model's name for the pane's top line. */
    public CurrentModelViewModel currentModel() {
        return currentModel;
    }

    GeneratorWorker renderer() {
        return renderer;
    }

    /** The sampler of the current model's prior; null before a model has loaded. */
    LatentSampler sampler() {
        return sampler;
    }

    /** Half the slider range: 1 for uniform z, 3 for a Gaussian. */
    public double range() {
        return range;
    }

    public ObservableList<LatentDimension> dimensions() {
        return dimensions;
    }

    /** The dimensions the filter lets through, for the slider list. */
    public ObservableList<LatentDimension> visibleDimensions() {
        return visibleDimensions;
    }

    private void applyFilter() {
        visibleDimensions.setPredicate(DimensionFilter.parse(filter.get()));
        filterMessage.set(DimensionFilter.problem(filter.get(), dimensions.size()));
    }

    /** Why the filter text shows no slider (naming the text), or empty. */
    public ReadOnlyStringProperty filterMessageProperty() {
        return filterMessage.getReadOnlyProperty();
    }

    /** Index filter text: "12", "0-9", "3, 7, 20-25"; empty shows all. */
    public StringProperty filterProperty() {
        return filter;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /** The current z; a new array on every change, never modified afterwards. */
    public ReadOnlyObjectProperty<float[]> zProperty() {
        return z.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Frame> mainFrameProperty() {
        return mainFrame.getReadOnlyProperty();
    }

    public ObservableList<Frame> neighbours() {
        return neighbours;
    }

    public ReadOnlyObjectProperty<LoadedModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** True once a model is loaded and its generator copy is with the renderer. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** The last problem or confirmation for the user (a bad paste, a saved file); empty when none. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty latencyTextProperty() {
        return latencyText.getReadOnlyProperty();
    }

    public LatencyStats latency() {
        return latency;
    }

    TaskExecutor executor() {
        return executor;
    }

    @Override
    public void close() {
        interpolation.stop();
        renderer.close();
    }
}
