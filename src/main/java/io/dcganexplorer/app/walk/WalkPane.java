package io.dcganexplorer.app.walk;

import io.dcganexplorer.app.common.Wrap;
import io.dcganexplorer.app.common.SeedField;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.render.FrameView;
import io.dcganexplorer.app.common.ActivityPane;
import io.dcganexplorer.app.common.Shortcut;
import io.dcganexplorer.app.model.ModelChoice;
import io.dcganexplorer.app.model.ModelBar;
import io.dcganexplorer.app.model.ModelService;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Walk activity: the image of the current z with its neighbours, one slider per z dimension (filterable,
 * with seed, randomise, reset, copy and paste), and tabs for keyframe interpolation and GANSpace directions.
 * It follows the app's current model ({@link ModelService}), chosen in the main toolbar.
 */
public final class WalkPane extends BorderPane implements ActivityPane {

    /** On-screen size of the main image. */
    static final double MAIN_SIZE = 320;
    /** Height in presentation mode that is not the image or its neighbours: padding, gaps, caption, message. */
    private static final double PRESENTATION_RESERVE = 150;

    private final WalkViewModel viewModel;
    private final FrameView mainView = new FrameView(MAIN_SIZE);
    private final HBox neighbourStrip = new HBox(4);
    private final TabPane tabs = new TabPane();
    private final ListView<LatentDimension> sliders = new ListView<>();
    /** Left/Right in the slider list nudge its selected dimension (the list would scroll sideways). */
    private final Shortcut nudgeKeys = Shortcut.when("← →",
            "Nudge the z dimension selected in the slider list (while the list has the focus)", this::nudgeSelected,
            new KeyCodeCombination(KeyCode.LEFT), new KeyCodeCombination(KeyCode.RIGHT));
    private final ExportFolder folder = new ExportFolder();
    private final InterpolationPanel interpolation;
    private final DirectionsPanel directions;
    private final SplitPane split;
    private final VBox imageColumn;
    private final Node sliderColumn;
    private final Label neighboursTitle = new Label("Neighbours (z + uniform noise of ±0.25; click to go there)");
    private final StackPane center;
    private boolean presenting;
    private double[] dividers;

    public WalkPane(WalkViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("walk-pane");
        getStylesheets().add(Objects.requireNonNull(WalkPane.class.getResource("walk.css")).toExternalForm());
        interpolation = new InterpolationPanel(viewModel.interpolation(), folder);
        directions = new DirectionsPanel(viewModel.directions());
        setTop(buildModelBar());
        imageColumn = buildImageColumn();
        sliderColumn = buildSliderColumn();
        split = new SplitPane(imageColumn, sliderColumn, buildTabs());
        split.setDividerPositions(0.26, 0.53);
        center = new StackPane(split, buildEmptyState());
        setCenter(center);
        center.heightProperty().addListener((o, a, b) -> fitPresentationImage());
        center.widthProperty().addListener((o, a, b) -> fitPresentationImage());
        viewModel.mainFrameProperty().addListener((o, a, frame) -> {
            mainView.show(frame);
            viewModel.frameShown(frame);
        });
        viewModel.neighbours().addListener((javafx.collections.ListChangeListener<Frame>) c -> showNeighbours());
    }

    // ---- model bar -------------------------------------------------------------------------------------

    /** The current model's name (chosen in the main toolbar) and the slider-to-image timings. */
    private Node buildModelBar() {
        Label latency = new Label();
        latency.setId("walkLatency");
        latency.getStyleClass().addAll("muted", ActivityPane.DEVELOPER_ONLY);
        latency.textProperty().bind(viewModel.latencyTextProperty());
        FlowPane bar = Wrap.row(8, new ModelBar(viewModel.currentModel(), "walk"), latency);
        bar.getStyleClass().add("walk-model-bar");
        return bar;
    }

