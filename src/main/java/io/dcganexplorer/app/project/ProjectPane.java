package io.dcganexplorer.app.project;

import io.dcganexplorer.app.common.Wrap;
import io.dcganexplorer.app.common.ActivityPane;
import io.dcganexplorer.app.model.ModelBar;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.render.FrameView;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Project activity: a picture in (open or drop a file, pick a training image or a sample, or draw one), the
 * reconstruction beside it as the optimiser finds z, then that z handed to Walk, Arithmetic or Ablate, copied,
 * exported, or walked towards another projected picture.
 */
public final class ProjectPane extends BorderPane implements ActivityPane {

    /** Side of the drawing canvas in screen pixels; the drawing is reduced to the model's size. */
    static final int CANVAS_SIZE = 256;
    private static final double IMAGE_SIZE = 256;

    private final ProjectViewModel viewModel;
    private final FrameView original = new FrameView(IMAGE_SIZE);
    private final FrameView reconstruction = new FrameView(IMAGE_SIZE);
    private final Canvas canvas = new Canvas(CANVAS_SIZE, CANVAS_SIZE);
    private final ColorPicker colour = new ColorPicker(Color.BLACK);
    private final Slider brush = new Slider(2, 40, 12);
    private final ToggleButton eraser = new ToggleButton("Eraser");
    private File lastFolder = new File(System.getProperty("user.home"));

    public ProjectPane(ProjectViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("project-pane");
        setPadding(new Insets(8));
        setTop(buildModelBar());
        setLeft(buildSources());
        setCenter(buildResult());
        setOnDragOver(this::dragOver);
        setOnDragDropped(this::dropped);
    }

    /** The current model's name: the model is chosen in the main toolbar, as for every pane. */
    private Node buildModelBar() {
        ModelBar bar = new ModelBar(viewModel.currentModel(), "project");
        bar.setPadding(new Insets(0, 0, 8, 0));
        return bar;
    }

    // ---- sources ---------------------------------------------------------------------------------------

    private Node buildSources() {
        Button open = new Button("Open image…");
        open.setId("projectOpen");
        open.setTooltip(new Tooltip("PNG, JPEG, BMP or GIF of any size; or drop a file anywhere on this pane"));
        open.setOnAction(e -> chooseFile());
        Label drop = new Label("or drop a picture here");
        drop.getStyleClass().add("muted");

        ComboBox<ProjectViewModel.PickSource> source = new ComboBox<>();
        source.getItems().setAll(ProjectViewModel.PickSource.values());
        source.valueProperty().bindBidirectional(viewModel.pickSourceProperty());
        source.setId("projectPickSource");
        Button more = new Button("More");
        more.setOnAction(e -> viewModel.morePicks());
        TilePane picks = new TilePane(4, 4);
        picks.setId("projectPicks");
        picks.setPrefColumns(4);
        picks.setPrefTileWidth(56);
        picks.setPrefTileHeight(56);
        viewModel.picks().addListener((javafx.collections.ListChangeListener<Frame>) c -> fillPicks(picks));
        fillPicks(picks);

        VBox box = new VBox(8, section("Picture"), Wrap.row(8, open, drop), Wrap.row(8, source, more), picks,
                section("Or draw one"), buildCanvas());
        box.setPadding(new Insets(0, 12, 0, 0));
        box.setPrefWidth(CANVAS_SIZE + 24);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
    }

    private void fillPicks(TilePane pane) {
        List<Frame> frames = viewModel.picks();
        pane.getChildren().clear();
        for (int i = 0; i < frames.size(); i++) {
            FrameView v = new FrameView(52);
            v.show(frames.get(i));
            v.getStyleClass().add("clickable");
            int index = i;
            v.setOnMouseClicked(e -> viewModel.pick(index));
            Tooltip.install(v, new Tooltip("Find this picture in Z"));
            pane.getChildren().add(v);
        }
    }

