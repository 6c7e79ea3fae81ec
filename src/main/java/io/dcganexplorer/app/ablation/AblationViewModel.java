package io.dcganexplorer.app.ablation;

import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.app.model.CurrentModelViewModel;
import io.dcganexplorer.app.model.LoadedModel;
import io.dcganexplorer.app.model.ModelNeed;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.render.GeneratorWorker;
import io.dcganexplorer.core.ablation.AblatedGenerator;
import io.dcganexplorer.core.ablation.AutoAnnotator;
import io.dcganexplorer.core.ablation.FeatureProbe;
import io.dcganexplorer.core.ablation.LayerActivations;
import io.dcganexplorer.core.ablation.LayerActivations.FeatureLayer;
import io.dcganexplorer.core.ablation.WindowAnnotations;
import io.dcganexplorer.core.ablation.WindowProbabilities;
import io.dcganexplorer.core.eval.WindowDetector;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.procedural.PixelBox;
import io.dcganexplorer.run.AnnotationFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The Ablate activity's state: samples of a seed to draw window boxes on (with undo), the probe's fit,
 * the feature maps of the chosen layer (weight, switched off or not), a heat map of one map and the
 * samples after switching maps off, on the same z (the DCGAN paper's figure 6, Radford, Metz and Chintala
 * 2015). Every public method runs on the UI thread; the generator copy and the window detector are used
 * only inside jobs of the {@code renderer} executor, which has one thread.
 */
public final class AblationViewModel implements AutoCloseable {

    /** Ablation forgets windows: the model must draw rooms, which the window detector and boxes are about. */
    public static final ModelNeed NEEDS = new ModelNeed("rooms", DatasetSpec.Kind.ROOMS, 0, 3, "rooms32");
    /** Samples in the grid (the first of the seed's z). */
    public static final int SAMPLES = 16;
    /** Samples auto-annotation draws boxes on: the paper's 150. */
    public static final int AUTO_SAMPLES = 150;
    /** The threshold that keeps only the strongest window maps (docs/ABLATION.md: 9 of relu2's 32 maps). */
    public static final double STRONG_THRESHOLD = 0.5;
    /** Above this share of a layer's maps off, the whole picture changes, not just the windows. */
    static final double MANY_OFF = 0.4;

    /** Where window detectors come from: the detector for an image size, if there is one. */
    @FunctionalInterface
    public interface DetectorSource {
        Optional<WindowProbabilities> forSize(int imageSize) throws Exception;
    }

    /** Originals and, when ablation is on, the same z with the maps off. */
    private record Rendered(List<Frame> before, List<Frame> after) {
    }

    private final TaskExecutor executor;
    private final TaskExecutor renderer;
    private final ErrorReporter errors;
    private final ModelService models;
    private final DetectorSource detectors;

    private final ReadOnlyObjectWrapper<LoadedModel> model = new ReadOnlyObjectWrapper<>();
    private final ObservableList<FeatureLayer> layers = FXCollections.observableArrayList();
    private final ObjectProperty<FeatureLayer> layer = new SimpleObjectProperty<>();
    private final LongProperty seed = new SimpleLongProperty(0);
    private final ObservableList<Frame> before = FXCollections.observableArrayList();
    private final ObservableList<Frame> after = FXCollections.observableArrayList();
    private final IntegerProperty current = new SimpleIntegerProperty(0);
    private final ReadOnlyObjectWrapper<WindowAnnotations> annotations = new ReadOnlyObjectWrapper<>();
    private final Deque<WindowAnnotations> history = new ArrayDeque<>();
    private final ObservableList<FeatureMap> maps = FXCollections.observableArrayList();
    private final DoubleProperty threshold = new SimpleDoubleProperty(FeatureProbe.DEFAULT_THRESHOLD);
    private final BooleanProperty ablate = new SimpleBooleanProperty();
    private final IntegerProperty shownMap = new SimpleIntegerProperty(-1);
    private final ReadOnlyObjectWrapper<Frame> heatMap = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<FeatureProbe.Result> probe = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper offNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper();
    private final CurrentModelViewModel currentModel;

    private LatentSampler sampler;
    /** Owned by the renderer thread. */
    private MultiLayerNetwork generator;
    /** Owned by the renderer thread; loaded on first use per image size. */
    private Optional<WindowProbabilities> detector;
    private int detectorSize;
    /** Bumped for every render request; an older result is dropped. */
    private long renderGeneration;
    private long heatGeneration;
    private boolean bulk;
    /** A z handed over by another pane (Project's "Ablate this"): sample 0 of the grid until the seed changes. */
    private float[] pinned;