    private Node buildEmptyState() {
        ModelService models = viewModel.models();
        Label text = new Label();
        text.setId("walkEmptyText");
        text.textProperty().bind(Bindings.createStringBinding(() -> emptyText(models.selectedProperty().get(),
                        models.loadingProperty().get(), !models.choices().isEmpty(), models.modelsRoot()),
                models.selectedProperty(), models.loadingProperty(), models.choices()));
        text.setWrapText(true);
        text.setMaxWidth(420);
        VBox box = new VBox(text);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("walk-empty");
        box.visibleProperty().bind(viewModel.readyProperty().not());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** What the pane says while it has no image: that a model is opening, where none was found, or how to get one. */
    static String emptyText(ModelChoice selected, boolean loading, boolean anyListed, Path modelsRoot) {
        if (loading && selected != null) {
            return "Opening " + selected.name() + "…";
        }
        String how = "Train one in the Train tab, or open a saved model or a run folder with a checkpoint"
                + " (the Model list and Open model… in the toolbar).";
        if (!anyListed) {
            return "No saved model found in " + modelsRoot + ". " + how;
        }
        return "No model yet. " + how;
    }

    // ---- image column ----------------------------------------------------------------------------------

    private VBox buildImageColumn() {
        mainView.setId("walkImage");
        StackPane frame = new StackPane(mainView);
        frame.getStyleClass().add("walk-main-frame");
        frame.setMaxWidth(Region.USE_PREF_SIZE);
        neighboursTitle.getStyleClass().add("caption");
        neighboursTitle.setWrapText(true);
        neighboursTitle.setMaxWidth(MAIN_SIZE);
        neighbourStrip.setId("walkNeighbours");
        neighbourStrip.getStyleClass().add("strip");
        Label message = new Label();
        message.setId("walkMessage");
        message.setWrapText(true);
        message.getStyleClass().add("walk-message");
        message.textProperty().bind(viewModel.messageProperty());
        VBox column = new VBox(10, frame, neighboursTitle, neighbourStrip, message);
        column.setPadding(new Insets(12));
        column.setMinWidth(MAIN_SIZE + 24);
        return column;
    }

    private void showNeighbours() {
        List<Frame> frames = viewModel.neighbours();
        // Views are reused: the strip is rebuilt only when the count changes.
        while (neighbourStrip.getChildren().size() > frames.size()) {
            neighbourStrip.getChildren().remove(neighbourStrip.getChildren().size() - 1);
        }
        while (neighbourStrip.getChildren().size() < frames.size()) {
            int index = neighbourStrip.getChildren().size();
            FrameView v = new FrameView(neighbourSize(mainView.displaySize()));
            v.setOnMouseClicked(e -> viewModel.chooseNeighbour(index));
            v.getStyleClass().add("clickable");
            neighbourStrip.getChildren().add(v);
        }
        for (int i = 0; i < frames.size(); i++) {
            ((FrameView) neighbourStrip.getChildren().get(i)).show(frames.get(i));
        }
    }

    /** The neighbours fill the main image's width: eight of them, 4 px apart. */
    private static double neighbourSize(double mainSize) {
        return (mainSize - 7 * 4) / WalkViewModel.NEIGHBOURS;
    }

    private void resizeImages(double size) {
        mainView.setDisplaySize(size);
        neighbourStrip.getChildren().forEach(n -> ((FrameView) n).setDisplaySize(neighbourSize(size)));
        neighboursTitle.setMaxWidth(size);
        imageColumn.setMinWidth(size + 24);
    }

    /**
     * In presentation mode the image takes the height the pane has (less the bar, the caption and the
     * neighbours, which are an eighth of it) and at most half the width; the interpolation tabs get the rest.
     */
    private void fitPresentationImage() {
        if (!presenting || center.getHeight() <= 0 || center.getWidth() <= 0) {
            return;
        }
        double byHeight = (center.getHeight() - PRESENTATION_RESERVE) / (1 + 1.0 / WalkViewModel.NEIGHBOURS);
        double size = Math.max(MAIN_SIZE, Math.floor(Math.min(byHeight, center.getWidth() / 2 - 24)));
        resizeImages(size);
        split.setDividerPositions((size + 32) / center.getWidth());
    }

    /**
     * Presentation mode: the slider column goes (keyboard nudges still work), the image grows to fit and the
     * tabs' pictures grow too.
     */
    @Override
    public void setPresentation(boolean on) {
        if (on == presenting) {
            return;
        }
        presenting = on;
        interpolation.setPresentation(on);
        directions.setPresentation(on);
        if (on) {
            dividers = split.getDividerPositions();
            split.getItems().remove(sliderColumn);
            fitPresentationImage();
        } else {
            split.getItems().add(1, sliderColumn);
            split.setDividerPositions(dividers);
            resizeImages(MAIN_SIZE);
        }
    }

    // ---- slider column ---------------------------------------------------------------------------------

    private Node buildSliderColumn() {
        SeedField seed = new SeedField(viewModel.seedProperty(), "walkSeed");
        Button randomise = button("Randomise", "walkRandomise", "A new seed and its z (R)", viewModel::randomise);
        Button reset = button("Reset", "walkReset", "Back to the seed's z", viewModel::reset);
        Button copy = button("Copy z", "walkCopy", "z as comma-separated numbers (Ctrl+C)", this::copyZ);
        Button paste = button("Paste z", "walkPaste", "z from comma-separated numbers (Ctrl+V)", this::pasteZ);
        Label seedLabel = new Label("Seed");
        for (Region r : List.of(seedLabel, randomise, reset, copy, paste)) {
            // Buttons keep their full text; the seed field gives way when the column is narrow.
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox seedRow = new HBox(6, seedLabel, seed);
        seedRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(seed, Priority.ALWAYS);
        HBox clipRow = new HBox(6, randomise, reset, copy, paste);

        TextField filter = new TextField();
        filter.setId("walkFilter");
        filter.setPromptText("Filter dimensions: 12, 0-9, 3 7 20-25");
        filter.textProperty().bindBidirectional(viewModel.filterProperty());
        Label count = new Label();
        count.getStyleClass().add("muted");
        count.textProperty().bind(Bindings.createStringBinding(() -> viewModel.visibleDimensions().size() + " of "
                + viewModel.dimensions().size(), viewModel.visibleDimensions(), viewModel.dimensions()));
        Label filterProblem = new Label();
        filterProblem.setId("walkFilterMessage");
        filterProblem.getStyleClass().add("field-error");
        filterProblem.setWrapText(true);
        filterProblem.textProperty().bind(viewModel.filterMessageProperty());
        filterProblem.visibleProperty().bind(filterProblem.textProperty().isNotEmpty());
        filterProblem.managedProperty().bind(filterProblem.visibleProperty());
        HBox filterRow = new HBox(6, filter, count);
        filterRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(filter, Priority.ALWAYS);

        sliders.setId("walkSliders");
        // The list would take Left/Right (sideways scrolling) and Space (editing, which it does not allow) for
        // itself: while it has the focus, the Walk's shortcuts come first. Up and Down still move the selection.
        sliders.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (Shortcut.dispatch(shortcuts(), e)) {
                e.consume();
            }
        });
        sliders.setItems(viewModel.visibleDimensions());
        sliders.setCellFactory(list -> new DimensionCell());
        sliders.setFixedCellSize(30);
        VBox.setVgrow(sliders, Priority.ALWAYS);

        Label title = new Label("z, one slider per dimension");
        title.getStyleClass().add("section-title");
        // Students drag z7 and see almost nothing: say why, and where the large changes are.
        Label hint = new Label("One slider is one number of z, so on its own it barely changes a face. "
                + "Directions moves all of them at once, along the ways the pictures change most.");
        hint.setId("walkSliderHint");
        hint.getStyleClass().add("muted");
        Wrap.wrapWhole(hint);
        Hyperlink toDirections = new Hyperlink("Open Directions");
        toDirections.setId("walkToDirections");
        toDirections.setOnAction(e -> tabs.getSelectionModel().select(tabs.getTabs().get(1)));
        VBox column = new VBox(8, title, hint, toDirections, seedRow, clipRow, filterRow, filterProblem, sliders);
        column.setPadding(new Insets(12));
        column.setMinWidth(300);
        return column;
    }