    private Node buildCanvas() {
        canvas.setId("projectCanvas");
        clearCanvas();
        canvas.setOnMousePressed(this::paint);
        canvas.setOnMouseDragged(this::paint);
        colour.setId("projectColour");
        brush.setId("projectBrush");
        brush.setPrefWidth(90);
        brush.setTooltip(new Tooltip("Brush size"));
        eraser.setId("projectEraser");
        Button clear = new Button("Clear");
        clear.setId("projectClear");
        clear.setOnAction(e -> clearCanvas());
        Button project = new Button("Find drawing");
        project.setId("projectDrawing");
        project.setDefaultButton(false);
        project.setOnAction(e -> viewModel.openImage(drawing(), "drawing"));
        HBox tools = new HBox(6, colour, brush, eraser);
        Wrap.keepText(colour, eraser);
        tools.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, canvas, tools, new HBox(6, clear, project));
    }

    private void paint(MouseEvent e) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(eraser.isSelected() ? Color.WHITE : colour.getValue());
        double r = brush.getValue() / 2;
        g.fillOval(e.getX() - r, e.getY() - r, 2 * r, 2 * r);
    }

    private void clearCanvas() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
    }

    /** The drawing's pixels as an opaque image, canvas size. */
    BufferedImage drawing() {
        WritableImage snap = canvas.snapshot(new SnapshotParameters(), null);
        int w = (int) snap.getWidth();
        int h = (int) snap.getHeight();
        int[] argb = new int[w * h];
        snap.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, argb, 0, w);
        return image;
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a picture to find in Z");
        if (lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Pictures",
                "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif"), new FileChooser.ExtensionFilter("Any file", "*"));
        File f = chooser.showOpenDialog(getScene().getWindow());
        if (f != null) {
            lastFolder = f.getParentFile();
            viewModel.openFile(f.toPath());
        }
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
        if (!files.isEmpty()) {
            viewModel.openFile(files.get(0).toPath());
        }
        e.setDropCompleted(!files.isEmpty());
        e.consume();
    }

    // ---- result ----------------------------------------------------------------------------------------

    private Node buildResult() {
        original.setId("projectOriginal");
        reconstruction.setId("projectReconstruction");
        viewModel.targetFrameProperty().addListener((o, a, f) -> original.show(f));
        viewModel.reconstructionProperty().addListener((o, a, f) -> reconstruction.show(f));
        HBox pair = new HBox(16, captioned(original, "Your picture (model size)"),
                captioned(reconstruction, "G(z): the model's closest image"));

        ProgressBar bar = new ProgressBar();
        bar.setId("projectProgress");
        bar.setPrefWidth(2 * IMAGE_SIZE);
        bar.progressProperty().bind(viewModel.progressProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("projectCancel");
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        cancel.setOnAction(e -> viewModel.cancel());
        Button again = new Button("Project again");
        again.setId("projectAgain");
        again.disableProperty().bind(viewModel.targetProperty().isNull());
        again.setOnAction(e -> viewModel.project());
        Spinner<Integer> steps = new Spinner<>(0, 5000, viewModel.stepsProperty().get(), 50);
        steps.setPrefWidth(90);
        steps.valueProperty().addListener((o, a, v) -> viewModel.stepsProperty().set(v));
        Spinner<Integer> restarts = new Spinner<>(1, 64, viewModel.restartsProperty().get(), 1);
        restarts.setPrefWidth(70);
        restarts.valueProperty().addListener((o, a, v) -> viewModel.restartsProperty().set(v));
        CheckBox features = new CheckBox("Feature loss (D)");
        features.selectedProperty().bindBidirectional(viewModel.featureLossProperty());
        features.setTooltip(new Tooltip("Also match the discriminator's first layers' features, not only pixels"));
        FlowPane controls = Wrap.row(8, cancel, again, new Label("Steps"), steps, new Label("Restarts"), restarts, features);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label quality = new Label();
        quality.setId("projectQuality");
        quality.textProperty().bind(viewModel.qualityProperty());
        Label message = new Label();
        message.setId("projectMessage");
        message.setWrapText(true);
        message.getStyleClass().add("walk-message");
        message.textProperty().bind(viewModel.messageProperty());

        Button walk = action("Walk from here", "projectWalk", "Make this z the Walk pane's current point",
                viewModel::walkFromHere);
        Button exemplar = action("Use as exemplar", "projectExemplar",
                "Put this z into the Arithmetic pane's selected concept", viewModel::useAsExemplar);
        Button ablate = action("Ablate this", "projectAblate", "Show this z as the Ablate pane's first sample",
                viewModel::ablateThis);
        Button copy = action("Copy z", "projectCopy", "Copy z as JSON (Walk's Paste reads it)", () -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(viewModel.zAsJson());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            return true;
        });
        Button export = action("Export z…", "projectExport", "Save z as a JSON array", () -> {
            exportZ(getScene().getWindow());
            return true;
        });
        FlowPane actions = Wrap.row(8, walk, exemplar, ablate, copy, export);

        VBox box = new VBox(10, section("Find it in Z"), pair, bar, controls, quality, message, actions,
                buildInterpolation());
        return new ScrollPane(box);
    }

    private Button action(String text, String id, String tip, java.util.function.BooleanSupplier run) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.disableProperty().bind(viewModel.zProperty().isNull());
        b.setOnAction(e -> run.getAsBoolean());
        return b;
    }

    private Node buildInterpolation() {
        ComboBox<ProjectViewModel.Projected> from = new ComboBox<>(viewModel.projections());
        from.valueProperty().bindBidirectional(viewModel.interpolateFromProperty());
        from.setId("projectFrom");
        ComboBox<ProjectViewModel.Projected> to = new ComboBox<>(viewModel.projections());
        to.valueProperty().bindBidirectional(viewModel.interpolateToProperty());
        to.setId("projectTo");
        Button go = new Button("Interpolate");
        go.setId("projectInterpolate");
        go.disableProperty().bind(Bindings.size(viewModel.projections()).lessThan(2));
        go.setOnAction(e -> viewModel.interpolate());
        HBox strip = new HBox(4);
        strip.setId("projectInterpolation");
        viewModel.interpolation().addListener((javafx.collections.ListChangeListener<Frame>) c -> {
            strip.getChildren().clear();
            for (Frame f : viewModel.interpolation()) {
                FrameView v = new FrameView(72);
                v.show(f);
                strip.getChildren().add(v);
            }
        });
        HBox row = new HBox(8, new Label("From"), from, new Label("to"), to, go);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, section("Between two of your pictures"), row, strip);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        return l;
    }

    private static Node captioned(Node node, String caption) {
        Label l = new Label(caption);
        l.getStyleClass().add("muted");
        VBox box = new VBox(4, node, l);
        box.setAlignment(Pos.TOP_CENTER);
        return box;
    }

    private void exportZ(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("z.json");
        if (lastFolder.isDirectory()) {
            chooser.setInitialDirectory(lastFolder);
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
        File f = chooser.showSaveDialog(owner);
        if (f != null) {
            lastFolder = f.getParentFile();
            viewModel.exportZ(f.toPath());
        }
    }

    // ---- ActivityPane ----------------------------------------------------------------------------------

    @Override
    public String title() {
        return "Project";
    }

    @Override
    public String icon() {
        return "\u22A1";
    }

    @Override
    public Node node() {
        return this;
    }

    @Override
    public boolean handleKey(KeyEvent event) {
        if (event.getCode() == KeyCode.ESCAPE && viewModel.runningProperty().get()) {
            viewModel.cancel();
            return true;
        }
        return false;
    }

    public ProjectViewModel viewModel() {
        return viewModel;
    }

    @Override
    public void dispose() {
        viewModel.close();
    }
}