    /**
     * @param executor background work (files) and the UI thread
     * @param renderer one thread: the only user of the generator copy and the detector
     */
    public AblationViewModel(TaskExecutor executor, TaskExecutor renderer, ErrorReporter errors, ModelService models,
                             DetectorSource detectors) {
        this.executor = executor;
        this.renderer = renderer;
        this.errors = errors;
        this.models = models;
        this.detectors = detectors;
        this.currentModel = new CurrentModelViewModel(models, NEEDS);
        seed.addListener((o, a, b) -> seedChanged());
        layer.addListener((o, a, b) -> layerChanged());
        threshold.addListener((o, a, b) -> applyThreshold());
        ablate.addListener((o, a, b) -> render());
        current.addListener((o, a, b) -> showHeatMap());
        shownMap.addListener((o, a, b) -> showHeatMap());
        models.follow(this::modelLoaded);
    }

    /**
     * The app's view model: its own renderer thread, detectors from {@code <models>/evaluators/windows-SIZE}
     * (the folder the CLI's {@code evaluators} command writes, under the models folder).
     */
    public static AblationViewModel create(TaskExecutor background, ErrorReporter errors, ModelService models,
            Path evaluatorsRoot) {
        GeneratorWorker worker = GeneratorWorker.forJobs("ablation-renderer", e -> errors.error("Could not render", e));
        return new AblationViewModel(background, worker.executor(background), errors, models,
                detectorsIn(evaluatorsRoot));
    }

    /** Window detectors saved under {@code folder} as {@code windows-SIZE}; none for a size without one. */
    public static DetectorSource detectorsIn(Path folder) {
        return size -> {
            Path p = folder.resolve("windows-" + size);
            if (!Files.isDirectory(p)) {
                return Optional.empty();
            }
            return Optional.of(WindowDetector.load(p)::windowProbabilities);
        };
    }

    // ---- model and layer -------------------------------------------------------------------------------

    private void modelLoaded(LoadedModel loaded) {
        if (loaded == null) {
            return;
        }
        busy.set(true);
        renderer.submit(() -> {
            generator = loaded.generatorCopy();
            return LayerActivations.featureLayers(generator);
        }, found -> {
            busy.set(false);
            // A newer checkpoint of the same run keeps the boxes; another model's pictures have other windows.
            boolean sameModel = model.get() != null && model.get().source().equals(loaded.source())
                    && model.get().config().imageSize() == loaded.config().imageSize();
            model.set(loaded);
            sampler = new LatentSampler(loaded.config().nz(), loaded.config().latent());
            if (!sameModel || annotations.get() == null) {
                history.clear();
                annotations.set(WindowAnnotations.empty(loaded.config().imageSize(), seed.get()));
                probe.set(null);
                message.set("");
            }
            FeatureLayer previous = layer.get();
            bulk = true;
            layers.setAll(found);
            bulk = false;
            layer.set(previous != null && found.contains(previous) ? previous : LayerActivations.defaultLayer(found));
            if (layer.get().equals(previous)) {
                render();
            }
            ready.set(true);
        }, e -> {
            busy.set(false);
            errors.error("Could not prepare the generator of " + loaded.source().path(), e);
        });
    }

    private void layerChanged() {
        FeatureLayer l = layer.get();
        if (bulk || l == null) {
            return;
        }
        probe.set(null);
        shownMap.set(-1);
        heatMap.set(null);
        maps.setAll(java.util.stream.IntStream.range(0, l.channels()).mapToObj(this::newMap).toList());
        render();
    }

    private FeatureMap newMap(int channel) {
        FeatureMap m = new FeatureMap(channel);
        m.offProperty().addListener((o, a, b) -> {
            if (!bulk) {
                render();
            }
        });
        return m;
    }

    // ---- samples ---------------------------------------------------------------------------------------

    private void seedChanged() {
        pinned = null;
        WindowAnnotations a = annotations.get();
        if (a != null && a.seed() != seed.get()) {
            // Boxes belong to the z of their seed: another seed starts a new set (undo brings the old one back).
            edit(WindowAnnotations.empty(a.imageSize(), seed.get()));
        }
        render();
        showHeatMap();
    }