    /** One slider row: index, slider over the prior's range, value. */
    private final class DimensionCell extends ListCell<LatentDimension> {
        private final Label index = new Label();
        private final Slider slider = new Slider();
        private final Label value = new Label();
        private final HBox row = new HBox(8, index, slider, value);
        private LatentDimension bound;

        DimensionCell() {
            index.getStyleClass().add("dim-index");
            value.getStyleClass().add("dim-value");
            HBox.setHgrow(slider, Priority.ALWAYS);
            row.setAlignment(Pos.CENTER_LEFT);
            // The list handles arrow keys (select a row; Left/Right nudge it through the pane), not the slider.
            slider.setFocusTraversable(false);
            slider.setOnMousePressed(e -> getListView().getSelectionModel().select(getItem()));
        }

        @Override
        protected void updateItem(LatentDimension item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                slider.valueProperty().unbindBidirectional(bound.valueProperty());
                value.textProperty().unbind();
                bound = null;
            }
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            slider.setMin(-viewModel.range());
            slider.setMax(viewModel.range());
            slider.valueProperty().bindBidirectional(item.valueProperty());
            slider.setId("walkSlider-" + item.index());
            index.setText("z" + item.index());
            value.textProperty().bind(Bindings.createStringBinding(
                    () -> String.format(Locale.ROOT, "%+.3f", item.value()), item.valueProperty()));
            bound = item;
            setGraphic(row);
        }
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void copyZ() {
        ClipboardContent content = new ClipboardContent();
        content.putString(viewModel.zAsText());
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void pasteZ() {
        viewModel.pasteZ(Clipboard.getSystemClipboard().getString());
    }

    // ---- tabs ------------------------------------------------------------------------------------------

    private Node buildTabs() {
        Tab walk = new Tab("Interpolation", interpolation);
        walk.setId("walkTabInterpolation");
        Tab dirs = new Tab("Directions", directions);
        dirs.setId("walkTabDirections");
        tabs.getTabs().setAll(walk, dirs);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("walk-tabs");
        tabs.setId("walkTabs");
        return tabs;
    }

    // ---- ActivityPane ----------------------------------------------------------------------------------

    @Override
    public String title() {
        return "Walk";
    }

    @Override
    public String icon() {
        return "\u223F";
    }

    @Override
    public Node node() {
        return this;
    }

    /**
     * The slider list, with the first dimension selected: Left and Right then move that slider, so the
     * first key a newcomer tries changes the picture.
     */
    @Override
    public void focusStart() {
        if (sliders.getSelectionModel().isEmpty() && !sliders.getItems().isEmpty()) {
            sliders.getSelectionModel().select(0);
        }
        sliders.requestFocus();
    }

    public WalkViewModel viewModel() {
        return viewModel;
    }

    @Override
    public boolean saveImage(Window owner) {
        if (viewModel.mainFrameProperty().get() == null) {
            return false;
        }
        folder.chooseSave(owner, "walk-seed-" + viewModel.seedProperty().get() + ".png", "PNG image", "*.png")
                .ifPresent(viewModel::saveImage);
        return true;
    }

    @Override
    public List<Shortcut> shortcuts() {
        return List.of(
                Shortcut.on("R", "A new random seed and its z", viewModel::randomise, new KeyCodeCombination(KeyCode.R)),
                Shortcut.on("Space", "Play or pause the interpolation", viewModel.interpolation()::togglePlaying,
                        new KeyCodeCombination(KeyCode.SPACE)),
                nudgeKeys,
                Shortcut.on("Ctrl+C", "Copy z as comma-separated numbers", this::copyZ,
                        new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN)),
                Shortcut.on("Ctrl+V", "Paste z from comma-separated numbers", this::pasteZ,
                        new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN)));
    }

    private boolean nudgeSelected(KeyEvent event) {
        LatentDimension selected = sliders.getSelectionModel().getSelectedItem();
        if (selected == null || !sliders.isFocused()) {
            return false;
        }
        viewModel.nudge(selected, event.getCode() == KeyCode.RIGHT ? 1 : -1);
        return true;
    }

    @Override
    public void dispose() {
        interpolation.dispose();
        viewModel.close();
    }

    /** Remembers the last folder the user exported to, for every save dialog of the pane. */
    static final class ExportFolder {
        private File last = new File(System.getProperty("user.home"));

        Optional<Path> chooseSave(Window owner, String name, String kind, String pattern) {
            FileChooser chooser = new FileChooser();
            if (last.isDirectory()) {
                chooser.setInitialDirectory(last);
            }
            chooser.setInitialFileName(name);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
            File f = chooser.showSaveDialog(owner);
            if (f == null) {
                return Optional.empty();
            }
            last = f.getParentFile();
            return Optional.of(f.toPath());
        }
    }
}
