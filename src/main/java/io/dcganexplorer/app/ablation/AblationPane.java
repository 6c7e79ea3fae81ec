package io.dcganexplorer.app.ablation;

import io.dcganexplorer.app.common.Wrap;
import io.dcganexplorer.app.common.SeedField;
import io.dcganexplorer.app.common.ActivityPane;
import io.dcganexplorer.app.model.ModelBar;
import io.dcganexplorer.app.common.Shortcut;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.render.FrameView;
import io.dcganexplorer.core.ablation.LayerActivations.FeatureLayer;
import io.dcganexplorer.core.ablation.WindowAnnotations;
import io.dcganexplorer.data.procedural.PixelBox;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The Ablate activity (the DCGAN paper's figure 6, Radford, Metz and Chintala 2015): a grid of samples,
 * one shown large to draw window boxes on by dragging, the feature maps of a layer with the probe's
 * weights (tick a map to switch it off; click it for its heat map), a threshold, and before/after pairs on
 * the same z when "Ablate" is on. The view talks only to its {@link AblationViewModel}.
 */
public final class AblationPane extends BorderPane implements ActivityPane {

    static final double THUMB = 56;
    /** Before and after are both drawn this large, side by side (two fit a 1024-wide window). */
    static final double EDITOR = 240;
    static final double SMALL = 136;
    /** A change of this many levels (0-255, mean over RGB) or more is white in the difference view. */
    private static final double DIFFERENCE_SCALE = 96;
    private static final int COLUMNS = 4;

    private final AblationViewModel viewModel;
    private final TilePane grid = new TilePane();
    private final FrameView editorView = new FrameView(EDITOR);
    private final Pane editorBoxes = new Pane();
    private final Rectangle dragBox = new Rectangle();
    private final FrameView afterView = new FrameView(EDITOR);
    private final FrameView differenceView = new FrameView(SMALL);
    private final FrameView heatView = new FrameView(SMALL);
    private final ListView<FeatureMap> mapList = new ListView<>();
    private double dragX;
    private double dragY;

    public AblationPane(AblationViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("ablation-pane");
        getStylesheets().add(Objects.requireNonNull(AblationPane.class.getResource("ablation.css")).toExternalForm());
        setTop(new VBox(new ModelBar(viewModel.currentModel(), "ablation"), buildToolbar()));
        HBox columns = new HBox(12, buildGridColumn(), buildEditorColumn(), buildMapColumn());
        columns.setPadding(new Insets(12));
        HBox.setHgrow(columns.getChildren().get(2), Priority.ALWAYS);
        // Below the columns' least width (a 1024-wide window at presentation type) scroll rather than cut.
        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("ablation-scroll");
        StackPane center = new StackPane(scroll, buildEmptyState());
        setCenter(center);
        Label message = new Label();
        message.setId("ablationMessage");
        message.getStyleClass().add("ablation-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        setBottom(message);

        viewModel.before().addListener((javafx.collections.ListChangeListener<Frame>) c -> refreshImages());
        viewModel.after().addListener((javafx.collections.ListChangeListener<Frame>) c -> refreshImages());
        viewModel.annotationsProperty().addListener((o, a, b) -> refreshImages());
        viewModel.currentProperty().addListener((o, a, b) -> refreshImages());
        viewModel.heatMapProperty().addListener((o, a, frame) -> heatView.show(frame));
    }

    // ---- toolbar ---------------------------------------------------------------------------------------

    private Node buildToolbar() {
        SeedField seed = new SeedField(viewModel.seedProperty(), "ablationSeed");
        ComboBox<FeatureLayer> layer = new ComboBox<>(viewModel.layers());
        layer.setId("ablationLayer");
        layer.setConverter(new StringConverter<>() {
            @Override
            public String toString(FeatureLayer l) {
                return l == null ? "" : l.describe();
            }

            @Override
            public FeatureLayer fromString(String s) {
                return null;
            }
        });
        layer.valueProperty().bindBidirectional(viewModel.layerProperty());
        layer.setTooltip(new Tooltip("The layer whose feature maps are probed and switched off; the paper used the "
                + "second-highest convolutional layer (the default)"));
        Button auto = button("Auto-annotate", "ablationAuto", "Boxes from the window detector on the seed's first "
                + AblationViewModel.AUTO_SAMPLES + " samples", viewModel::autoAnnotate);
        Button fit = button("Fit", "ablationFit", "Logistic regression: which maps are high inside the boxes",
                viewModel::fit);
        Button undo = button("Undo", "ablationUndo", "Take back the last box (Ctrl+Z)", viewModel::undo);
        Button clear = button("Clear", "ablationClear", "Remove every box (undo brings them back)", viewModel::clear);
        Button save = button("Save…", "ablationSave", "Save the boxes as JSON (for the CLI's ablate --annotations)",
                this::saveAnnotations);
        Button load = button("Load…", "ablationLoad", "Load boxes saved before", this::loadAnnotations);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(viewModel.busyProperty());
        FlowPane bar = Wrap.row(8, new Label("Seed"), seed, new Label("Layer"), layer, auto, fit, undo, clear, save,
                load, busy);
        bar.getStyleClass().add("ablation-toolbar");
        return bar;
    }

    private Node buildEmptyState() {
        Label text = new Label("No model yet. Train one in the Train tab, or choose or open one with the toolbar's "
                + "Model list.");
        text.setWrapText(true);
        text.setMaxWidth(420);
        VBox box = new VBox(text);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("ablation-empty");
        box.visibleProperty().bind(viewModel.readyProperty().not());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    // ---- grid ------------------------------------------------------------------------------------------

    private Node buildGridColumn() {
        Label title = new Label("Samples: click one to draw on it");
        title.getStyleClass().add("section-title");
        Wrap.wrapWhole(title);
        Label caption = new Label();
        caption.getStyleClass().add("caption");
        Wrap.wrapWhole(caption);
        caption.textProperty().bind(Bindings.createStringBinding(() -> viewModel.ablateProperty().get()
                ? "Each sample, then the same z with the ticked maps off" : "Tick maps and press Ablate for after images",
                viewModel.ablateProperty()));
        grid.setId("ablationGrid");
        grid.setPrefColumns(COLUMNS);
        grid.setHgap(8);
        grid.setVgap(8);
        grid.getStyleClass().add("ablation-grid");
        Label summary = new Label();
        summary.setId("ablationSummary");
        summary.getStyleClass().add("caption");
        Wrap.wrapWhole(summary);
        summary.textProperty().bind(Bindings.createStringBinding(() -> {
            WindowAnnotations a = viewModel.annotationsProperty().get();
            return a == null ? "" : a.boxCount() + " window boxes on " + a.samplesWithBoxes() + " samples of seed "
                    + a.seed() + " (" + a.samples().size() + " looked at); the paper drew 52 boxes on 150 samples.";
        }, viewModel.annotationsProperty()));
        VBox column = new VBox(8, title, caption, grid, summary);
        // Two tiles a row at the least, four when there is room.
        column.setMinWidth(2 * (2 * THUMB + 12) + 8);
        column.setPrefWidth(COLUMNS * (2 * THUMB + 12) + 8);
        return column;
    }

    /** Rebuilds the tiles' pictures; views are reused, boxes redrawn. */
    private void refreshImages() {
        List<Frame> before = viewModel.before();
        List<Frame> after = viewModel.after();
        WindowAnnotations annotations = viewModel.annotationsProperty().get();
        while (grid.getChildren().size() > before.size()) {
            grid.getChildren().remove(grid.getChildren().size() - 1);
        }
        while (grid.getChildren().size() < before.size()) {
            grid.getChildren().add(new Tile(grid.getChildren().size()));
        }
        for (int i = 0; i < before.size(); i++) {
            Tile t = (Tile) grid.getChildren().get(i);
            t.show(before.get(i), i < after.size() ? after.get(i) : null,
                    annotations == null ? List.of() : annotations.boxes(i), annotations == null ? 1 : annotations.imageSize(),
                    i == viewModel.currentProperty().get());
        }
        int current = viewModel.currentProperty().get();
        editorView.show(current < before.size() ? before.get(current) : null);
        afterView.show(current < after.size() ? after.get(current) : null);
        differenceView.show(current < after.size() && current < before.size()
                ? HeatMaps.difference(before.get(current), after.get(current), DIFFERENCE_SCALE) : null);
        drawBoxes(editorBoxes, annotations == null ? List.of() : annotations.boxes(current),
                annotations == null ? 1 : EDITOR / annotations.imageSize());
        editorBoxes.getChildren().add(dragBox);
    }

    /** One grid cell: the sample with its boxes and, when ablating, the after image beside it. */
    private final class Tile extends HBox {
        private final FrameView beforeView = new FrameView(THUMB);
        private final FrameView afterThumb = new FrameView(THUMB);
        private final Pane boxes = new Pane();

        Tile(int index) {
            super(2);
            setId("ablationTile-" + index);
            afterThumb.setId("ablationAfter-" + index);
            boxes.setMouseTransparent(true);
            boxes.setMaxSize(THUMB, THUMB);
            StackPane sample = new StackPane(beforeView, boxes);
            sample.setAlignment(Pos.TOP_LEFT);
            getChildren().addAll(sample, afterThumb);
            getStyleClass().add("ablation-tile");
            setOnMouseClicked(e -> viewModel.currentProperty().set(index));
        }

        void show(Frame before, Frame after, List<PixelBox> boxList, int imageSize, boolean selected) {
            beforeView.show(before);
            afterThumb.show(after);
            afterThumb.setVisible(after != null);
            afterThumb.setManaged(after != null);
            drawBoxes(boxes, boxList, THUMB / imageSize);
            if (selected) {
                if (!getStyleClass().contains("selected")) {
                    getStyleClass().add("selected");
                }
            } else {
                getStyleClass().remove("selected");
            }
        }
    }

    private static void drawBoxes(Pane pane, List<PixelBox> boxes, double scale) {
        pane.getChildren().clear();
        for (PixelBox b : boxes) {
            Rectangle r = new Rectangle(b.x() * scale, b.y() * scale, b.width() * scale, b.height() * scale);
            r.getStyleClass().add("window-box");
            pane.getChildren().add(r);
        }
    }

    // ---- editor ----------------------------------------------------------------------------------------

    private Node buildEditorColumn() {
        Label title = new Label("Before: G(z). Drag to draw window boxes");
        title.getStyleClass().add("section-title");
        Wrap.wrapWhole(title);
        title.setMaxWidth(EDITOR);
        editorBoxes.setId("ablationEditor");
        editorBoxes.setPrefSize(EDITOR, EDITOR);
        editorBoxes.setMaxSize(EDITOR, EDITOR);
        editorBoxes.getStyleClass().add("ablation-editor");
        dragBox.getStyleClass().add("drag-box");
        dragBox.setVisible(false);
        editorBoxes.getChildren().add(dragBox);
        editorBoxes.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = clamp(e.getX());
            dragY = clamp(e.getY());
            updateDragBox(dragX, dragY);
            dragBox.setVisible(true);
        });
        editorBoxes.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> updateDragBox(clamp(e.getX()), clamp(e.getY())));
        editorBoxes.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            dragBox.setVisible(false);
            WindowAnnotations a = viewModel.annotationsProperty().get();
            if (a == null) {
                return;
            }
            double scale = EDITOR / a.imageSize();
            double x = clamp(e.getX());
            double y = clamp(e.getY());
            // The box covers every pixel the drag touched.
            viewModel.addBox(viewModel.currentProperty().get(), (int) Math.floor(Math.min(dragX, x) / scale),
                    (int) Math.floor(Math.min(dragY, y) / scale), (int) Math.ceil(Math.max(dragX, x) / scale),
                    (int) Math.ceil(Math.max(dragY, y) / scale));
        });
        StackPane editor = new StackPane(editorView, editorBoxes);
        editor.getStyleClass().add("ablation-frame");
        editor.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        afterView.setId("ablationAfter");
        heatView.setId("ablationHeatMap");
        differenceView.setId("ablationDifference");
        Label afterTitle = new Label();
        afterTitle.setId("ablationAfterTitle");
        afterTitle.getStyleClass().add("section-title");
        afterTitle.textProperty().bind(Bindings.createStringBinding(() -> viewModel.ablateProperty().get()
                ? "After: the same z, " + viewModel.offChannels().length + " maps off"
                : "After: press Ablate", viewModel.ablateProperty(), viewModel.after()));
        Wrap.wrapWhole(afterTitle);
        afterTitle.setMaxWidth(EDITOR);
        Label differenceTitle = new Label("What replaced the windows: the change, black for none");
        differenceTitle.getStyleClass().add("caption");
        Wrap.wrapWhole(differenceTitle);
        differenceTitle.setMaxWidth(SMALL);
        Label heatTitle = new Label();
        heatTitle.getStyleClass().add("caption");
        Wrap.wrapWhole(heatTitle);
        heatTitle.textProperty().bind(Bindings.createStringBinding(() -> viewModel.shownMapProperty().get() < 0
                ? "Heat map: click a map" : "Map " + viewModel.shownMapProperty().get() + " on this sample",
                viewModel.shownMapProperty()));
        heatTitle.setMaxWidth(SMALL);
        StackPane after = new StackPane(afterView);
        after.getStyleClass().add("ablation-frame");
        after.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        HBox pair = new HBox(12, new VBox(4, title, editor), new VBox(4, afterTitle, after));
        pair.setId("ablationPair");
        VBox differenceBox = new VBox(4, differenceTitle, framed(differenceView));
        VBox heatBox = new VBox(4, heatTitle, framed(heatView));
        HBox small = new HBox(12, differenceBox, heatBox);
        Label note = new Label();
        note.setId("ablationOffNote");
        note.getStyleClass().add("ablation-note");
        note.textProperty().bind(viewModel.offNoteProperty());
        Wrap.wrapWhole(note);
        note.setMaxWidth(2 * EDITOR + 12);
        Button strongest = button("Strongest only", "ablationStrongest",
                "Threshold " + AblationViewModel.STRONG_THRESHOLD + ": only the clearest window maps off",
                viewModel::strongestOnly);
        strongest.visibleProperty().bind(viewModel.offNoteProperty().isNotEmpty().and(viewModel.probeProperty()
                .isNotNull()));
        strongest.managedProperty().bind(strongest.visibleProperty());
        note.visibleProperty().bind(viewModel.offNoteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        VBox column = new VBox(8, pair, small, note, strongest);
        column.setMinWidth(2 * EDITOR + 28);
        return column;
    }

    private static Node framed(FrameView view) {
        StackPane p = new StackPane(view);
        p.getStyleClass().add("ablation-frame");
        p.setMinSize(SMALL + 8, SMALL + 8);
        p.setMaxSize(SMALL + 8, SMALL + 8);
        return p;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(EDITOR, v));
    }

    private void updateDragBox(double x, double y) {
        dragBox.setX(Math.min(dragX, x));
        dragBox.setY(Math.min(dragY, y));
        dragBox.setWidth(Math.abs(x - dragX));
        dragBox.setHeight(Math.abs(y - dragY));
    }

    // ---- maps ------------------------------------------------------------------------------------------

    private Node buildMapColumn() {
        Label title = new Label("Feature maps (tick: off; click: heat map)");
        title.getStyleClass().add("section-title");
        Wrap.wrapWhole(title);
        mapList.setId("ablationMaps");
        mapList.setItems(viewModel.maps());
        mapList.setCellFactory(l -> new MapCell());
        mapList.setFixedCellSize(28);
        mapList.getSelectionModel().selectedItemProperty().addListener((o, a, m) ->
                viewModel.shownMapProperty().set(m == null ? -1 : m.channel()));
        VBox.setVgrow(mapList, Priority.ALWAYS);
        viewModel.shownMapProperty().addListener((o, a, channel) -> {
            FeatureMap selected = mapList.getSelectionModel().getSelectedItem();
            if (selected == null || selected.channel() != channel.intValue()) {
                viewModel.maps().stream().filter(m -> m.channel() == channel.intValue()).findFirst()
                        .ifPresentOrElse(m -> mapList.getSelectionModel().select(m),
                                () -> mapList.getSelectionModel().clearSelection());
            }
        });
        Slider threshold = new Slider(-2, 2, viewModel.thresholdProperty().get());
        threshold.setId("ablationThreshold");
        threshold.valueProperty().bindBidirectional(viewModel.thresholdProperty());
        threshold.setTooltip(new Tooltip("After a fit, maps with a weight above this are off (the paper: 0)"));
        HBox.setHgrow(threshold, Priority.ALWAYS);
        Label thresholdValue = new Label();
        thresholdValue.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%+.2f",
                viewModel.thresholdProperty().get()), viewModel.thresholdProperty()));
        Label thresholdName = new Label("Threshold");
        Wrap.keepText(thresholdName, thresholdValue);
        threshold.setMinWidth(60);
        HBox thresholdRow = new HBox(6, thresholdName, threshold, thresholdValue);
        thresholdRow.setAlignment(Pos.CENTER_LEFT);
        Label count = new Label();
        count.getStyleClass().add("muted");
        count.setId("ablationOffCount");
        ToggleButton ablate = new ToggleButton("Ablate");
        ablate.setId("ablationToggle");
        ablate.selectedProperty().bindBidirectional(viewModel.ablateProperty());
        ablate.setTooltip(new Tooltip("Show each sample again with the ticked maps zeroed at every position"));
        Button allOn = button("All on", "ablationAllOn", "Switch every map back on", viewModel::allOn);
        FlowPane toggleRow = Wrap.row(8, ablate, allOn, count);
        Runnable updateCount = () -> count.setText(viewModel.offChannels().length + " of " + viewModel.maps().size()
                + " maps off");
        viewModel.maps().addListener((javafx.collections.ListChangeListener<FeatureMap>) c -> {
            updateCount.run();
            viewModel.maps().forEach(m -> m.offProperty().addListener((o, a, b) -> updateCount.run()));
        });
        VBox column = new VBox(8, title, mapList, thresholdRow, toggleRow);
        column.setMinWidth(200);
        return column;
    }

    /** A map row: off box, channel, weight. */
    private final class MapCell extends ListCell<FeatureMap> {
        private final CheckBox off = new CheckBox();
        private final Label name = new Label();
        private final Label weight = new Label();
        private final HBox row = new HBox(8, off, name, weight);
        private FeatureMap bound;

        MapCell() {
            row.setAlignment(Pos.CENTER_LEFT);
            name.setMinWidth(60);
            weight.getStyleClass().add("map-weight");
        }

        @Override
        protected void updateItem(FeatureMap item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                off.selectedProperty().unbindBidirectional(bound.offProperty());
                weight.textProperty().unbind();
                bound = null;
            }
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            off.setId("ablationMapOff-" + item.channel());
            off.selectedProperty().bindBidirectional(item.offProperty());
            name.setText("map " + item.channel());
            weight.textProperty().bind(Bindings.createStringBinding(item::weightText, item.weightProperty()));
            bound = item;
            setGraphic(row);
        }
    }

    // ---- files -----------------------------------------------------------------------------------------

    private void saveAnnotations() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("windows-seed-" + viewModel.seedProperty().get() + ".json");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Window boxes (JSON)", "*.json"));
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) {
            viewModel.save(f.toPath());
        }
    }

    private void loadAnnotations() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Window boxes (JSON)", "*.json"));
        File f = chooser.showOpenDialog(getScene().getWindow());
        if (f != null) {
            viewModel.load(f.toPath());
        }
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    // ---- ActivityPane ----------------------------------------------------------------------------------

    @Override
    public String title() {
        return "Ablate";
    }

    @Override
    public String icon() {
        return "\u2298";
    }

    @Override
    public Node node() {
        return this;
    }

    public AblationViewModel viewModel() {
        return viewModel;
    }

    @Override
    public List<Shortcut> shortcuts() {
        return List.of(Shortcut.on("Ctrl+Z", "Undo the last change to the switched-off maps", viewModel::undo,
                new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN)));
    }

    @Override
    public void dispose() {
        viewModel.close();
    }
}
