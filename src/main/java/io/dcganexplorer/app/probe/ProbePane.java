package io.dcganexplorer.app.probe;

import io.dcganexplorer.app.common.ActivityPane;
import io.dcganexplorer.app.common.Wrap;
import io.dcganexplorer.app.model.ModelChoice;
import io.dcganexplorer.app.model.ModelChooser;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.model.ModelBar;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.render.FrameView;
import io.dcganexplorer.core.probe.ProbeExperiment;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.converter.IntegerStringConverter;

/**
 * The Probe activity: the linear-probe table of the DCGAN paper (Radford, Metz and Chintala 2015, section
 * 5.1) for the current model, with editable caps, Run/Cancel and progress; the confusion matrix of the
 * selected row as a heat map; and for {@value ProbeViewModel#SAMPLES} generated samples their
 * {@value ProbeViewModel#NEIGHBOURS} nearest training images in pixel and D-feature space (is it copying?).
 * The view talks only to its {@link ProbeViewModel}.
 */
public final class ProbePane extends BorderPane implements ActivityPane {

    private static final double THUMB = 44;

    private final ProbeViewModel viewModel;
    private final GridPane confusion = new GridPane();
    private final Label confusionTitle = new Label("Confusion matrix");
    private final VBox neighbourRows = new VBox(6);
    private final VBox unitRows = new VBox(4);

    /** Builds the pane on its view model. */
    /** Kept in a field: a binding only the status bar holds could be collected. */
    private final ObservableStringValue activity;

    public ProbePane(ProbeViewModel viewModel) {
        this.viewModel = viewModel;
        this.activity = viewModel.activityProperty();
        getStyleClass().add("probe-pane");
        getStylesheets().add(Objects.requireNonNull(ProbePane.class.getResource("probe.css")).toExternalForm());
        setTop(new VBox(buildModelBar(), buildRunBar()));

        Label unsupported = new Label();
        unsupported.setId("probeUnsupported");
        unsupported.getStyleClass().add("probe-unsupported");
        unsupported.setWrapText(true);
        unsupported.setMaxWidth(560);
        unsupported.textProperty().bind(viewModel.unsupportedProperty());
        unsupported.visibleProperty().bind(viewModel.unsupportedProperty().isNotEmpty());

        Label fewCaption = new Label();
        fewCaption.getStyleClass().add("caption");
        fewCaption.setWrapText(true);
        fewCaption.textProperty().bind(Bindings.createStringBinding(() -> {
            ProbeExperiment.Result r = viewModel.resultProperty().get();
            return r == null ? "A linear SVM on each feature set; C picked on a validation split."
                    : String.format(Locale.ROOT, "Linear SVM fitted on %,d labelled training images, scored on %,d "
                    + "test images; few labels: %d per class, mean ± std over %d draws. Chance: %.0f%%.",
                    r.trainImages(), r.testImages(), r.labelsPerClass(), r.draws(), 100.0 / r.classNames().size());
        }, viewModel.resultProperty()));
        Label gapNote = new Label();
        gapNote.setId("probeGapNote");
        gapNote.getStyleClass().add("caption");
        gapNote.setWrapText(true);
        gapNote.textProperty().bind(viewModel.gapNoteProperty());
        VBox left = new VBox(8, section("Linear probe: test accuracy"), buildTable(), fewCaption, gapNote,
                confusionTitle, confusion);
        confusionTitle.getStyleClass().add("section-title");
        confusionTitle.setWrapText(true);
        confusion.setId("probeConfusion");
        confusion.getStyleClass().add("probe-confusion");
        left.setPrefWidth(580);
        left.setMinWidth(480);
        unitRows.setId("probeUnits");
        VBox right = new VBox(8, section("Nearest training images of generated samples"), caption(), neighbourRows,
                section("What D's units respond to"), unitsCaption(), unitRows);
        ScrollPane rightScroll = new ScrollPane(right);
        rightScroll.setFitToWidth(true);
        HBox.setHgrow(rightScroll, Priority.ALWAYS);
        HBox columns = new HBox(12, left, rightScroll);
        columns.setPadding(new Insets(12));
        columns.visibleProperty().bind(viewModel.unsupportedProperty().isEmpty());
        StackPane center = new StackPane(columns, unsupported);
        setCenter(center);

        viewModel.selectedRowProperty().addListener((o, a, b) -> showConfusion());
        viewModel.neighbours().addListener((ListChangeListener<ProbeViewModel.NeighbourRow>) c -> showNeighbours());
        viewModel.units().addListener((ListChangeListener<ProbeViewModel.UnitRow>) c -> showUnits());
        showConfusion();
    }