    /**
     * Shows a z handed over by another pane (Project's "Ablate this") as sample 0, and selects it; it stays until
     * the seed changes. False if it does not fit this model.
     */
    public boolean receiveZ(float[] z, String label) {
        if (sampler == null || z.length != sampler.nz()) {
            message.set("Cannot ablate " + label + ": " + (sampler == null ? "no model has loaded yet"
                    : "its z has " + z.length + " values, this model takes " + sampler.nz()) + ".");
            return false;
        }
        pinned = z.clone();
        message.set("Sample 1 is " + label + ".");
        current.set(0);
        render();
        showHeatMap();
        return true;
    }

    /** The z of grid sample {@code index}: the seed's, or the handed-over one at 0. */
    public float[] sampleZ(int index) {
        return pinned != null && index == 0 ? pinned.clone()
                : sampler.vector(seed.get(), LatentSampler.SAMPLING_STREAM, index);
    }

    /** The channels now switched off, in ascending order. */
    public int[] offChannels() {
        return maps.stream().filter(m -> m.offProperty().get()).mapToInt(FeatureMap::channel).sorted().toArray();
    }

    /** Renders the grid (and, when ablation is on, the after images) for the current seed, layer and maps. */
    void render() {
        FeatureLayer l = layer.get();
        if (sampler == null || l == null) {
            return;
        }
        offNote.set(offNote(offChannels().length, maps.size(), probe.get() != null));
        long generation = ++renderGeneration;
        INDArray z = sampler.batch(seed.get(), LatentSampler.SAMPLING_STREAM, 0, SAMPLES);
        if (pinned != null) {
            z.putRow(0, Nd4j.create(pinned, new long[] {1, pinned.length}, 'c'));
        }
        int[] off = offChannels();
        boolean withAfter = ablate.get();
        renderer.submit(() -> {
            List<Frame> originals = Frame.fromBatch(generator.output(z, false), 0);
            List<Frame> ablated = withAfter ? Frame.fromBatch(new AblatedGenerator(generator, l.name(), off).output(z), 0)
                    : List.of();
            return new Rendered(originals, ablated);
        }, r -> {
            if (generation == renderGeneration) {
                before.setAll(r.before());
                after.setAll(r.after());
            }
        }, e -> errors.error("Could not render the samples", e));
    }

    // ---- annotations -----------------------------------------------------------------------------------

    private void edit(WindowAnnotations next) {
        history.push(annotations.get());
        annotations.set(next);
    }

    /** Adds a window box (image pixels) to sample {@code index}; boxes outside the image are clipped. */
    public void addBox(int index, int x0, int y0, int x1, int y1) {
        WindowAnnotations a = annotations.get();
        if (a == null) {
            return;
        }
        int size = a.imageSize();
        int left = Math.max(0, Math.min(x0, x1));
        int top = Math.max(0, Math.min(y0, y1));
        int right = Math.min(size, Math.max(x0, x1));
        int bottom = Math.min(size, Math.max(y0, y1));
        if (right - left < 1 || bottom - top < 1) {
            return;
        }
        edit(a.withBox(index, new PixelBox(left, top, right - left, bottom - top)));
        message.set("");
    }

    /** Takes back the last edit (a box, a clear, an auto-annotation or a load). */
    public void undo() {
        if (!history.isEmpty()) {
            annotations.set(history.pop());
        }
    }

    /** Removes every box (undo brings them back). */
    public void clear() {
        WindowAnnotations a = annotations.get();
        if (a != null && !a.samples().isEmpty()) {
            edit(WindowAnnotations.empty(a.imageSize(), a.seed()));
        }
    }

    public boolean canUndo() {
        return !history.isEmpty();
    }

    /** Writes the boxes as JSON. */
    public void save(Path file) {
        WindowAnnotations a = annotations.get();
        if (a == null) {
            return;
        }
        executor.submit(() -> {
            AnnotationFiles.write(file, a);
            return file;
        }, saved -> message.set("Saved " + a.boxCount() + " boxes to " + saved.getFileName()),
                e -> errors.error("Could not save the annotations to " + file, e));
    }

    /** Reads boxes from JSON; switches to their seed so they sit on the samples they were drawn on. */
    public void load(Path file) {
        executor.submit(() -> AnnotationFiles.read(file), loaded -> {
            LoadedModel m = model.get();
            if (m != null && loaded.imageSize() != m.config().imageSize()) {
                errors.error("Could not use " + file, new IllegalArgumentException("its boxes were drawn on "
                        + loaded.imageSize() + "x" + loaded.imageSize() + " samples; " + m.describe() + " makes "
                        + m.config().imageSize() + "x" + m.config().imageSize()));
                return;
            }
            edit(loaded);
            if (seed.get() != loaded.seed()) {
                seed.set(loaded.seed());
            }
            message.set("Loaded " + loaded.boxCount() + " boxes on " + loaded.samplesWithBoxes() + " samples");
        }, e -> errors.error("Could not load annotations from " + file, e));
    }

