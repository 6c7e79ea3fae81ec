package io.dcganexplorer.app.probe;

import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.app.model.CurrentModelViewModel;
import io.dcganexplorer.app.model.LoadedModel;
import io.dcganexplorer.app.model.ModelNeed;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.probe.KMeansFeatures;
import io.dcganexplorer.core.probe.LinearProbe;
import io.dcganexplorer.core.probe.McNemar;
import io.dcganexplorer.core.probe.NearestNeighbours;
import io.dcganexplorer.core.probe.ProbeExperiment;
import io.dcganexplorer.core.probe.UnitsFigure;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.IdxDataset;
import io.dcganexplorer.data.ImageDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Probe activity's state: the DCGAN paper's linear-probe experiment (Radford, Metz and Chintala 2015,
 * section 5.1) on the current model with editable caps, the confusion matrix of a chosen row, the nearest
 * training images of a few generated samples (section 6.1: is the model copying?), and what the units of
 * D's last block respond to (figure 5: guided backpropagation, trained D against random filters). Every
 * public method runs on the UI thread; the work runs as one job of the background executor on its own
 * copy of the networks, and stops between batches when cancelled.
 */
public final class ProbeViewModel {

    /** Generated samples whose neighbours are shown. */
    public static final int SAMPLES = 8;
    /** Neighbours per sample and space. */
    public static final int NEIGHBOURS = 5;

    /** Labelled train and test splits at one image size and channel count. */
    public record LabelledData(ImageDataset train, ImageDataset test) {
    }

    /**
     * A labelled data set with standard train and test splits at one shape.
     *
     * @param name for messages, e.g. "Fashion-MNIST"
     * @param imageSize the size a model must make to be probed on it
     * @param channels the channels a model must make
     * @param opener opens both splits (slow: runs on the background thread)
     */
    public record DataSource(String name, int imageSize, int channels, Opener opener) {

        /** A model of this shape, as the shipped fashion32 (any labelled data set of the shape will do). */
        public ModelNeed need() {
            return new ModelNeed("a labelled data set such as " + name, null, imageSize, channels, "fashion32");
        }
    }

    /** Opens the splits of a {@link DataSource}. */
    @FunctionalInterface
    public interface Opener {
        LabelledData open() throws Exception;
    }

    /**
     * One generated sample and its nearest training images.
     *
     * @param sample the generated image
     * @param pixel nearest training images in pixel space, nearest first
     * @param pixelDistances their distances
     * @param feature nearest training images in D-feature space, nearest first
     * @param featureDistances their distances
     */
    public record NeighbourRow(Frame sample, List<Frame> pixel, List<Double> pixelDistances, List<Frame> feature,
                               List<Double> featureDistances) {

        /** Copies the lists. */
        public NeighbourRow {
            pixel = List.copyOf(pixel);
            pixelDistances = List.copyOf(pixelDistances);
            feature = List.copyOf(feature);
            featureDistances = List.copyOf(featureDistances);
        }
    }

    /**
     * One unit of D's last block (the paper's figure 5): its strongest real images and their guided-backprop maps.
     *
     * @param network "trained D" or "random-init D"
     * @param unit the channel
     * @param images the real images, strongest response first
     * @param maps their guided-backprop maps (mid-gray = 0)
     */
    public record UnitRow(String network, int unit, List<Frame> images, List<Frame> maps) {

        /** Copies the lists. */
        public UnitRow {
            images = List.copyOf(images);
            maps = List.copyOf(maps);
        }
    }

    /** Units of D's last block shown, as the paper's "first 6 learned convolutional features". */
    public static final int UNITS = 6;
    /** Strongest images shown per unit. */
    public static final int UNIT_TOP = 4;
    /** Test images searched for each unit's strongest responses. */
    public static final int UNIT_IMAGES = 2000;

    /** What one run produced. */
    private record Outcome(ProbeExperiment.Result table, List<NeighbourRow> neighbours, List<UnitRow> units) {
    }

    private final TaskExecutor executor;
    private final ErrorReporter errors;
    private final ModelService models;
    private final DataSource data;

