package io.dcganexplorer.app.arithmetic;

import io.dcganexplorer.app.common.Wrap;
import io.dcganexplorer.app.common.SeedField;
import io.dcganexplorer.app.common.ActivityPane;
import io.dcganexplorer.app.model.ModelBar;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.render.FrameView;
import io.dcganexplorer.core.latent.ArithmeticFigure;
import io.dcganexplorer.core.latent.Lesson;
import java.io.File;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Arithmetic activity: vector arithmetic on faces (Radford et al. 2015, figure 7) with three exemplars
 * per concept picked from a generated grid, its 3x3 result next to the pixel-space sum, lessons, and the
 * Turn tab (figure 8). Talks only to its {@link ArithmeticViewModel}.
 */
public final class ArithmeticPane extends BorderPane implements ActivityPane {

    private static final double CELL = 52;
    private static final double EXEMPLAR = 40;
    private static final double RESULT_CENTRE = 104;
    private static final double TURN = 80;
    /** How much presentation mode enlarges the result and the pixel-space sum. */
    private static final double PRESENTATION_SCALE = 1.5;

    private final ArithmeticViewModel vm;
    private final GridPane grid = new GridPane();
    private final VBox bucketBox = new VBox(6);
    private final GridPane result = new GridPane();
    private final FrameView pixelView = new FrameView(RESULT_CENTRE);
    private final VBox stripBox = new VBox(4);
    private final java.util.Set<Bucket> observed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private File lastFolder = new File(System.getProperty("user.home"));
    private double resultScale = 1;

    public ArithmeticPane(ArithmeticViewModel viewModel) {
        this.vm = viewModel;
        getStyleClass().add("arithmetic-pane");
        getStylesheets().add(Objects.requireNonNull(ArithmeticPane.class.getResource("arithmetic.css"))
                .toExternalForm());
        Tab arithmetic = new Tab("Arithmetic", buildArithmetic());
        Tab turn = new Tab("Turn", buildTurn());
        arithmetic.setClosable(false);
        turn.setClosable(false);
        TabPane tabs = new TabPane(arithmetic, turn);
        tabs.setId("arithmeticTabs");
        // The model's name sits beside the two tabs' headers, taking no height from the grid and the result.
        ModelBar modelBar = new ModelBar(vm.currentModel(), "arithmetic");
        modelBar.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        modelBar.maxWidthProperty().bind(widthProperty().multiply(0.7));
        modelBar.setPickOnBounds(false);
        StackPane.setAlignment(modelBar, Pos.TOP_RIGHT);
        setCenter(new StackPane(tabs, modelBar));
        vm.gridFrames().addListener((ListChangeListener<Frame>) c -> showGrid());
        vm.buckets().addListener((ListChangeListener<Bucket>) c -> showBuckets());
        vm.selectedProperty().addListener((o, a, b) -> {
            showBuckets();
            showGrid();
        });
        vm.resultFrames().addListener((ListChangeListener<Frame>) c -> showResult());
        vm.pixelFrameProperty().addListener((o, a, f) -> pixelView.show(f));
        vm.turn().strips().addListener((ListChangeListener<List<Frame>>) c -> showStrips());
        showBuckets();
        showResult();
    }

    public ArithmeticViewModel viewModel() {
        return vm;
    }

    @Override
    public String title() {
        return "Arithmetic";
    }

    @Override
    public String icon() {
        return "±";
    }

    @Override
    public Node node() {
        return this;
    }