    /**
     * Boxes from the window detector on the seed's first {@link #AUTO_SAMPLES} samples (replacing the
     * current boxes; undo brings them back).
     */
    public void autoAnnotate() {
        LoadedModel m = model.get();
        if (m == null) {
            return;
        }
        if (m.config().channels() != 3) {
            message.set("The window detector judges RGB rooms; " + m.describe() + " makes grayscale images. Draw "
                    + "boxes by hand.");
            return;
        }
        DatasetSpec data = m.info().dataset();
        if (data != null && data.kind() != DatasetSpec.Kind.ROOMS && data.kind() != DatasetSpec.Kind.IMAGE_FOLDER) {
            // Its "windows" on faces or clothes would be noise that the probe then learns.
            message.set("The window detector looks for windows in bedrooms; " + m.describe() + " was trained on "
                    + m.info().datasetDescription() + ". Open a rooms model (such as rooms32) or draw boxes by hand.");
            return;
        }
        int size = m.config().imageSize();
        long s = seed.get();
        INDArray z = sampler.batch(s, LatentSampler.SAMPLING_STREAM, 0, AUTO_SAMPLES);
        busy.set(true);
        renderer.submit(() -> {
            Optional<WindowProbabilities> d = detector(size);
            if (d.isEmpty()) {
                return Optional.<WindowAnnotations>empty();
            }
            INDArray images = generator.output(z, false);
            return Optional.of(AutoAnnotator.annotate(d.get().windowProbabilities(images), s, 0,
                    AutoAnnotator.defaultMinArea(size)));
        }, found -> {
            busy.set(false);
            if (found.isEmpty()) {
                message.set("No window detector for " + size + "x" + size + " images (models/evaluators/windows-"
                        + size + ") to judge " + m.describe() + ": draw boxes by hand, or train one with the "
                        + "evaluators command.");
                return;
            }
            edit(found.get());
            // Show a sample with a window, not whichever comes first.
            for (int i = 0; i < SAMPLES; i++) {
                if (!found.get().boxes(i).isEmpty()) {
                    current.set(i);
                    break;
                }
            }
            message.set(String.format(Locale.ROOT, "Detector found %d windows on %d of %d samples.",
                    found.get().boxCount(), found.get().samplesWithBoxes(), AUTO_SAMPLES));
        }, e -> {
            busy.set(false);
            errors.error("Could not auto-annotate", e);
        });
    }

    /** Runs on the renderer thread. */
    private Optional<WindowProbabilities> detector(int size) throws Exception {
        if (detector == null || detectorSize != size) {
            detector = detectors.forSize(size);
            detectorSize = size;
        }
        return detector;
    }

    // ---- probe -----------------------------------------------------------------------------------------

    /** Fits the probe on the boxes at the chosen layer; maps above the threshold are switched off. */
    public void fit() {
        WindowAnnotations a = annotations.get();
        FeatureLayer l = layer.get();
        if (a == null || l == null) {
            return;
        }
        if (a.boxCount() == 0) {
            message.set("Draw window boxes first (drag on the large sample), or auto-annotate.");
            return;
        }
        long s = seed.get();
        busy.set(true);
        renderer.submit(() -> FeatureProbe.fit(generator, l.name(), sampler, a, s, FeatureProbe.DEFAULT_C), result -> {
            busy.set(false);
            if (!l.equals(layer.get())) {
                return;
            }
            probe.set(result);
            bulk = true;
            for (FeatureMap m : maps) {
                m.weightProperty().set(result.weights()[m.channel()]);
            }
            // Strongest window maps first: the paper's list of maps to drop is the top of this one.
            maps.sort(java.util.Comparator.comparingDouble((FeatureMap m) -> m.weightProperty().get()).reversed());
            bulk = false;
            applyThreshold();
            message.set(String.format(Locale.ROOT, "Probe on %d window and %d other positions of %s: %.0f%% right; "
                            + "%d maps above the threshold.", result.positives(), result.negatives(), l.name(),
                    100 * result.trainingAccuracy(), result.selected(threshold.get()).length));
        }, e -> {
            busy.set(false);
            errors.error("Could not fit the probe", e);
        });
    }