    @Override
    public ObservableStringValue activity() {
        return activity;
    }

    // ---- bars ------------------------------------------------------------------------------------------

    private Node buildModelBar() {
        ModelBar bar = new ModelBar(viewModel.currentModel(), "probe");
        bar.getStyleClass().add("probe-toolbar");
        return bar;
    }

    private Node buildRunBar() {
        TextField train = intField("probeTrainCap", viewModel.trainCapProperty(),
                "Training images the probe fits on (and the neighbours are searched among); 0 = all 60,000");
        TextField test = intField("probeTestCap", viewModel.testCapProperty(), "Test images scored; 0 = all 10,000");
        TextField draws = intField("probeDraws", viewModel.drawsProperty(),
                "Few-label draws to average; 0 = skip");
        TextField perClass = intField("probeLabelsPerClass", viewModel.labelsPerClassProperty(),
                "Labels per class in the few-label setting (the capped training set must hold this many of each)");
        TextField grid = new TextField();
        grid.setId("probeCGrid");
        grid.setPrefColumnCount(8);
        grid.setMinWidth(Region.USE_PREF_SIZE);
        grid.textProperty().bindBidirectional(viewModel.cGridProperty());
        grid.setTooltip(new Tooltip("The SVM's C values, chosen on a validation split, e.g. 1e-4, 1e-3, 1e-2"));
        Button run = new Button("Run");
        run.setId("probeRun");
        run.setDefaultButton(true);
        run.setOnAction(e -> viewModel.run());
        run.disableProperty().bind(viewModel.runningProperty().or(viewModel.modelProperty().isNull())
                .or(viewModel.unsupportedProperty().isNotEmpty()));
        Button cancel = new Button("Cancel");
        cancel.setId("probeCancel");
        cancel.setOnAction(e -> viewModel.cancel());
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        for (TextField f : List.of(train, test, draws, perClass, grid)) {
            f.disableProperty().bind(viewModel.runningProperty());
        }
        ProgressBar bar = new ProgressBar();
        bar.setId("probeProgress");
        bar.setPrefWidth(200);
        bar.progressProperty().bind(viewModel.progressProperty());
        Label message = new Label();
        message.setId("probeMessage");
        message.getStyleClass().add("muted");
        message.textProperty().bind(viewModel.messageProperty());
        // On its own line under the controls, wrapped: a long message is read whole, not cut.
        message.setWrapText(true);
        FlowPane controls = Wrap.row(8, label("Train cap"), train, label("Test cap"), test, label("Draws"), draws,
                label("Labels / class"), perClass, label("C grid"), grid, run, cancel, bar);
        VBox row = new VBox(6, controls, message);
        row.getStyleClass().add("probe-toolbar");
        return row;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static TextField intField(String id, IntegerProperty property, String tip) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(4);
        field.setMinWidth(Region.USE_PREF_SIZE);
        TextFormatter<Integer> format = new TextFormatter<>(new IntegerStringConverter(), property.get(),
                c -> c.getControlNewText().matches("\\d{0,7}") ? c : null);
        field.setTextFormatter(format);
        format.valueProperty().addListener((o, a, v) -> property.set(v == null ? 0 : v));
        property.addListener((o, a, v) -> format.setValue(v.intValue()));
        field.setTooltip(new Tooltip(tip));
        return field;
    }

    // ---- table and confusion ---------------------------------------------------------------------------