    /** Ctrl+S: the result block and the pixel-space sum as one PNG. */
    @Override
    public boolean saveImage(javafx.stage.Window owner) {
        if (vm.resultFrames().isEmpty()) {
            return false;
        }
        FileChooser chooser = new FileChooser();
        if (lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        chooser.setInitialFileName("arithmetic.png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File f = chooser.showSaveDialog(owner);
        if (f == null) {
            return true;
        }
        lastFolder = f.getParentFile();
        return vm.exportResult(f.toPath());
    }

    /** Presentation mode: the result block and the pixel-space sum are drawn half as large again. */
    @Override
    public void setPresentation(boolean on) {
        resultScale = on ? PRESENTATION_SCALE : 1;
        pixelView.setDisplaySize(RESULT_CENTRE * resultScale);
        showResult();
    }

    @Override
    public void dispose() {
        vm.close();
    }

    // ---- arithmetic tab ----------------------------------------------------------------------------------

    private Node buildArithmetic() {
        SeedField seed = new SeedField(vm.gridSeedProperty(), "arithmeticSeed");
        Button newGrid = new Button("New grid");
        newGrid.setId("newGrid");
        newGrid.setOnAction(e -> vm.newGrid());
        FlowPane gridRow = Wrap.row(6, new Label("Grid seed"), seed, newGrid);

        MenuButton lessons = new MenuButton("Lessons");
        lessons.setId("lessonMenu");
        for (Lesson lesson : vm.builtInLessons()) {
            MenuItem item = new MenuItem(lesson.name());
            item.setOnAction(e -> vm.applyLesson(lesson));
            lessons.getItems().add(item);
        }
        Button save = new Button("Save lesson…");
        save.setId("saveLesson");
        save.setOnAction(e -> chooseFile(true).ifPresent(f -> vm.saveLesson(f.toPath())));
        Button load = new Button("Load lesson…");
        load.setId("loadLesson");
        load.setOnAction(e -> chooseFile(false).ifPresent(f -> vm.loadLesson(f.toPath())));
        FlowPane lessonRow = Wrap.row(6, lessons, save, load);

        grid.setId("arithmeticGrid");
        grid.setHgap(3);
        grid.setVgap(3);
        Label hint = new Label("Select a term on the right, then click three samples: the term shows them and "
                + "its mean.");
        hint.setWrapText(true);
        hint.getStyleClass().add("muted");
        VBox left = new VBox(8, gridRow, lessonRow, hint, grid);
        left.setPadding(new Insets(10));
        left.setMaxWidth(Region.USE_PREF_SIZE);

        Button plus = new Button("+ term");
        plus.setId("addPlus");
        plus.setOnAction(e -> vm.addBucket(1));
        Button minus = new Button("− term");
        minus.setId("addMinus");
        minus.setOnAction(e -> vm.addBucket(-1));
        bucketBox.setId("buckets");

        result.setId("arithmeticResult");
        result.setHgap(3);
        result.setVgap(3);
        result.setAlignment(Pos.CENTER);
        pixelView.setId("pixelResult");
        VBox zBox = new VBox(4, caption("Z space: G(Y), neighbours ±0.25"), result);
        VBox pixelBox = new VBox(4, caption("pixel space"), pixelView);
        HBox results = new HBox(18, zBox, pixelBox);
        results.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setId("arithmeticStatus");
        status.setWrapText(true);
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());
        VBox right = new VBox(8, sectionTitle("Terms"), bucketBox, new HBox(6, plus, minus), sectionTitle("Result"),
                results, status);
        right.setPadding(new Insets(10));
        HBox.setHgrow(right, Priority.ALWAYS);
        ScrollPane scroll = new ScrollPane(new HBox(4, left, right));
        scroll.setFitToWidth(true);
        return scroll;
    }

    private java.util.Optional<File> chooseFile(boolean save) {
        FileChooser chooser = new FileChooser();
        if (lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Lesson (JSON)", "*.json"));
        chooser.setInitialFileName("lesson.json");
        File f = save ? chooser.showSaveDialog(getScene().getWindow()) : chooser.showOpenDialog(getScene().getWindow());
        if (f != null) {
            lastFolder = f.getParentFile();
        }
        return java.util.Optional.ofNullable(f);
    }

    private void showGrid() {
        grid.getChildren().clear();
        List<Frame> frames = vm.gridFrames();
        Bucket selected = vm.selectedProperty().get();
        for (int i = 0; i < frames.size(); i++) {
            FrameView view = new FrameView(CELL);
            view.show(frames.get(i));
            StackPane cell = new StackPane(view);
            cell.setId("arithmeticCell-" + i);
            cell.getStyleClass().add("grid-cell");
            int index = i;
            for (int k = 0; k < vm.buckets().size(); k++) {
                Bucket b = vm.buckets().get(k);
                int j = exemplarAt(b, index, frames.get(index));
                if (j >= 0) {
                    // Term and place, as the rows on the right letter them: "+3" read like a weight.
                    Label badge = new Label(badgeText(k, j));
                    badge.getStyleClass().add("bucket-badge");
                    StackPane.setAlignment(badge, Pos.TOP_LEFT);
                    cell.getChildren().add(badge);
                    cell.getStyleClass().add(b == selected ? "picked-selected" : "picked");
                }
            }
            cell.setOnMouseClicked(e -> vm.assign(index));
            grid.add(cell, i % ArithmeticViewModel.GRID_COLUMNS, i / ArithmeticViewModel.GRID_COLUMNS);
        }
    }

    /** The exemplar of {@code b} picked from grid cell {@code cell}, or -1. */
    private static int exemplarAt(Bucket b, int cell, Frame frame) {
        for (int j = 0; j < b.exemplars().size(); j++) {
            Bucket.Exemplar e = b.exemplars().get(j);
            if (e.cell() == cell && e.frame() == frame) {
                return j;
            }
        }
        return -1;
    }

    /** A term's letter, as its row shows it (A, B, C…). */
    static String termLetter(int term) {
        return term < 26 ? Character.toString('A' + term) : "T" + (term + 1);
    }

    /** The badge on a picked grid cell: the term's letter and the exemplar's place in it, e.g. B2. */
    static String badgeText(int term, int exemplar) {
        return termLetter(term) + (exemplar + 1);
    }

    private void showBuckets() {
        bucketBox.getChildren().clear();
        List<Bucket> buckets = vm.buckets();
        for (int k = 0; k < buckets.size(); k++) {
            Bucket b = buckets.get(k);
            Button sign = new Button(b.signProperty().get() < 0 ? "−" : "+");
            sign.getStyleClass().add("sign-button");
            sign.setTooltip(new Tooltip("Add or subtract this concept"));
            sign.setOnAction(e -> {
                vm.toggleSign(b);
                showBuckets();
            });
            TextField name = new TextField(b.nameProperty().get());
            name.setPrefColumnCount(13);
            name.textProperty().addListener((o, a, v) -> b.nameProperty().set(v));
            HBox images = new HBox(3);
            for (int i = 0; i < ArithmeticViewModel.EXEMPLARS; i++) {
                FrameView v = new FrameView(EXEMPLAR);
                v.show(i < b.exemplars().size() ? b.exemplars().get(i).frame() : null);
                StackPane slot = new StackPane(v);
                slot.getStyleClass().add("exemplar-slot");
                slot.setMinSize(EXEMPLAR + 4, EXEMPLAR + 4);
                images.getChildren().add(slot);
            }
            FrameView mean = new FrameView(EXEMPLAR);
            mean.show(b.meanFrameProperty().get());
            StackPane meanSlot = new StackPane(mean);
            meanSlot.getStyleClass().add("mean-slot");
            meanSlot.setMinSize(EXEMPLAR + 4, EXEMPLAR + 4);
            Tooltip.install(meanSlot, new Tooltip("G(mean of the exemplars' z)"));
            Button remove = new Button("✕");
            remove.getStyleClass().add("remove-button");
            remove.setDisable(buckets.size() <= 1);
            remove.setOnAction(e -> vm.removeBucket(b));
            Label index = new Label(termLetter(k));
            index.getStyleClass().add("term-index");
            Label meanName = new Label("mean");
            Wrap.keepText(index, sign, meanName, remove);
            name.setMinWidth(60);
            HBox row = new HBox(6, index, sign, name, images, meanName, meanSlot, remove);
            row.setAlignment(Pos.CENTER_LEFT);
            row.setId("bucket-" + k);
            row.getStyleClass().add("bucket-row");
            if (b == vm.selectedProperty().get()) {
                row.getStyleClass().add("selected");
            }
            row.setOnMouseClicked(e -> vm.selectedProperty().set(b));
            name.focusedProperty().addListener((o, a, focused) -> {
                if (focused) {
                    vm.selectedProperty().set(b);
                }
            });
            observe(b);
            bucketBox.getChildren().add(row);
        }
    }

    /** Listens to a bucket once, however often the rows are rebuilt. */
    private void observe(Bucket b) {
        if (observed.add(b)) {
            b.exemplars().addListener((ListChangeListener<Bucket.Exemplar>) c -> {
                showBuckets();
                showGrid();
            });
            b.meanFrameProperty().addListener((o, a, f) -> showBuckets());
        }
    }

    private void showResult() {
        result.getChildren().clear();
        List<Frame> frames = vm.resultFrames();
        for (int c = 0; c < ArithmeticFigure.CELLS; c++) {
            boolean centre = c == ArithmeticFigure.CENTRE;
            // Every cell at the centre's size, as in the paper: the noisy neighbours must be seen to agree.
            FrameView v = new FrameView(RESULT_CENTRE * resultScale);
            v.show(c < frames.size() ? frames.get(c) : null);
            StackPane cell = new StackPane(v);
            cell.setId(centre ? "resultCentre" : "resultNeighbour-" + c);
            cell.getStyleClass().add(centre ? "result-centre" : "result-cell");
            cell.setMinSize(RESULT_CENTRE * resultScale + 6, RESULT_CENTRE * resultScale + 6);
            result.add(cell, c % 3, c / 3);
        }
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        return l;
    }

    private static Label sectionTitle(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    // ---- turn tab ----------------------------------------------------------------------------------------

    private Node buildTurn() {
        TurnViewModel turn = vm.turn();
        Button compute = new Button("Compute turn vector");
        compute.setId("computeTurn");
        compute.setOnAction(e -> turn.compute());
        compute.disableProperty().bind(turn.busyProperty().or(vm.modelProperty().isNull()));
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(turn.progressProperty());
        progress.visibleProperty().bind(turn.busyProperty());
        Slider strength = new Slider(0.25, 2, turn.strengthProperty().get());
        strength.setId("turnStrength");
        strength.setMajorTickUnit(0.25);
        strength.setSnapToTicks(true);
        strength.valueProperty().bindBidirectional(turn.strengthProperty());
        Label strengthText = new Label();
        strengthText.textProperty().bind(Bindings.format("strength %.2f", turn.strengthProperty()));
        HBox controls = new HBox(8, compute, progress, strength, strengthText);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label status = new Label();
        status.setWrapText(true);
        status.getStyleClass().add("muted");
        status.textProperty().bind(turn.statusProperty());
        stripBox.setId("turnStrips");
        HBox ends = new HBox(new Label("← looking left"), new Region(), new Label("looking right →"));
        HBox.setHgrow(ends.getChildren().get(1), Priority.ALWAYS);
        ends.setMaxWidth(TurnViewModel.STEPS * (TURN + 3));
        VBox box = new VBox(10, controls, status, ends, stripBox);
        box.setPadding(new Insets(12));
        return new ScrollPane(box);
    }

    private void showStrips() {
        stripBox.getChildren().clear();
        for (List<Frame> strip : vm.turn().strips()) {
            HBox row = new HBox(3);
            for (Frame f : strip) {
                FrameView v = new FrameView(TURN);
                v.show(f);
                row.getChildren().add(v);
            }
            stripBox.getChildren().add(row);
        }
    }
}