    /** After a fit: exactly the maps whose weight is above the threshold are off. */
    private void applyThreshold() {
        FeatureProbe.Result r = probe.get();
        if (r == null) {
            return;
        }
        bulk = true;
        for (FeatureMap m : maps) {
            m.offProperty().set(r.weights()[m.channel()] > threshold.get());
        }
        bulk = false;
        render();
    }

    /**
     * Says so when many of the layer's maps are off (empty otherwise): the result then looks broken, in
     * colour blotches all over the picture, and the strongest maps alone show what the paper shows.
     */
    static String offNote(int off, int total, boolean fitted) {
        if (total == 0 || off <= MANY_OFF * total) {
            return "";
        }
        return String.format(Locale.ROOT, "%d of the layer's %d maps are off (%.0f%%): that changes the whole "
                + "picture, not only the windows. The paper's rule (every map with a weight above 0) picks this many "
                + "on a layer this narrow; its much wider layer lost a far smaller share.%s", off, total,
                100.0 * off / total, fitted ? " Strongest only keeps the maps with a weight above 0.5, the clearest window maps." : "");
    }

    /** After a fit: only the strongest window maps off (weight above {@link #STRONG_THRESHOLD}). */
    public void strongestOnly() {
        threshold.set(STRONG_THRESHOLD);
    }

    /** Why the result may look broken, or empty; see {@link #offNote(int, int, boolean)}. */
    public ReadOnlyStringProperty offNoteProperty() {
        return offNote.getReadOnlyProperty();
    }

    /** Switches every map back on. */
    public void allOn() {
        bulk = true;
        maps.forEach(m -> m.offProperty().set(false));
        bulk = false;
        render();
    }

    // ---- heat map --------------------------------------------------------------------------------------

    private void showHeatMap() {
        int channel = shownMap.get();
        FeatureLayer l = layer.get();
        if (channel < 0 || l == null || sampler == null) {
            heatMap.set(null);
            return;
        }
        long generation = ++heatGeneration;
        INDArray z = Nd4j.create(sampleZ(current.get()), new long[] {1, sampler.nz()}, 'c');
        renderer.submit(() -> {
            INDArray a = LayerActivations.at(generator, l.name(), z);
            float[] values = a.get(NDArrayIndex.point(0), NDArrayIndex.point(channel), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup('c').data().asFloat();
            return HeatMaps.frame(values, l.size());
        }, frame -> {
            if (generation == heatGeneration) {
                heatMap.set(frame);
            }
        }, e -> errors.error("Could not read feature map " + channel, e));
    }

    // ---- accessors -------------------------------------------------------------------------------------

    /** The current model's name, and the switch to a rooms model when it is not one. */
    public CurrentModelViewModel currentModel() {
        return currentModel;
    }

    public ModelService models() {
        return models;
    }

    public ReadOnlyObjectProperty<LoadedModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** Layers with feature maps, from the input side. */
    public ObservableList<FeatureLayer> layers() {
        return layers;
    }

    public ObjectProperty<FeatureLayer> layerProperty() {
        return layer;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /** G(z) for the grid's z. */
    public ObservableList<Frame> before() {
        return before;
    }

    /** The same z with the maps off; empty while ablation is off. */
    public ObservableList<Frame> after() {
        return after;
    }

    /** The sample shown large (for boxes and the heat map). */
    public IntegerProperty currentProperty() {
        return current;
    }

    public ReadOnlyObjectProperty<WindowAnnotations> annotationsProperty() {
        return annotations.getReadOnlyProperty();
    }

    public ObservableList<FeatureMap> maps() {
        return maps;
    }

    /** Maps with a probe weight above this are switched off after a fit. */
    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    /** When true the after images are rendered with the switched-off maps. */
    public BooleanProperty ablateProperty() {
        return ablate;
    }

    /** The channel whose heat map is shown; -1 for none. */
    public IntegerProperty shownMapProperty() {
        return shownMap;
    }

    public ReadOnlyObjectProperty<Frame> heatMapProperty() {
        return heatMap.getReadOnlyProperty();
    }

    /** The last fit for the current layer; null before one. */
    public ReadOnlyObjectProperty<FeatureProbe.Result> probeProperty() {
        return probe.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while a model is prepared, a probe fitted or samples auto-annotated. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once a model is ready. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    @Override
    public void close() {
        renderer.shutdown();
    }
}
