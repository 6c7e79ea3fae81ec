package io.dcganexplorer.app.train;

import io.dcganexplorer.app.common.ActivityPane;
import io.dcganexplorer.app.common.Shortcut;
import io.dcganexplorer.core.gan.SampleGrid;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.data.DatasetSpec;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The Train activity: the new-run form on the left; on the right the live dashboard (throughput, ETA,
 * progress, loss and D-output charts, the fixed-z grid with a scrubber over its history, exports), or an
 * empty state that offers to train or open a run.
 */
public final class TrainPane extends SplitPane implements ActivityPane {

    private final TrainViewModel viewModel;
    private final ChartFeed lossChart;
    private final ChartFeed outputChart;
    private final ImageView gridView = new ImageView();
    private static final double NORMAL_GRID_CARD = 440;
    private static final double NORMAL_CHART_HEIGHT = 160;
    private static final double PRESENTATION_CHART_HEIGHT = 200;
    private final HBox exports = new HBox(8);
    private VBox gridCard;
    private Region gridFrame;
    private boolean presenting;
    private WritableImage gridImage;
    private Path lastChosenFolder;
    private final BorderPane form;
    private double[] dividers;

    public TrainPane(TrainViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("train-pane");
        getStylesheets().add(Objects.requireNonNull(TrainPane.class.getResource("train.css")).toExternalForm());
        lossChart = new ChartFeed("Losses", "loss", false, new int[] {MetricsHistory.LOSS_D, MetricsHistory.LOSS_G},
                new String[] {"D loss", "G loss"});
        outputChart = new ChartFeed("Discriminator outputs", "probability", true,
                new int[] {MetricsHistory.D_REAL, MetricsHistory.D_FAKE}, new String[] {"D(x)", "D(G(z))"});
        lossChart.chart.setId("lossChart");
        outputChart.chart.setId("outputChart");
        viewModel.metricsVersionProperty().addListener((obs, a, b) -> {
            lossChart.update(viewModel.history());
            outputChart.update(viewModel.history());
        });
        VBox formBox = buildForm();
        ScrollPane scroll = new ScrollPane(formBox);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("form-scroll");
        // The run controls stay in view however far the settings scroll.
        form = new BorderPane(scroll);
        form.setBottom(buildControls());
        form.setMinWidth(330);
        StackPane right = new StackPane(buildDashboard(), buildEmptyState());
        getItems().addAll(form, right);
        setDividerPositions(0.27);
        SplitPane.setResizableWithParent(form, false);
    }

    // ---- Form ----------------------------------------------------------------------------------------