    // The dense solver needs no caps for memory; 10,000 training images keep a run to a few minutes.
    private final IntegerProperty trainCap = new SimpleIntegerProperty(10_000);
    private final IntegerProperty testCap = new SimpleIntegerProperty(0);
    private final IntegerProperty draws = new SimpleIntegerProperty(10);
    private final IntegerProperty labelsPerClass = new SimpleIntegerProperty(100);
    private final StringProperty cGrid = new SimpleStringProperty("1e-4, 1e-3, 1e-2, 1e-1");
    /** Null: as many centroids as give the model's D feature count. */
    private final ObjectProperty<KMeansFeatures.Options> kmeans = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper gapNote = new ReadOnlyStringWrapper("");
    private final ObservableList<UnitRow> units = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<LoadedModel> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper unsupported = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ProbeExperiment.Result> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ProbeExperiment.Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ProbeExperiment.Row> selectedRow = new SimpleObjectProperty<>();
    private final ObservableList<NeighbourRow> neighbours = FXCollections.observableArrayList();

    private AtomicBoolean cancel = new AtomicBoolean();
    private final CurrentModelViewModel currentModel;

    /**
     * @param executor runs the probe off the UI thread and hands results back to it
     * @param data the labelled splits for a model's shape
     */
    public ProbeViewModel(TaskExecutor executor, ErrorReporter errors, ModelService models, DataSource data) {
        this.executor = executor;
        this.errors = errors;
        this.models = models;
        this.data = data;
        this.currentModel = new CurrentModelViewModel(models, data.need());
        models.follow(this::modelChanged);
    }

    /** The app's view model: Fashion-MNIST from its default folder (as the CLI's {@code fashion-mnist}). */
    public static ProbeViewModel create(TaskExecutor background, ErrorReporter errors, ModelService models) {
        return new ProbeViewModel(background, errors, models,
                fashionMnist(Path.of(DatasetSpec.parse("fashion-mnist", 32, 1, 0, 0).path())));
    }

    /** Fashion-MNIST's IDX files in {@code folder}, padded to 32x32, one channel (the shipped fashion32's shape). */
    public static DataSource fashionMnist(Path folder) {
        return new DataSource("Fashion-MNIST", 32, 1, () -> {
            IdxDataset.Options options = IdxDataset.Options.of(32, IdxDataset.ResizeMode.PAD).withChannels(1);
            return new LabelledData(IdxDataset.fashionMnist(folder, IdxDataset.Split.TRAIN, options),
                    IdxDataset.fashionMnist(folder, IdxDataset.Split.TEST, options));
        });
    }

    private void modelChanged(LoadedModel loaded) {
        if (loaded == null) {
            return;
        }
        if (model.get() != null && !model.get().source().equals(loaded.source())) {
            // The results are the old model's: they go, and a run still going on the old model stops.
            cancel.set(true);
            result.set(null);
            selectedRow.set(null);
            rows.clear();
            neighbours.clear();
            progress.set(0);
            message.set("");
        }
        model.set(loaded);
        int size = loaded.config().imageSize();
        int channels = loaded.config().channels();
        boolean fits = size == data.imageSize() && channels == data.channels();
        unsupported.set(fits ? "" : String.format(Locale.ROOT,
                "The probe needs a model trained on a labelled data set of the same size and channels "
                        + "(%s, %dx%dx%d). %s makes %dx%dx%d images.", data.name(), data.imageSize(),
                data.imageSize(), data.channels(), loaded.source().name(), size, size, channels));
    }

