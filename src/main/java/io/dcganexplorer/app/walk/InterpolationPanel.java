package io.dcganexplorer.app.walk;

import io.dcganexplorer.app.common.ActivityPane;
import io.dcganexplorer.app.common.Wrap;
import io.dcganexplorer.app.common.SeedField;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.render.FrameView;
import io.dcganexplorer.core.latent.Interpolation;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Interpolation tab: a grid of random images to pick keyframes from (numbered in walking order), walk
 * settings, the filmstrip, the animation player and the exports.
 */
final class InterpolationPanel extends ScrollPane {

    private static final double CELL_SIZE = 72;
    private static final double FILM_SIZE = 48;
    private static final double PLAYER_SIZE = 160;
    /**
     * Presentation mode: grid and filmstrip pictures this much larger, the player this large beside the grid
     * (sized so that the tab fits a 1400x900 screen at the presentation font size without scrolling).
     */
    private static final double PRESENTATION_SCALE = 1.25;
    private static final double PRESENTATION_PLAYER_SIZE = 280;
    /** Presentation mode: the player's controls wrap at this width, one row each for play and export. */
    private static final double PRESENTATION_WRAP = 360;
    /** FlowPane's default: wide enough that the player's controls keep to one row each beside the small player. */
    private static final double NORMAL_WRAP = 400;