    private Node buildTable() {
        TableView<ProbeExperiment.Row> table = new TableView<>(viewModel.rows());
        table.setId("probeTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Run the probe to fill the table."));
        table.getColumns().add(column("features", r -> r.features().label()));
        table.getColumns().get(0).setPrefWidth(120);
        table.getColumns().add(column("dims", r -> String.format(Locale.ROOT, "%,d", r.dimensions())));
        table.getColumns().add(column("all labels", r -> String.format(Locale.ROOT, "%.2f%%",
                100 * r.allLabels().accuracy())));
        table.getColumns().add(column("C", r -> String.format(Locale.ROOT, "%.0e", r.allLabels().chosenC())));
        TableColumn<ProbeExperiment.Row, String> few = column("few labels", r -> r.fewLabelAccuracies().length == 0
                ? "-" : r.fewLabelAccuracies().length == 1
                ? String.format(Locale.ROOT, "%.2f%%", 100 * r.fewLabelMean())
                : String.format(Locale.ROOT, "%.2f%% ± %.2f", 100 * r.fewLabelMean(), 100 * r.fewLabelStd()));
        table.getColumns().add(few);
        few.setPrefWidth(130);
        table.getColumns().add(column("time", r -> String.format(Locale.ROOT, "%.0f s", r.seconds())));
        table.getColumns().get(2).setPrefWidth(90);
        table.setFixedCellSize(26);
        table.setPrefHeight(26 * 5 + 4);
        table.setMinHeight(26 * 5 + 4);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                viewModel.selectedRowProperty().set(row);
            }
        });
        viewModel.selectedRowProperty().addListener((o, a, row) -> {
            if (row != null && table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
            }
        });
        return table;
    }

    private static TableColumn<ProbeExperiment.Row, String> column(String title,
                                                                   java.util.function.Function<ProbeExperiment.Row, String> value) {
        TableColumn<ProbeExperiment.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    private void showConfusion() {
        confusion.getChildren().clear();
        int[][] m = viewModel.confusion();
        ProbeExperiment.Row row = viewModel.selectedRowProperty().get();
        if (m == null || row == null) {
            confusionTitle.setText("Confusion matrix (after a run; pick a row of the table)");
            return;
        }
        confusionTitle.setText("Confusion matrix, " + row.features().label() + " (rows: true class, columns: predicted)");
        List<String> names = viewModel.classNames();
        int n = m.length;
        for (int j = 0; j < n; j++) {
            Label head = new Label(name(names, j));
            head.getStyleClass().add("confusion-head");
            head.setTooltip(new Tooltip("predicted " + name(names, j)));
            // Turned upright, as in printed confusion matrices: a name never has to fit a cell's width.
            head.setRotate(-90);
            head.setId("probeConfusionHead-" + j);
            Group upright = new Group(head);
            GridPane.setHalignment(upright, HPos.CENTER);
            GridPane.setValignment(upright, VPos.BOTTOM);
            confusion.add(upright, j + 1, 0);
        }
        for (int i = 0; i < n; i++) {
            Label head = new Label(name(names, i));
            head.getStyleClass().add("confusion-head");
            confusion.add(head, 0, i + 1);
            int total = 0;
            for (int v : m[i]) {
                total += v;
            }
            for (int j = 0; j < n; j++) {
                double share = total == 0 ? 0 : (double) m[i][j] / total;
                Label cell = new Label(Integer.toString(m[i][j]));
                cell.getStyleClass().add("confusion-cell");
                cell.setId("probeConfusion-" + i + "-" + j);
                cell.setStyle(cellStyle(share, i == j));
                cell.setTooltip(new Tooltip(String.format(Locale.ROOT, "true %s, predicted %s: %d (%.0f%% of the row)",
                        name(names, i), name(names, j), m[i][j], 100 * share)));
                confusion.add(cell, j + 1, i + 1);
            }
        }
    }

    /** Blue for the diagonal, red off it, stronger for a larger share of the row. */
    static String cellStyle(double share, boolean diagonal) {
        double a = Math.min(1, Math.max(0, share));
        String rgb = diagonal ? "37,99,235" : "220,38,38";
        String text = a > 0.5 ? "white" : "#1d2433";
        return String.format(Locale.ROOT, "-fx-background-color: rgba(%s,%.3f); -fx-text-fill: %s;", rgb,
                0.06 + 0.94 * a, text);
    }

    private static String name(List<String> names, int i) {
        return i < names.size() ? names.get(i) : Integer.toString(i);
    }

    // ---- neighbours ------------------------------------------------------------------------------------

    private static Node section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static Node caption() {
        Label l = new Label("Each row: a generated sample, then its " + ProbeViewModel.NEIGHBOURS
                + " closest training images in pixel space and in D-feature space (Euclidean distance below). "
                + "Neighbours that resemble the sample but are not copies of it mean the model is not memorising.");
        l.getStyleClass().add("caption");
        l.setWrapText(true);
        return l;
    }

    private void showNeighbours() {
        neighbourRows.getChildren().clear();
        int index = 0;
        for (ProbeViewModel.NeighbourRow r : viewModel.neighbours()) {
            HBox row = new HBox(4);
            row.setId("probeNeighbours-" + index++);
            row.getStyleClass().add("neighbour-row");
            row.setAlignment(Pos.CENTER_LEFT);
            row.getChildren().add(tile(r.sample(), "sample", "sample-tile"));
            row.getChildren().add(spaceLabel("pixels"));
            for (int k = 0; k < r.pixel().size(); k++) {
                row.getChildren().add(tile(r.pixel().get(k), String.format(Locale.ROOT, "%.1f", r.pixelDistances().get(k)),
                        "neighbour-tile"));
            }
            row.getChildren().add(spaceLabel("D features"));
            for (int k = 0; k < r.feature().size(); k++) {
                row.getChildren().add(tile(r.feature().get(k),
                        String.format(Locale.ROOT, "%.1f", r.featureDistances().get(k)), "neighbour-tile"));
            }
            neighbourRows.getChildren().add(row);
        }
    }

    private static Node unitsCaption() {
        Label l = new Label("The paper's figure 5: for the first " + ProbeViewModel.UNITS + " units of D's last "
                + "convolutional block, the " + ProbeViewModel.UNIT_TOP + " test images each responds to most, then "
                + "their guided-backpropagation maps (which pixels drive the unit; gray = 0), trained D above a "
                + "random-init D of the same shape.");
        l.getStyleClass().add("caption");
        l.setWrapText(true);
        return l;
    }

    private void showUnits() {
        unitRows.getChildren().clear();
        for (ProbeViewModel.UnitRow r : viewModel.units()) {
            HBox row = new HBox(4);
            row.setId("probeUnit-" + r.network().replace(' ', '-') + "-" + r.unit());
            row.getStyleClass().add("neighbour-row");
            row.setAlignment(Pos.CENTER_LEFT);
            row.getChildren().add(spaceLabel(r.network() + ", unit " + r.unit()));
            for (var image : r.images()) {
                row.getChildren().add(tile(image, "", "neighbour-tile"));
            }
            row.getChildren().add(spaceLabel("maps"));
            for (var map : r.maps()) {
                row.getChildren().add(tile(map, "", "neighbour-tile"));
            }
            unitRows.getChildren().add(row);
        }
    }

    private static Node spaceLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("space-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Node tile(Frame frame, String text, String style) {
        FrameView view = new FrameView(THUMB);
        view.show(frame);
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        VBox box = new VBox(1, view, l);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add(style);
        return box;
    }

    // ---- activity --------------------------------------------------------------------------------------

    /** The pane's view model. */
    public ProbeViewModel viewModel() {
        return viewModel;
    }

    @Override
    public String title() {
        return "Probe";
    }

    @Override
    public String icon() {
        // A bullseye: DejaVu Sans, the app's font, has no U+2316 (position indicator) and drew a box.
        return "\u25CE";
    }

    @Override
    public Node node() {
        return this;
    }

    @Override
    public void dispose() {
        viewModel.cancel();
    }
}