    /** The C values of the grid field; throws IllegalArgumentException for a value that is not a positive number. */
    static double[] parseGrid(String text) {
        String[] parts = text.trim().split("[,\\s]+");
        double[] grid = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                grid[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("C grid '" + text + "': '" + parts[i] + "' is not a number");
            }
            if (!(grid[i] > 0)) {
                throw new IllegalArgumentException("C grid '" + text + "': values must be positive");
            }
        }
        return grid;
    }

    /**
     * Runs the probe and the nearest-neighbour check on the current model with the caps; does nothing
     * while a run is going or when the model does not fit.
     */
    public void run() {
        LoadedModel m = model.get();
        if (running.get() || m == null) {
            return;
        }
        if (!unsupported.get().isEmpty()) {
            message.set(unsupported.get());
            return;
        }
        ProbeExperiment.Options options;
        try {
            long seed = 1;
            LinearProbe.Options d = LinearProbe.Options.defaults(seed);
            options = new ProbeExperiment.Options(trainCap.get(), testCap.get(), labelsPerClass.get(), draws.get(),
                    seed + 1_000_003, seed, d.withGrid(parseGrid(cGrid.get())),
                    kmeans.get() != null ? kmeans.get() : KMeansFeatures.Options.matching(
                            io.dcganexplorer.core.probe.DiscriminatorFeatures.featureLength(m.config()), seed + 7), 0);
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        cancel = cancelled;
        running.set(true);
        progress.set(0);
        message.set("Opening the labelled data");
        result.set(null);
        selectedRow.set(null);
        rows.clear();
        neighbours.clear();
        units.clear();
        gapNote.set("");
        executor.submit(() -> compute(m, options, cancelled), outcome -> {
            if (cancelled.get()) {
                // Finished just as the model changed: these numbers describe the old model.
                running.set(false);
                return;
            }
            progress.set(1);
            result.set(outcome.table());
            rows.setAll(outcome.table().rows());
            selectedRow.set(rows.get(0));
            neighbours.setAll(outcome.neighbours());
            units.setAll(outcome.units());
            gapNote.set(gapNote(outcome.table()));
            message.set(String.format(Locale.ROOT, "Done: %,d training and %,d test images; neighbours searched "
                    + "among %,d training images.", outcome.table().trainImages(), outcome.table().testImages(),
                    outcome.table().trainImages()));
            running.set(false);
        }, e -> {
            running.set(false);
            progress.set(0);
            if (e instanceof CancellationException || cancelled.get()) {
                message.set("Cancelled.");
            } else {
                message.set("The probe failed: " + e.getMessage());
                errors.error("Could not run the probe on " + m.source().name(), e);
            }
        });
    }

    /** Runs on a background thread. */
    private Outcome compute(LoadedModel m, ProbeExperiment.Options options, AtomicBoolean cancelled) throws Exception {
        Dcgan gan;
        synchronized (m.gan()) {
            gan = new Dcgan(m.config(), m.gan().generator().clone(), m.gan().discriminator().clone());
        }
        int size = m.config().imageSize();
        int channels = m.config().channels();
        LabelledData labelled = data.opener().open();
        ProbeExperiment.Result table = ProbeExperiment.run(gan.discriminator(), m.config(), labelled.train(),
                labelled.test(), options, report(0, 0.8), cancelled::get);
        int searched = options.trainCap() == 0 ? labelled.train().size()
                : Math.min(options.trainCap(), labelled.train().size());
        int[] indices = new int[searched];
        Arrays.setAll(indices, i -> i);
        int k = Math.min(NEIGHBOURS, searched);
        NearestNeighbours.Result found = NearestNeighbours.forSamples(gan, labelled.train(), indices, SAMPLES, 0, k,
                report(0.8, 1), cancelled::get);
        List<NeighbourRow> out = new ArrayList<>();
        for (NearestNeighbours.Neighbours n : found.neighbours()) {
            out.add(new NeighbourRow(frame(found.sample(n.sample()), channels, size),
                    n.pixel().stream().map(x -> image(labelled.train(), x.index())).toList(),
                    n.pixel().stream().map(NearestNeighbours.Match::distance).toList(),
                    n.feature().stream().map(x -> image(labelled.train(), x.index())).toList(),
                    n.feature().stream().map(NearestNeighbours.Match::distance).toList()));
        }
        int shown = Math.min(UNITS, new io.dcganexplorer.core.probe.GuidedBackprop(gan.discriminator()).units());
        int[] unitList = new int[shown];
        Arrays.setAll(unitList, i -> i);
        org.nd4j.linalg.api.ndarray.INDArray real = UnitsFigure.images(labelled.test(), UNIT_IMAGES);
        List<UnitRow> unitRows = new ArrayList<>();
        for (UnitsFigure.Panel panel : UnitsFigure.compute(gan.discriminator(), m.config(), options.controlSeed(), real,
                unitList, UNIT_TOP, io.dcganexplorer.core.probe.Progress.NONE, cancelled::get)) {
            for (io.dcganexplorer.core.probe.GuidedBackprop.UnitView u : panel.units()) {
                List<Frame> images = new ArrayList<>();
                for (int i : u.images()) {
                    images.add(image(labelled.test(), i));
                }
                unitRows.add(new UnitRow(panel.title(), u.unit(), images,
                        u.maps().stream().map(map -> frame(map, channels, size)).toList()));
            }
        }
        return new Outcome(table, out, unitRows);
    }

    /** One line on the trained-vs-random gap: its size, McNemar's p, and whether it is within noise. */
    static String gapNote(ProbeExperiment.Result r) {
        double gap = r.row(ProbeExperiment.FeatureSet.TRAINED_D).allLabels().accuracy()
                - r.row(ProbeExperiment.FeatureSet.RANDOM_D).allLabels().accuracy();
        McNemar.Result t = r.trainedVsRandom();
        return String.format(Locale.ROOT, "Trained vs random-init D: %+.2f points on the same %,d test images; "
                + "McNemar p = %.3g. %s", 100 * gap, r.testImages(), t.pValue(), t.withinNoise()
                ? "Within noise (p >= 0.05): this gap does not show that training helped."
                : "Unlikely to be noise (p < 0.05).");
    }

    /** Forwards progress from {@code from} to {@code to} of the bar to the UI thread. */
    private io.dcganexplorer.core.probe.Progress report(double from, double to) {
        io.dcganexplorer.core.probe.Progress toUi = (f, text) -> executor.runOnUi(() -> {
            if (running.get()) {
                progress.set(f);
                message.set(text);
            }
        });
        return toUi.range(from, to);
    }

    private static Frame image(ImageDataset set, int index) {
        float[] pixels = new float[set.imageLength()];
        set.writeImage(index, pixels, 0);
        return frame(pixels, set.channels(), set.imageSize());
    }

    private static Frame frame(float[] chw, int channels, int size) {
        return Frame.fromPlanes(chw, 0, channels, size, size, 0);
    }

    /** Asks a running probe to stop (at its next batch). */
    public void cancel() {
        if (running.get()) {
            cancel.set(true);
            message.set("Cancelling...");
        }
    }

    // ---- accessors -------------------------------------------------------------------------------------

    /** The app-wide model service (for the model chooser). */
    /** "Probe: training the linear SVMs (40%)" while a probe runs; empty otherwise. For the status bar. */
    public StringBinding activityProperty() {
        return Bindings.createStringBinding(() -> !running.get() ? "" : String.format(Locale.ROOT,
                "Probe on %s: %s (%.0f%%)", model.get() == null ? "?" : model.get().source().name(), message.get(),
                100 * progress.get()), running, message, progress, model);
    }

    /** The current model's name, and the switch to a model of the probe's shape when it is not one. */
    public CurrentModelViewModel currentModel() {
        return currentModel;
    }

    public ModelService models() {
        return models;
    }

    /** The current model; null before one is loaded. */
    public ReadOnlyObjectProperty<LoadedModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** Why the current model cannot be probed; empty when it can. */
    public ReadOnlyStringProperty unsupportedProperty() {
        return unsupported.getReadOnlyProperty();
    }

    /** At most this many training images (0 = all). */
    public IntegerProperty trainCapProperty() {
        return trainCap;
    }

    /** At most this many test images (0 = all). */
    public IntegerProperty testCapProperty() {
        return testCap;
    }

    /** Few-label draws to average (0 = skip). */
    public IntegerProperty drawsProperty() {
        return draws;
    }

    /**
     * Labels per class in the few-label setting: 50 by default, since a 1,000-image cap holds only about
     * 100 of each class (the paper used 100 on all of SVHN).
     */
    public IntegerProperty labelsPerClassProperty() {
        return labelsPerClass;
    }

    /** The SVM's C values, separated by commas or spaces. */
    public StringProperty cGridProperty() {
        return cGrid;
    }

    /** True while a run is going. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Fraction done of the current run. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What is being done, or how the last run ended. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The last finished run's table; null before one. */
    public ReadOnlyObjectProperty<ProbeExperiment.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The accuracy table's rows: trained D, random-init D, raw pixels. */
    public ObservableList<ProbeExperiment.Row> rows() {
        return rows;
    }

    /** The row whose confusion matrix is shown. */
    public ObjectProperty<ProbeExperiment.Row> selectedRowProperty() {
        return selectedRow;
    }

    /** The selected row's confusion matrix (rows: true class, columns: predicted); null without one. */
    public int[][] confusion() {
        ProbeExperiment.Row r = selectedRow.get();
        return r == null ? null : r.allLabels().confusion();
    }

    /** Class names of the last run, index = label. */
    public List<String> classNames() {
        ProbeExperiment.Result r = result.get();
        return r == null ? List.of() : r.classNames();
    }

    /** The K-means baseline's options (the paper's Table 1 control); null (the default) matches D's feature count. */
    public ObjectProperty<KMeansFeatures.Options> kmeansProperty() {
        return kmeans;
    }

    /** After a run: the trained-vs-random gap with McNemar's p and a note when it is within noise. */
    public ReadOnlyStringProperty gapNoteProperty() {
        return gapNote.getReadOnlyProperty();
    }

    /** Figure 5 after a run: the first units of the trained D, then of the random-init D. */
    public ObservableList<UnitRow> units() {
        return units;
    }

    /** One row per generated sample: its nearest training images in pixel and D-feature space. */
    public ObservableList<NeighbourRow> neighbours() {
        return neighbours;
    }
}