    private final InterpolationViewModel vm;
    private final WalkPane.ExportFolder folder;
    private final GridPane grid = new GridPane();
    private final HBox film = new HBox(3);
    /** The paper's layout of the same walk: one row per pair of keyframes. */
    private final VBox rows = new VBox(3);
    private final CheckBox rowsLayout = new CheckBox("Paper layout: a row per pair of keyframes");
    private final FrameView player = new FrameView(PLAYER_SIZE);
    private final ScrollPane filmScroll;
    // Wraps: on a narrow screen the presentation player goes under the grid instead of off the edge.
    private final FlowPane gridArea = new FlowPane(16, 16, grid);
    private final VBox box;
    private final HBox playerRow = new HBox(12);
    private final VBox playerColumn = new VBox(10);
    // Rows that wrap to the player's width when they sit under it in presentation mode.
    private Label hint;
    private final FlowPane playControls = new FlowPane(6, 6);
    private final FlowPane exportControls = new FlowPane(6, 6);
    private double scale = 1;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            vm.tick(now);
        }
    };

    InterpolationPanel(InterpolationViewModel vm, WalkPane.ExportFolder folder) {
        this.vm = vm;
        this.folder = folder;
        getStyleClass().add("walk-panel");
        setFitToWidth(true);

        SeedField seed = new SeedField(vm.gridSeedProperty(), "gridSeed");
        Button figure4 = new Button("Figure 4");
        figure4.setId("figure4");
        figure4.setTooltip(new Tooltip("The paper's figure 4: a linear walk through 9 random points of this grid"));
        figure4.setOnAction(e -> vm.figure4());
        Button clear = new Button("Clear keyframes");
        clear.setOnAction(e -> vm.keyframes().clear());
        FlowPane gridRow = Wrap.row(6, new Label("Grid seed"), seed, figure4, clear);

        grid.setId("keyframeGrid");
        grid.setHgap(4);
        grid.setVgap(4);
        vm.gridFrames().addListener((ListChangeListener<Frame>) c -> showGrid());
        vm.keyframes().addListener((ListChangeListener<Integer>) c -> showGrid());

        ComboBox<Interpolation.Mode> mode = new ComboBox<>();
        mode.setId("walkMode");
        mode.getItems().setAll(Interpolation.Mode.values());
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(Interpolation.Mode m) {
                return m == null ? "" : m == Interpolation.Mode.LINEAR ? "Linear" : "Spherical (slerp)";
            }

            @Override
            public Interpolation.Mode fromString(String s) {
                return null;
            }
        });
        Spinner<Integer> steps = new Spinner<>(1, 32, vm.stepsPerSegmentProperty().get());
        steps.setId("walkSteps");
        steps.setPrefWidth(80);
        steps.valueProperty().addListener((o, a, v) -> vm.stepsPerSegmentProperty().set(v));
        Button build = new Button("Build walk");
        build.setId("buildWalk");
        build.setDefaultButton(false);
        build.setOnAction(e -> vm.buildWalk());
        build.disableProperty().bind(Bindings.size(vm.keyframes()).lessThan(2).or(vm.busyProperty()));
        FlowPane walkRow = Wrap.row(6, mode, new Label("steps"), steps, build);

        film.setId("filmstrip");
        filmScroll = new ScrollPane(film);
        filmScroll.setFitToHeight(true);
        filmScroll.setPrefViewportHeight(FILM_SIZE + 12);
        filmScroll.setVbarPolicy(ScrollBarPolicy.NEVER);
        filmScroll.getStyleClass().add("filmstrip");
        vm.walkFrames().addListener((ListChangeListener<Frame>) c -> showFilm());
        vm.frameIndexProperty().addListener((o, a, i) -> showFrame(i.intValue()));

        Button play = new Button();
        play.setId("walkPlay");
        play.textProperty().bind(Bindings.when(vm.playingProperty()).then("Pause").otherwise("Play"));
        play.setTooltip(new Tooltip("Play or pause the walk (Space)"));
        play.setOnAction(e -> vm.togglePlaying());
        play.disableProperty().bind(Bindings.isEmpty(vm.walkFrames()));
        vm.playingProperty().addListener((o, a, on) -> {
            if (on) {
                timer.start();
            } else {
                timer.stop();
            }
        });
        Slider speed = new Slider(1, 30, vm.framesPerSecondProperty().get());
        speed.setId("walkSpeed");
        speed.valueProperty().bindBidirectional(vm.framesPerSecondProperty());
        Label speedText = new Label();
        speedText.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%.0f frames/s",
                vm.framesPerSecondProperty().get()), vm.framesPerSecondProperty()));
        Button gif = new Button("Export GIF…");
        gif.setId("exportWalkGif");
        gif.disableProperty().bind(Bindings.isEmpty(vm.walkFrames()));
        gif.setOnAction(e -> folder.chooseSave(getScene().getWindow(), "walk.gif", "Animated GIF", "*.gif")
                .ifPresent(vm::exportGif));
        Button rowsPng = new Button("Export rows PNG…");
        rowsPng.setId("exportWalkRows");
        rowsPng.disableProperty().bind(Bindings.isEmpty(vm.walkFrames()));
        rowsPng.setTooltip(new Tooltip("The walk as the paper's figure 4: one row per pair of keyframes"));
        rowsPng.setOnAction(e -> folder.chooseSave(getScene().getWindow(), "walk-rows.png", "PNG image", "*.png")
                .ifPresent(vm::exportRows));
        Button png = new Button("Export PNG strip…");
        png.setId("exportWalkPng");
        png.disableProperty().bind(Bindings.isEmpty(vm.walkFrames()));
        png.setOnAction(e -> folder.chooseSave(getScene().getWindow(), "walk.png", "PNG image", "*.png")
                .ifPresent(vm::exportStrip));
        for (Region r : List.of(play, speedText, gif, png, rowsPng)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        playControls.getChildren().setAll(play, speed, speedText);
        playControls.setAlignment(Pos.CENTER_LEFT);
        exportControls.getChildren().setAll(gif, png, rowsPng);
        exportControls.getStyleClass().add(ActivityPane.DEVELOPER_ONLY);
        VBox controls = new VBox(8, playControls, exportControls);
        playerRow.getChildren().addAll(new StackPane(player), controls);
        playerRow.setAlignment(Pos.CENTER_LEFT);
        player.setId("walkPlayer");

        Label status = new Label();
        status.setWrapText(true);
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());

        hint = new Label("Click images to pick keyframes in the order to visit them; click again to remove.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        rows.setId("walkRows");
        rowsLayout.setId("walkRowsLayout");
        rowsLayout.setSelected(true);
        // Scrolls sideways by itself: nine frames a row must not widen the whole panel on a narrow screen.
        ScrollPane rowsScroll = new ScrollPane(rows);
        rowsScroll.setFitToHeight(true);
        rowsScroll.setVbarPolicy(ScrollBarPolicy.NEVER);
        rowsScroll.getStyleClass().add("walk-rows");
        rowsScroll.visibleProperty().bind(rowsLayout.selectedProperty());
        rowsScroll.managedProperty().bind(rowsScroll.visibleProperty());
        filmScroll.visibleProperty().bind(rowsLayout.selectedProperty().not());
        filmScroll.managedProperty().bind(filmScroll.visibleProperty());
        box = new VBox(10, gridRow, hint, gridArea, walkRow, rowsLayout, rowsScroll, filmScroll, playerRow,
                status);
        box.setPadding(new Insets(12));
        setContent(box);
    }

    private void showGrid() {
        List<Frame> frames = vm.gridFrames();
        grid.getChildren().clear();
        for (int i = 0; i < frames.size(); i++) {
            FrameView view = new FrameView(CELL_SIZE * scale);
            view.show(frames.get(i));
            StackPane cell = new StackPane(view);
            cell.setId("gridCell-" + i);
            cell.getStyleClass().add("grid-cell");
            int order = vm.keyframes().indexOf(i);
            if (order >= 0) {
                Label badge = new Label(Integer.toString(order + 1));
                badge.getStyleClass().add("keyframe-badge");
                StackPane.setAlignment(badge, Pos.TOP_LEFT);
                cell.getChildren().add(badge);
                cell.getStyleClass().add("keyframe");
            }
            int index = i;
            cell.setOnMouseClicked(e -> vm.toggleKeyframe(index));
            grid.add(cell, i % InterpolationViewModel.GRID_COLUMNS, i / InterpolationViewModel.GRID_COLUMNS);
        }
    }

    private void showFilm() {
        film.getChildren().clear();
        List<Frame> frames = vm.walkFrames();
        for (int i = 0; i < frames.size(); i++) {
            FrameView view = new FrameView(FILM_SIZE * scale);
            view.show(frames.get(i));
            StackPane cell = new StackPane(view);
            cell.getStyleClass().add("film-cell");
            int index = i;
            cell.setOnMouseClicked(e -> {
                vm.frameIndexProperty().set(index);
                if (e.getClickCount() == 2) {
                    vm.useFrame(index);
                }
            });
            Tooltip.install(cell, new Tooltip("Frame " + (i + 1) + "; double-click to make it the current z"));
            film.getChildren().add(cell);
        }
        rows.getChildren().clear();
        for (List<Frame> row : vm.walkRows()) {
            HBox line = new HBox(3);
            for (Frame f : row) {
                FrameView view = new FrameView(FILM_SIZE * scale);
                view.show(f);
                line.getChildren().add(view);
            }
            rows.getChildren().add(line);
        }
        showFrame(vm.frameIndexProperty().get());
    }

    private void showFrame(int index) {
        List<Frame> frames = vm.walkFrames();
        player.show(index >= 0 && index < frames.size() ? frames.get(index) : null);
        for (int i = 0; i < film.getChildren().size(); i++) {
            film.getChildren().get(i).pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("current"), i == index);
        }
    }

    /**
     * Presentation mode: larger pictures, and the player (with its buttons under it) moves up beside the
     * keyframe grid, where there is room for it at a larger size; the hint on picking keyframes is hidden.
     */
    void setPresentation(boolean on) {
        scale = on ? PRESENTATION_SCALE : 1;
        player.setDisplaySize(on ? PRESENTATION_PLAYER_SIZE : PLAYER_SIZE);
        double wrap = on ? PRESENTATION_WRAP : NORMAL_WRAP;
        // How to pick keyframes is for whoever sets the walk up, not for the class watching it.
        hint.setVisible(!on);
        hint.setManaged(!on);
        playControls.setPrefWrapLength(wrap);
        exportControls.setPrefWrapLength(wrap);
        filmScroll.setPrefViewportHeight(FILM_SIZE * scale + 12);
        if (on && playerColumn.getChildren().isEmpty()) {
            box.getChildren().remove(playerRow);
            playerColumn.getChildren().setAll(List.copyOf(playerRow.getChildren()));
            gridArea.getChildren().add(playerColumn);
        } else if (!on && playerRow.getChildren().isEmpty()) {
            gridArea.getChildren().remove(playerColumn);
            playerRow.getChildren().setAll(List.copyOf(playerColumn.getChildren()));
            box.getChildren().add(box.getChildren().indexOf(filmScroll) + 1, playerRow);
        }
        showGrid();
        showFilm();
    }

    void dispose() {
        timer.stop();
    }
}