    private VBox buildForm() {
        VBox box = new VBox(10);
        box.getStyleClass().add("run-form");
        box.setPadding(new Insets(16));

        Label heading = new Label("New training run");
        heading.getStyleClass().add("section-title");

        ComboBox<DatasetSpec.Kind> kind = new ComboBox<>(viewModel.dataKinds());
        kind.setId("dataKind");
        kind.setMaxWidth(Double.MAX_VALUE);
        kind.valueProperty().bindBidirectional(viewModel.dataKindProperty());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(DatasetSpec.Kind k) {
                return k == null ? "" : DataKinds.displayName(k);
            }

            @Override
            public DatasetSpec.Kind fromString(String s) {
                return null;
            }
        });
        kind.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(DatasetSpec.Kind k, boolean empty) {
                super.updateItem(k, empty);
                setText(empty || k == null ? null : DataKinds.displayName(k)
                        + (DataKinds.available(k) ? "" : " (not installed)"));
                setDisable(!empty && k != null && !DataKinds.available(k));
            }
        });
        Label kindHint = hint("");
        kindHint.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.dataKindProperty().get() == null ? "" : DataKinds.hint(viewModel.dataKindProperty().get()),
                viewModel.dataKindProperty()));

        TextField folder = new TextField();
        folder.setId("imageFolder");
        folder.setPromptText("Folder of training images");
        folder.textProperty().bindBidirectional(viewModel.imageFolderProperty());
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> chooseImageFolder());
        HBox folderRow = new HBox(6, folder, browse);
        BooleanBinding needsFolder = Bindings.createBooleanBinding(
                () -> viewModel.dataKindProperty().get() != null && DataKinds.needsFolder(viewModel.dataKindProperty().get()),
                viewModel.dataKindProperty());
        folderRow.visibleProperty().bind(needsFolder);
        folderRow.managedProperty().bind(needsFolder);

        GridPane grid = new GridPane();
        grid.getStyleClass().add("field-grid");
        grid.setHgap(10);
        grid.setVgap(2);
        int row = 0;
        ChoiceBox<Integer> size = new ChoiceBox<>();
        size.getItems().addAll(16, 32, 64);
        size.setId("imageSize");
        size.valueProperty().bindBidirectional(viewModel.imageSizeProperty());
        row = addRow(grid, row, "Image size", size, "Width and height in pixels; each doubling adds a layer to G and D.",
                null);
        ChoiceBox<Integer> channels = new ChoiceBox<>();
        channels.getItems().addAll(1, 3);
        channels.setId("channels");
        channels.valueProperty().bindBidirectional(viewModel.channelsProperty());
        row = addRow(grid, row, "Channels", channels, "1 for grayscale, 3 for colour (RGB).", null);
        ChoiceBox<LatentDistribution> latent = new ChoiceBox<>();
        latent.getItems().addAll(LatentDistribution.values());
        latent.setId("latent");
        latent.valueProperty().bindBidirectional(viewModel.latentProperty());
        row = addRow(grid, row, "z prior", latent, "What z is drawn from; the paper used uniform noise in [-1, 1].",
                null);
        for (HyperparameterField f : viewModel.fields()) {
            TextField text = new TextField();
            text.setId("field-" + f.key());
            text.setPrefColumnCount(8);
            text.textProperty().bindBidirectional(f.textProperty());
            row = addRow(grid, row, f.label(), text, f.explanation() + " Paper/default: " + f.paperValue() + ".", f);
        }

        Button defaults = new Button("Paper defaults");
        defaults.setId("paperDefaults");
        defaults.setTooltip(new Tooltip("Radford et al. 2015: nz 100, 64 filters, batch 128, Adam 2e-4, β1 0.5"));
        defaults.setOnAction(e -> viewModel.resetToPaperDefaults());

        box.getChildren().addAll(heading, section("Data"), kind, kindHint, folderRow, section("Model and training"),
                grid, defaults);
        return box;
    }

    private Node buildControls() {
        Button start = new Button("Start");
        start.setId("startButton");
        start.getStyleClass().add("accent");
        start.setDefaultButton(true);
        start.setOnAction(e -> viewModel.startNewRun());
        Button pause = new Button("Pause");
        pause.setId("pauseButton");
        pause.textProperty().bind(Bindings.when(viewModel.phaseProperty().isEqualTo(TrainViewModel.Phase.PAUSED))
                .then("Resume").otherwise("Pause"));
        pause.setOnAction(e -> viewModel.togglePause());
        Button stop = new Button("Stop");
        stop.setId("stopButton");
        stop.setOnAction(e -> viewModel.stop());
        Button resumeRun = new Button("Resume a run…");
        resumeRun.setId("resumeRunButton");
        resumeRun.setTooltip(new Tooltip("Continue a run folder from its newest checkpoint, up to Iterations steps."));
        resumeRun.setOnAction(e -> chooseRunToResume());

        start.disableProperty().bind(Bindings.createBooleanBinding(() -> !viewModel.canStart(), viewModel.phaseProperty()));
        resumeRun.disableProperty().bind(start.disableProperty());
        pause.disableProperty().bind(viewModel.phaseProperty().isNotEqualTo(TrainViewModel.Phase.TRAINING)
                .and(viewModel.phaseProperty().isNotEqualTo(TrainViewModel.Phase.PAUSED)));
        stop.disableProperty().bind(Bindings.createBooleanBinding(() -> !viewModel.isTrainingActive()
                || viewModel.phaseProperty().get() == TrainViewModel.Phase.STOPPING, viewModel.phaseProperty()));
        HBox controls = new HBox(8, start, pause, stop);
        controls.getStyleClass().add("controls");
        HBox more = new HBox(8, resumeRun, hint("Space pauses and resumes."));
        more.setAlignment(Pos.CENTER_LEFT);

        VBox box = new VBox(8, controls, more);
        box.getStyleClass().add("control-bar");
        box.setPadding(new Insets(12, 16, 12, 16));
        return box;
    }

    private int addRow(GridPane grid, int row, String label, Region editor, String explanation, HyperparameterField f) {
        Label name = new Label(label);
        name.getStyleClass().add("field-label");
        name.setLabelFor(editor);
        Tooltip tip = new Tooltip(explanation);
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        name.setTooltip(tip);
        if (editor instanceof javafx.scene.control.Control c) {
            c.setTooltip(tip);
        }
        grid.add(name, 0, row);
        grid.add(editor, 1, row);
        Label line = hint(explanation.contains(" Paper/default") ? explanation.substring(0, explanation.indexOf(" Paper/default"))
                : explanation);
        line.setWrapText(true);
        grid.add(line, 0, row + 1, 2, 1);
        if (f == null) {
            return row + 2;
        }
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setId("error-" + f.key());
        error.textProperty().bind(f.errorProperty());
        error.visibleProperty().bind(f.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setWrapText(true);
        grid.add(error, 0, row + 2, 2, 1);
        return row + 3;
    }

    private static Label section(String text) {
        Label l = new Label(text.toUpperCase(Locale.ROOT));
        l.getStyleClass().add("section");
        return l;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("hint");
        l.setWrapText(true);
        return l;
    }

    // ---- Dashboard -----------------------------------------------------------------------------------

    private Node buildDashboard() {
        Label title = new Label();
        title.getStyleClass().add("run-title");
        title.textProperty().bind(viewModel.runTitleProperty());
        Label folder = new Label();
        folder.getStyleClass().add("hint");
        folder.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.runFolderProperty().get() == null ? "" : viewModel.runFolderProperty().get().toString(),
                viewModel.runFolderProperty()));
        VBox heading = new VBox(2, title, folder);

        Node ips = bigNumber("images / s", viewModel.imagesPerSecondProperty(), "imagesPerSecond");
        Node eta = bigNumber("time left", viewModel.etaProperty(), "eta");
        Label stepValue = new Label();
        stepValue.setId("stepValue");
        stepValue.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%,d / %,d",
                viewModel.iterationProperty().get(), viewModel.totalIterationsProperty().get()),
                viewModel.iterationProperty(), viewModel.totalIterationsProperty()));
        Node step = bigNumber("step", stepValue);
        ProgressBar bar = new ProgressBar();
        bar.setId("progressBar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(Bindings.when(viewModel.phaseProperty().isEqualTo(TrainViewModel.Phase.PREPARING))
                .then(-1.0).otherwise(viewModel.progressProperty()));
        HBox numbers = new HBox(36, ips, eta, step);
        numbers.setAlignment(Pos.BOTTOM_LEFT);
        Label quality = new Label();
        quality.setId("qualityValue");
        quality.getStyleClass().add("hint");
        quality.textProperty().bind(viewModel.qualityProperty());
        quality.managedProperty().bind(viewModel.qualityProperty().isNotEmpty());
        quality.visibleProperty().bind(viewModel.qualityProperty().isNotEmpty());
        quality.setTooltip(new Tooltip("Fréchet distance between the quality classifier's features of generated "
                + "and training images (lower is better) and how many classes the samples cover; a rising "
                + "distance or falling coverage means collapse"));
        Label troubleText = new Label();
        troubleText.setId("troubleText");
        troubleText.setWrapText(true);
        troubleText.textProperty().bind(viewModel.troubleProperty());
        Button troubleStop = new Button("Stop training");
        troubleStop.setId("troubleStop");
        troubleStop.setOnAction(e -> viewModel.stop());
        troubleStop.disableProperty().bind(viewModel.phaseProperty().isNotEqualTo(TrainViewModel.Phase.TRAINING)
                .and(viewModel.phaseProperty().isNotEqualTo(TrainViewModel.Phase.PAUSED)));
        HBox trouble = new HBox(10, troubleText, troubleStop);
        trouble.setAlignment(Pos.CENTER_LEFT);
        trouble.getStyleClass().add("warning");
        trouble.setStyle("-fx-background-color: #fff3cd; -fx-padding: 6; -fx-text-fill: #664d03;");
        HBox.setHgrow(troubleText, Priority.ALWAYS);
        trouble.managedProperty().bind(viewModel.troubleProperty().isNotEmpty());
        trouble.visibleProperty().bind(viewModel.troubleProperty().isNotEmpty());
        VBox stats = new VBox(8, numbers, bar, quality, trouble);
        stats.getStyleClass().add("card");
        // The charts below grow to fill the window; without this the VBox squeezed the card to the numbers'
        // height and the progress bar vanished.
        bar.setMinHeight(12);
        stats.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        VBox charts = new VBox(8, lossChart.chart, outputChart.chart);
        VBox.setVgrow(lossChart.chart, Priority.ALWAYS);
        VBox.setVgrow(outputChart.chart, Priority.ALWAYS);
        charts.getStyleClass().add("card");
        HBox.setHgrow(charts, Priority.ALWAYS);

        gridCard = buildGridCard();
        HBox middle = new HBox(12, charts, gridCard);
        VBox.setVgrow(middle, Priority.ALWAYS);

        Button png = new Button("Save grid (PNG)");
        png.setId("exportPng");
        png.setOnAction(e -> saveImage(getScene().getWindow()));
        Button csv = new Button("Losses (CSV)");
        csv.setId("exportCsv");
        csv.setOnAction(e -> chooseFile("losses.csv", "CSV", "*.csv").ifPresent(viewModel::exportLossesCsv));
        Button gif = new Button("Evolution (GIF)");
        gif.setId("exportGif");
        gif.setOnAction(e -> chooseFile("evolution.gif", "GIF", "*.gif").ifPresent(viewModel::exportGif));
        Button curves = new Button("Curves (PNG)");
        curves.setId("exportCurves");
        curves.setTooltip(new Tooltip("The losses, D's outputs and the Fréchet distance over the steps, as "
                + "'dcgan plot' draws them"));
        curves.setOnAction(e -> chooseFile("curves.png", "PNG image", "*.png").ifPresent(viewModel::exportCurves));
        exports.getChildren().setAll(hint("Export:"), png, csv, curves, gif);
        exports.setAlignment(Pos.CENTER_LEFT);
        exports.getStyleClass().add(ActivityPane.DEVELOPER_ONLY);
        Label badge = new Label();
        badge.setId("trainBadge");
        badge.getStyleClass().add("state-badge");
        badge.textProperty().bind(viewModel.badgeProperty());
        badge.visibleProperty().bind(viewModel.badgeProperty().isNotEmpty());
        badge.managedProperty().bind(badge.visibleProperty());
        badge.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(12, heading, spacer(), badge, exports);
        top.setAlignment(Pos.CENTER_LEFT);

        VBox dashboard = new VBox(12, top, stats, middle);
        dashboard.getStyleClass().add("dashboard");
        dashboard.setPadding(new Insets(16));
        dashboard.setId("dashboard");
        dashboard.visibleProperty().bind(viewModel.phaseProperty().isNotEqualTo(TrainViewModel.Phase.EMPTY));
        return dashboard;
    }

    private VBox buildGridCard() {
        Label caption = new Label("Fixed-z samples");
        caption.getStyleClass().add("card-title");
        gridView.setId("sampleGrid");
        gridView.setSmooth(false);
        gridView.setPreserveRatio(true);
        StackPane frame = new StackPane(gridView);
        frame.getStyleClass().add("grid-frame");
        frame.setMinSize(200, 200);
        frame.setPrefSize(420, 420);
        VBox.setVgrow(frame, Priority.ALWAYS);
        gridFrame = frame;
        frame.widthProperty().addListener((o, a, b) -> fitGrid(frame));
        frame.heightProperty().addListener((o, a, b) -> fitGrid(frame));
        viewModel.displayedGridProperty().addListener((o, a, grid) -> {
            showGrid(grid);
            fitGrid(frame);
        });

        Slider scrubber = new Slider(0, 0, 0);
        scrubber.setId("scrubber");
        scrubber.setBlockIncrement(1);
        scrubber.setMajorTickUnit(1);
        scrubber.setMinorTickCount(0);
        scrubber.setSnapToTicks(true);
        scrubber.disableProperty().bind(Bindings.size(viewModel.samples()).lessThan(2));
        Label where = new Label();
        where.setId("gridCaption");
        where.getStyleClass().add("hint");
        boolean[] updating = {false};
        Runnable syncScrubber = () -> {
            updating[0] = true;
            scrubber.setMax(Math.max(0, viewModel.samples().size() - 1));
            if (viewModel.liveProperty().get()) {
                scrubber.setValue(scrubber.getMax());
            }
            updating[0] = false;
        };
        viewModel.samples().addListener((javafx.collections.ListChangeListener<Path>) c -> syncScrubber.run());
        viewModel.liveProperty().addListener((o, a, b) -> syncScrubber.run());
        scrubber.valueProperty().addListener((o, a, b) -> {
            if (!updating[0]) {
                viewModel.scrubTo((int) Math.round(b.doubleValue()));
            }
        });
        where.textProperty().bind(Bindings.createStringBinding(() -> {
            SampleGrid g = viewModel.displayedGridProperty().get();
            if (g == null) {
                return "No grid yet";
            }
            return "Step " + String.format(Locale.ROOT, "%,d", g.iteration())
                    + (viewModel.liveProperty().get() ? "  ·  live" : "  ·  history (drag right for live)");
        }, viewModel.displayedGridProperty(), viewModel.liveProperty()));
        VBox card = new VBox(8, caption, frame, scrubber, where);
        card.getStyleClass().add("card");
        card.setPrefWidth(NORMAL_GRID_CARD);
        card.setMinWidth(260);
        return card;
    }

    private void showGrid(SampleGrid grid) {
        if (grid == null) {
            // Forget the image too: the next grid must get a new one the view shows, not the detached old one.
            gridView.setImage(null);
            gridImage = null;
            return;
        }
        if (gridImage == null || (int) gridImage.getWidth() != grid.width()
                || (int) gridImage.getHeight() != grid.height()) {
            gridImage = new WritableImage(grid.width(), grid.height());
            gridView.setImage(gridImage);
        }
        gridImage.getPixelWriter().setPixels(0, 0, grid.width(), grid.height(), PixelFormat.getIntArgbInstance(),
                grid.argb(), 0, grid.width());
    }

    /**
     * Integer zoom when there is room for it, so every generated pixel is the same size on screen; in
     * presentation mode the grid fills its card instead, since a room sees it from afar.
     */
    private void fitGrid(Region frame) {
        if (gridImage == null) {
            return;
        }
        double w = gridImage.getWidth();
        double h = gridImage.getHeight();
        double fit = Math.min((frame.getWidth() - 16) / w, (frame.getHeight() - 16) / h);
        double scale = fit >= 1 && !presenting ? Math.floor(fit) : Math.max(0.1, fit);
        gridView.setFitWidth(w * scale);
        gridView.setFitHeight(h * scale);
    }

    private static Node bigNumber(String caption, javafx.beans.value.ObservableStringValue value, String id) {
        Label v = new Label();
        v.setId(id);
        v.textProperty().bind(value);
        return bigNumber(caption, v);
    }

    private static Node bigNumber(String caption, Label value) {
        value.getStyleClass().add("big-number");
        Label c = new Label(caption);
        c.getStyleClass().add("big-caption");
        return new VBox(0, value, c);
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    // ---- Empty state ---------------------------------------------------------------------------------

    private Node buildEmptyState() {
        Label title = new Label("No model yet");
        title.getStyleClass().add("empty-title");
        Label text = new Label("Train a DCGAN (Radford, Metz and Chintala 2015) and watch the generator learn: "
                + "losses, discriminator outputs and a grid of samples from fixed noise, live. Or open a run folder "
                + "written by the command line, even while it is still training.");
        text.setWrapText(true);
        text.getStyleClass().add("empty-text");
        text.setMaxWidth(560);
        VBox buttons = new VBox(10);
        buttons.setAlignment(Pos.CENTER);
        for (DatasetSpec.Kind k : DataKinds.all()) {
            if (!DataKinds.available(k)) {
                continue;
            }
            Button b = new Button(DataKinds.needsFolder(k) ? "Train on an image folder…"
                    : "Train on " + DataKinds.displayName(k).replace(" (installed)", "") + " (32×32)");
            b.getStyleClass().add(DataKinds.needsFolder(k) ? "wide" : "accent-wide");
            b.setId("emptyTrain-" + k.name());
            b.setOnAction(e -> quickStart(k));
            buttons.getChildren().add(b);
        }
        Button open = new Button("Open a run folder…");
        open.getStyleClass().add("wide");
        open.setId("emptyOpenRun");
        open.setOnAction(e -> openRunDialog(getScene().getWindow()));
        buttons.getChildren().add(open);
        Label note = new Label("Settings for a new run are on the left; hover a name for what it does.");
        note.getStyleClass().add("hint");
        VBox box = new VBox(16, title, text, buttons, note);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("empty-state");
        box.setId("emptyState");
        box.visibleProperty().bind(viewModel.phaseProperty().isEqualTo(TrainViewModel.Phase.EMPTY));
        return box;
    }

    private void quickStart(DatasetSpec.Kind kind) {
        viewModel.dataKindProperty().set(kind);
        if (DataKinds.needsFolder(kind) && !chooseImageFolder()) {
            return;
        }
        viewModel.imageSizeProperty().set(32);
        viewModel.channelsProperty().set(DataKinds.needsFolder(kind) ? 3 : 1);
        viewModel.startNewRun();
    }

    // ---- Choosers ------------------------------------------------------------------------------------

    private boolean chooseImageFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder of training images");
        String current = viewModel.imageFolderProperty().get();
        if (current != null && !current.isBlank() && new File(current).isDirectory()) {
            chooser.setInitialDirectory(new File(current));
        }
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir == null) {
            return false;
        }
        viewModel.imageFolderProperty().set(dir.getAbsolutePath());
        return true;
    }

    private void chooseRunToResume() {
        File dir = runChooser("Resume a run folder").showDialog(getScene().getWindow());
        if (dir != null) {
            viewModel.resumeRun(dir.toPath());
        }
    }

    /** Ctrl+O: choose a run folder and follow it. */
    public void openRunDialog(Window owner) {
        File dir = runChooser("Open a run folder").showDialog(owner);
        if (dir != null) {
            lastChosenFolder = dir.toPath().getParent();
            viewModel.openRun(dir.toPath());
        }
    }

    private DirectoryChooser runChooser(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        Path start = lastChosenFolder != null ? lastChosenFolder
                : viewModel.runFolderProperty().get() != null ? viewModel.runFolderProperty().get().getParent() : null;
        if (start != null && start.toFile().isDirectory()) {
            chooser.setInitialDirectory(start.toFile());
        }
        return chooser;
    }

    private java.util.Optional<Path> chooseFile(String name, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(viewModel.runTitleProperty().get().isEmpty() ? name
                : viewModel.runTitleProperty().get() + "-" + name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = chooser.showSaveDialog(getScene().getWindow());
        return f == null ? java.util.Optional.empty() : java.util.Optional.of(f.toPath());
    }

    /** Ctrl+N: back to the form with its fields ready for a new run (the window leaves presentation mode first). */
    public void focusNewRun() {
        lookup("#field-nz").requestFocus();
    }

    public TrainViewModel viewModel() {
        return viewModel;
    }

    // ---- ActivityPane --------------------------------------------------------------------------------

    @Override
    public String title() {
        return "Train";
    }

    @Override
    public String icon() {
        return "▶";
    }

    @Override
    public Node node() {
        return this;
    }

    @Override
    public boolean saveImage(Window owner) {
        if (viewModel.displayedGridProperty().get() == null) {
            return false;
        }
        chooseFile("grid.png", "PNG image", "*.png").ifPresent(viewModel::exportGrid);
        return true;
    }

    @Override
    public List<Shortcut> shortcuts() {
        return List.of(Shortcut.when("Space", "Pause or resume training", e -> {
            viewModel.togglePause();
            return viewModel.isTrainingActive();
        }, new KeyCodeCombination(KeyCode.SPACE)));
    }

    /** Presentation mode: the settings form goes, so the dashboard (and its sample grid) fills the screen. */
    @Override
    public void setPresentation(boolean on) {
        presenting = on;
        // The grid card becomes as wide as the row is high (a square grid as large as the charts let it be),
        // the charts take the rest of the width and keep a readable least height, and the grid fills its
        // card rather than staying 1:1.
        if (on) {
            gridCard.prefWidthProperty().bind(((Region) gridCard.getParent()).heightProperty());
        } else {
            gridCard.prefWidthProperty().unbind();
            gridCard.setPrefWidth(NORMAL_GRID_CARD);
        }
        lossChart.chart.setMinHeight(on ? PRESENTATION_CHART_HEIGHT : NORMAL_CHART_HEIGHT);
        outputChart.chart.setMinHeight(on ? PRESENTATION_CHART_HEIGHT : NORMAL_CHART_HEIGHT);
        fitGrid(gridFrame);
        if (on && getItems().contains(form)) {
            dividers = getDividerPositions();
            getItems().remove(form);
        } else if (!on && !getItems().contains(form)) {
            getItems().add(0, form);
            setDividerPositions(dividers);
        }
    }

    @Override
    public void dispose() {
        viewModel.close();
    }

    /**
     * Feeds a LineChart from {@link MetricsHistory}: appends new points while the history only grows and
     * redraws everything after the history merged old points, so a long run costs a bounded number of nodes.
     */
    private static final class ChartFeed {
        private final LineChart<Number, Number> chart;
        private final int[] columns;
        private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        private int generation = -1;

        ChartFeed(String title, String yLabel, boolean probability, int[] columns, String[] names) {
            this.columns = columns;
            NumberAxis x = new NumberAxis();
            x.setLabel("step");
            x.setForceZeroInRange(false);
            NumberAxis y = probability ? new NumberAxis(0, 1, 0.25) : new NumberAxis();
            y.setLabel(yLabel);
            if (!probability) {
                y.setForceZeroInRange(true);
            }
            chart = new LineChart<>(x, y);
            chart.setTitle(title);
            chart.setAnimated(false);
            chart.setCreateSymbols(false);
            chart.setMinHeight(NORMAL_CHART_HEIGHT);
            for (String name : names) {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName(name);
                series.add(s);
                chart.getData().add(s);
            }
        }

        void update(MetricsHistory history) {
            for (int k = 0; k < columns.length; k++) {
                XYChart.Series<Number, Number> s = series.get(k);
                int column = columns[k];
                int shown = s.getData().size();
                if (history.generation() != generation || shown > history.size()) {
                    List<XYChart.Data<Number, Number>> all = new ArrayList<>(history.size());
                    for (int i = 0; i < history.size(); i++) {
                        all.add(new XYChart.Data<>(history.value(i, MetricsHistory.ITERATION), history.value(i, column)));
                    }
                    s.getData().setAll(all);
                    continue;
                }
                if (shown > 0) {
                    // The newest point may have absorbed rows since it was drawn.
                    XYChart.Data<Number, Number> last = s.getData().get(shown - 1);
                    last.setXValue(history.value(shown - 1, MetricsHistory.ITERATION));
                    last.setYValue(history.value(shown - 1, column));
                }
                if (shown < history.size()) {
                    List<XYChart.Data<Number, Number>> added = new ArrayList<>();
                    for (int i = shown; i < history.size(); i++) {
                        added.add(new XYChart.Data<>(history.value(i, MetricsHistory.ITERATION), history.value(i, column)));
                    }
                    s.getData().addAll(added);
                }
            }
            generation = history.generation();
        }

        int points() {
            return series.get(0).getData().size();
        }
    }

    /** Points in the loss chart's D series (for tests and the benchmark). */
    public int plottedPoints() {
        return lossChart.points();
    }
}
