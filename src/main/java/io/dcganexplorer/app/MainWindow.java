package io.dcganexplorer.app;

import io.dcganexplorer.app.common.Shortcut;
import io.dcganexplorer.app.common.ActivityPane;
import io.dcganexplorer.app.common.AppPreferences;
import io.dcganexplorer.app.model.ModelChoice;
import io.dcganexplorer.app.model.ModelChooser;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.status.StatusBarViewModel;
import io.dcganexplorer.app.status.StatusPane;
import io.dcganexplorer.app.tour.GuidedTour;
import io.dcganexplorer.app.tour.TourOverlay;
import io.dcganexplorer.app.tour.TourStep;
import io.dcganexplorer.app.tour.TourViewModel;
import io.dcganexplorer.app.train.RunCatalog;
import io.dcganexplorer.app.train.TrainPane;
import io.dcganexplorer.app.train.TrainViewModel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The shell: menu with shortcuts, the run selector, one tab per registered activity and the status bar,
 * the guided tour over the tabs and presentation mode. Remembers window size, the open run and the tab
 * shown (a first launch opens on Walk, with the tour); closing while training asks, stops with a
 * checkpoint, then exits.
 */
public final class MainWindow extends BorderPane {

    /** The tab a first launch shows: a model is open there and every slider changes the picture. */
    static final String FIRST_ACTIVITY = "Walk";
    private static final String TOUR_TAB = "tour-tab";
    private static final String TOUR_HIGHLIGHT = "tour-highlight";

    private final AppContext context;
    private final Stage stage;
    private final List<ActivityPane> activities;
    private final TrainPane train;
    private final TabPane tabs = new TabPane();
    private final StatusPane status;
    private final TourViewModel tour = new TourViewModel(GuidedTour.steps());
    private final TourOverlay tourOverlay = new TourOverlay(tour);
    private final PresentationMode presentation;
    private final CheckMenuItem presentationItem = new CheckMenuItem("Presentation mode");
    private Node highlighted;
    private MenuBar menuBar;
    private final ComboBox<Path> runSelector = new ComboBox<>();
    private boolean syncingSelector;
    private boolean exiting;

    public MainWindow(AppContext context, Stage stage) {
        this.context = context;
        this.stage = stage;
        this.activities = Activities.create(context);
        this.train = activities.stream().filter(TrainPane.class::isInstance).map(TrainPane.class::cast).findFirst()
                .orElseThrow();
        getStyleClass().add("main-window");
        for (ActivityPane a : activities) {
            Tab tab = new Tab(a.icon() + "  " + a.title(), a.node());
            tab.setClosable(false);
            tab.setId("tab-" + a.title());
            tabs.getTabs().add(tab);
        }
        TrainViewModel trainVm = train.viewModel();
        status = new StatusPane(context.statusViewModel(), StatusBarViewModel.activity(
                activities.stream().map(a -> a == train ? trainVm.activityProperty() : a.activity()).toList()));
        HBox toolbar = buildToolbar();
        presentation = new PresentationMode(stage, this, activities, List.of(toolbar, status));
        presentation.activeProperty().addListener((o, was, on) -> presentationItem.setSelected(on));
        setTop(new VBox(buildMenu(), toolbar));
        setCenter(new StackPane(tabs, tourOverlay));
        setBottom(status);
        // Window keys first (the tour, Esc); a pane's shortcuts only get what the focused control left unused.
        addEventFilter(KeyEvent.KEY_PRESSED, this::routeWindowKey);
        addEventHandler(KeyEvent.KEY_PRESSED, this::routeActivityKey);
        tour.stepProperty().addListener((o, a, step) -> showTourStep(step));
        tour.showingProperty().addListener((o, was, showing) -> {
            if (showing) {
                showTourStep(tour.stepProperty().get());
            } else {
                clearTourHighlight();
                if (tour.finished()) {
                    // Done: back where the app starts, a slider in hand.
                    activityTitled(FIRST_ACTIVITY).ifPresent(this::selectActivity);
                }
                ActivityPane shown = selectedActivity();
                if (shown != null) {
                    shown.focusStart();
                }
            }
        });
        tour.setOnClosed(this::rememberTourSeen);
        // A z handed to another pane ("Walk from here") shows that pane.
        context.latentHandoff().setOnDelivered(target -> activityTitled(target.tab()).ifPresent(this::selectActivity));
        restoreDataChoice();
        restoreActivity();
    }

    /** Builds the scene, restores the window and the last run, and shows the stage. */
    public static MainWindow open(Stage stage, AppContext context) {
        MainWindow window = new MainWindow(context, stage);
        AppPreferences.Values prefs = context.preferences().values();
        // Never larger than the screen: the default size does not fit a 1366x768 laptop (or Monocle's 1280x800).
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(window, Math.min(prefs.windowWidth(), screen.getWidth()),
                Math.min(prefs.windowHeight(), screen.getHeight()));
        scene.getStylesheets().add(Objects.requireNonNull(MainWindow.class.getResource("app.css")).toExternalForm());
        stage.setScene(scene);
        stage.setTitle("DCGAN Explorer");
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        if (!Double.isNaN(prefs.windowX()) && !Double.isNaN(prefs.windowY())) {
            stage.setX(prefs.windowX());
            stage.setY(prefs.windowY());
        }
        stage.setMaximized(prefs.maximized());
        stage.setOnCloseRequest(e -> {
            e.consume();
            window.requestQuit();
        });
        context.setOwner(stage);
        stage.show();
        if (prefs.lastRun() != null && Files.isRegularFile(Path.of(prefs.lastRun()).resolve("manifest.json"))) {
            window.train.viewModel().openRun(Path.of(prefs.lastRun()));
        }
        if (!prefs.tourSeen()) {
            window.showTour();
        }
        return window;
    }

    private MenuBar buildMenu() {
        MenuItem open = item("Open run…", "menuOpenRun", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
                () -> {
                    selectActivity(train);
                    train.openRunDialog(stage);
                });
        MenuItem newRun = item("New training run", "menuNewRun",
                new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), () -> {
                    // The settings form is one of the panels presentation mode hides.
                    presentation.activeProperty().set(false);
                    selectActivity(train);
                    train.focusNewRun();
                });
        MenuItem save = item("Save image…", "menuSaveImage",
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::saveImage);
        MenuItem csv = item("Export losses (CSV)…", "menuExportCsv", null, () -> train.lookup("#exportCsv")
                .fireEvent(new javafx.event.ActionEvent()));
        MenuItem gif = item("Export grid evolution (GIF)…", "menuExportGif", null, () -> train.lookup("#exportGif")
                .fireEvent(new javafx.event.ActionEvent()));
        MenuItem quit = item("Quit", "menuQuit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN),
                this::requestQuit);
        Menu file = new Menu("File", null, open, newRun, new SeparatorMenuItem(), save, csv, gif,
                new SeparatorMenuItem(), quit);

        TrainViewModel vm = train.viewModel();
        MenuItem pause = item("Pause / resume   (Space)", "menuPause", null, vm::togglePause);
        MenuItem stop = item("Stop and checkpoint", "menuStop", null, vm::stop);
        Menu run = new Menu("Training", null, pause, stop);

        presentationItem.setId("menuPresentation");
        presentationItem.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        presentationItem.setOnAction(e -> presentation.activeProperty().set(presentationItem.isSelected()));
        Menu view = new Menu("View", null, presentationItem);

        MenuItem tourItem = item("Guided tour", "menuTour", null, this::showTour);
        MenuItem shortcuts = item("Keyboard shortcuts", "menuHelp", new KeyCodeCombination(KeyCode.F1),
                this::showShortcuts);
        Menu help = new Menu("Help", null, tourItem, shortcuts);
        menuBar = new MenuBar(file, run, view, help);
        return menuBar;
    }

    private static MenuItem item(String text, String id, KeyCombination key, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (key != null) {
            item.setAccelerator(key);
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private HBox buildToolbar() {
        Label name = new Label("DCGAN Explorer");
        name.getStyleClass().add("app-name");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label runLabel = new Label("Run:");
        runSelector.setId("runSelector");
        runSelector.setPromptText("No run open");
        runSelector.setPrefWidth(260);
        runSelector.setMinWidth(120);
        runSelector.setTooltip(new Tooltip("Runs under " + context.runsRoot() + "; Ctrl+O opens any other run folder."));
        runSelector.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Path p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.getFileName().toString());
            }
        });
        runSelector.setButtonCell(runSelector.getCellFactory().call(null));
        runSelector.setOnShowing(e -> refreshRuns());
        runSelector.valueProperty().addListener((o, a, chosen) -> {
            if (!syncingSelector && chosen != null && !chosen.equals(train.viewModel().runFolderProperty().get())) {
                train.viewModel().openRun(chosen);
            }
        });
        train.viewModel().runFolderProperty().addListener((o, a, folder) -> {
            syncingSelector = true;
            refreshRuns();
            runSelector.setValue(folder);
            syncingSelector = false;
        });
        runSelector.disableProperty().bind(train.viewModel().phaseProperty().isNotEqualTo(TrainViewModel.Phase.EMPTY)
                .and(train.viewModel().phaseProperty().isNotEqualTo(TrainViewModel.Phase.VIEWING)));
        refreshRuns();
        // At 1024 wide only the two lists give way; every label and button keeps its text.
        for (Region r : List.of(name, runLabel)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(name, spacer, modelPickerBox(), runLabel, runSelector);
        bar.getStyleClass().add("app-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /**
     * The one model picker: every pane but Train shows what the app's current model draws, so the choice
     * lives here and each pane names the model it shows.
     */
    private HBox modelPickerBox() {
        HBox box = new HBox(6, buildModelPicker());
        box.setAlignment(Pos.CENTER_LEFT);
        box.setId("modelPickerBar");
        return box;
    }

    private Node[] buildModelPicker() {
        ModelService models = context.models();
        Label label = new Label("Model:");
        ComboBox<ModelChoice> picker = ModelChooser.create(models, "modelPicker");
        picker.setTooltip(new Tooltip("The model Walk, Arithmetic, Ablate and Probe show: saved models under "
                + models.modelsRoot() + " and runs with a checkpoint"));
        Button open = new Button("Open model…");
        open.setId("modelOpenFolder");
        open.setTooltip(new Tooltip("A saved model (with model.json) or a run folder (its newest checkpoint)"));
        open.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Open a model or run folder");
            File dir = dc.showDialog(stage);
            if (dir != null) {
                models.open(dir.toPath());
            }
        });
        picker.setPrefWidth(200);
        picker.setMinWidth(110);
        CheckBox follow = new CheckBox("Follow run");
        follow.setId("modelFollow");
        follow.selectedProperty().bindBidirectional(models.followProperty());
        follow.setTooltip(new Tooltip("Follow the newest checkpoint: for a run being trained, load each new "
                + "checkpoint as it is written"));
        for (Region r : List.of(label, open, follow)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        ProgressIndicator loading = new ProgressIndicator();
        loading.setPrefSize(18, 18);
        loading.visibleProperty().bind(models.loadingProperty());
        Region gap = new Region();
        gap.setMinWidth(16);
        return new Node[] {label, picker, open, follow, loading, gap};
    }

    private void refreshRuns() {
        List<Path> runs = new java.util.ArrayList<>(RunCatalog.list(context.runsRoot()));
        Path current = train.viewModel().runFolderProperty().get();
        if (current != null && !runs.contains(current)) {
            runs.add(0, current);
        }
        boolean was = syncingSelector;
        syncingSelector = true;
        Path value = runSelector.getValue();
        runSelector.getItems().setAll(runs);
        runSelector.setValue(value);
        syncingSelector = was;
    }

    /**
     * Keys of the window itself, taken before any control sees them: Esc closes the tour, else leaves
     * presentation mode; arrows and Enter move through the tour while its card has the focus.
     */
    private List<Shortcut> windowKeys() {
        return List.of(
                Shortcut.when("Esc", "Close the guided tour", tourOverlay::handleKey,
                        new KeyCodeCombination(KeyCode.ESCAPE)),
                Shortcut.when("← → Enter", "Back, Next and the focused button of the guided tour (while its card has"
                        + " the focus)", tourOverlay::handleKey, new KeyCodeCombination(KeyCode.LEFT),
                        new KeyCodeCombination(KeyCode.RIGHT), new KeyCodeCombination(KeyCode.PAGE_UP),
                        new KeyCodeCombination(KeyCode.PAGE_DOWN), new KeyCodeCombination(KeyCode.ENTER)),
                Shortcut.when("Esc", "Leave presentation mode", e -> {
                    if (!presentation.isActive()) {
                        return false;
                    }
                    presentation.activeProperty().set(false);
                    return true;
                }, new KeyCodeCombination(KeyCode.ESCAPE)));
    }

    private void routeWindowKey(KeyEvent event) {
        if (getScene() != null && Shortcut.dispatch(windowKeys(), event)) {
            event.consume();
        }
    }

    /**
     * A key the focused control did not use goes to the shown activity's shortcuts, unless the user is
     * typing or the tour's card has the focus.
     */
    private void routeActivityKey(KeyEvent event) {
        if (getScene() == null) {
            return;
        }
        Node focus = getScene().getFocusOwner();
        if (focus instanceof TextInputControl || tourOverlay.owns(focus)) {
            return;
        }
        ActivityPane shown = selectedActivity();
        if (shown != null && shown.handleKey(event)) {
            event.consume();
        }
    }

    private ActivityPane selectedActivity() {
        int i = tabs.getSelectionModel().getSelectedIndex();
        return i < 0 ? null : activities.get(i);
    }

    private void selectActivity(ActivityPane pane) {
        tabs.getSelectionModel().select(activities.indexOf(pane));
    }

    private Optional<ActivityPane> activityTitled(String title) {
        return activities.stream().filter(a -> a.title().equals(title)).findFirst();
    }

    /** The tab shown at the last exit, or Walk on a first launch (and when that tab no longer exists). */
    private void restoreActivity() {
        String last = context.preferences().values().lastActivity();
        activityTitled(last == null ? FIRST_ACTIVITY : last).or(() -> activityTitled(FIRST_ACTIVITY))
                .ifPresent(this::selectActivity);
    }

    // ---- guided tour -----------------------------------------------------------------------------------

    /** Opens the guided tour at its first step (Help → Guided tour; by itself on a first launch). */
    public void showTour() {
        // Seen once it has been shown: a quit with the tour open does not bring it back next time.
        context.preferences().update(v -> v.withTourSeen(true));
        tour.start();
    }

    /** The tour's state, for tests and the screenshot tool. */
    public TourViewModel tour() {
        return tour;
    }

    private void showTourStep(TourStep step) {
        if (!tour.showingProperty().get()) {
            return;
        }
        clearTourHighlight();
        activityTitled(step.activity()).ifPresent(pane -> {
            selectActivity(pane);
            tabs.getSelectionModel().getSelectedItem().getStyleClass().add(TOUR_TAB);
            // Lay the tab out first: its parts have no place yet when it was hidden a moment ago.
            pane.node().applyCss();
            if (pane.node() instanceof Parent parent) {
                parent.layout();
            }
            highlighted = step.targets().stream().map(pane.node()::lookup)
                    .filter(n -> n != null && isShown(n)).findFirst().orElse(null);
            List<Node> keepClear = new java.util.ArrayList<>(step.keepClear().stream().map(pane.node()::lookup)
                    .filter(Objects::nonNull).toList());
            // The marked tab too: it says where the reader is.
            tabs.applyCss();
            Optional.ofNullable(tabs.lookup("." + TOUR_TAB)).ifPresent(keepClear::add);
            if (highlighted != null) {
                highlighted.getStyleClass().add(TOUR_HIGHLIGHT);
                TourOverlay.scrollIntoView(highlighted);
            }
            tourOverlay.setTarget(highlighted, keepClear);
        });
    }

    private static boolean isShown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void clearTourHighlight() {
        tabs.getTabs().forEach(t -> t.getStyleClass().remove(TOUR_TAB));
        if (highlighted != null) {
            highlighted.getStyleClass().remove(TOUR_HIGHLIGHT);
            highlighted = null;
        }
        tourOverlay.setTarget(null, List.of());
    }

    /** Written at once, so the tour does not open by itself again even if the app is killed. */
    private void rememberTourSeen() {
        context.preferences().update(v -> v.withTourSeen(true));
        writePreferences();
    }

    // ---- presentation mode -----------------------------------------------------------------------------

    /** Presentation mode (F5): full screen, large type and pictures, side panels hidden; Esc or F5 leaves it. */
    public void setPresentation(boolean on) {
        presentation.activeProperty().set(on);
    }

    public boolean isPresentation() {
        return presentation.isActive();
    }

    private void saveImage() {
        ActivityPane shown = selectedActivity();
        if (shown == null || !shown.saveImage(stage)) {
            context.errors().warning("Nothing to save", "This pane shows no image yet.");
        }
    }

    /** One line of the F1 list: where the keys work, the keys, what they do. */
    record ShortcutRow(String where, String keys, String description) {
    }

    /**
     * Every shortcut: the menus' accelerators, the window's keys, then each activity's, read from where they
     * are registered so the list names exactly the keys that work.
     */
    List<ShortcutRow> shortcutRows() {
        List<ShortcutRow> rows = new java.util.ArrayList<>();
        for (Menu menu : menuBar.getMenus()) {
            for (MenuItem item : menu.getItems()) {
                if (item.getAccelerator() != null) {
                    rows.add(new ShortcutRow("Window", item.getAccelerator().getDisplayText(),
                            menu.getText() + " → " + item.getText().replace("…", "")));
                }
            }
        }
        for (Shortcut s : windowKeys()) {
            rows.add(new ShortcutRow("Window", s.keys(), s.description()));
        }
        for (ActivityPane a : activities) {
            for (Shortcut s : a.shortcuts()) {
                rows.add(new ShortcutRow(a.title(), s.keys(), s.description()));
            }
        }
        return rows;
    }

    private void showShortcuts() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("help-grid");
        grid.setHgap(18);
        grid.setVgap(6);
        String where = null;
        int r = 0;
        for (ShortcutRow row : shortcutRows()) {
            if (!row.where().equals(where)) {
                where = row.where();
                Label section = new Label(where.equals("Window") ? "Anywhere" : "On the " + where + " pane");
                section.getStyleClass().add("help-section");
                grid.add(section, 0, r++, 2, 1);
            }
            Label key = new Label(row.keys());
            key.getStyleClass().add("key");
            grid.addRow(r++, key, new Label(row.description()));
        }
        Label note = new Label("A pane's keys act when the focused control does not use them: a focused slider "
                + "keeps its arrow keys, a text field keeps every key.");
        note.getStyleClass().add("hint");
        note.setWrapText(true);
        grid.add(note, 0, r, 2, 1);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(Math.min(560, 26.0 * r + 40));
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().setContent(scroll);
        alert.getDialogPane().setId("shortcutsDialog");
        alert.show();
    }

    /** Quit: asks first while training, then stops with a checkpoint so nothing is lost, then exits. */
    public void requestQuit() {
        if (exiting) {
            return;
        }
        TrainViewModel vm = train.viewModel();
        if (vm.isTrainingActive()) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                    "Training is running. Stop it and quit? A checkpoint keeps every step so far, and "
                            + "\"Resume a run…\" continues from it.", ButtonType.OK, ButtonType.CANCEL);
            ask.initOwner(stage);
            ask.setHeaderText("Stop training and quit?");
            ask.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
                exiting = true;
                vm.stopAndThen(this::exit);
            });
            return;
        }
        exiting = true;
        exit();
    }

    private void exit() {
        savePreferences();
        activities.forEach(ActivityPane::dispose);
        status.dispose();
        context.close();
        Platform.exit();
    }

    private void restoreDataChoice() {
        AppPreferences.Values prefs = context.preferences().values();
        TrainViewModel vm = train.viewModel();
        if (prefs.lastDataKind() != null) {
            vm.dataKinds().stream().filter(k -> k.name().equals(prefs.lastDataKind())).findFirst()
                    .ifPresent(vm.dataKindProperty()::set);
        }
        if (prefs.lastImageFolder() != null) {
            vm.imageFolderProperty().set(prefs.lastImageFolder());
        }
    }

    /**
     * Writes window geometry (as it was before presentation mode, which is never saved), the open run, the
     * data choice, the tab shown and whether the tour has been seen.
     */
    void savePreferences() {
        TrainViewModel vm = train.viewModel();
        Path run = vm.runFolderProperty().get();
        PresentationMode.Bounds b = presentation.windowBounds();
        ActivityPane shown = selectedActivity();
        context.preferences().update(v -> v.withWindow(b.x(), b.y(),
                        b.maximized() ? v.windowWidth() : b.width(), b.maximized() ? v.windowHeight() : b.height(),
                        b.maximized())
                .withLastRun(run == null ? null : run.toString())
                .withData(vm.dataKindProperty().get() == null ? null : vm.dataKindProperty().get().name(),
                        vm.imageFolderProperty().get().isBlank() ? null : vm.imageFolderProperty().get())
                .withLastActivity(shown == null ? null : shown.title()));
        writePreferences();
    }

    private void writePreferences() {
        try {
            context.preferences().save();
        } catch (IOException e) {
            // Not worth a dialog; the next launch starts from the defaults.
            System.err.println("Could not save preferences to " + context.preferences().file() + ": " + e.getMessage());
        }
    }

    public TrainPane trainPane() {
        return train;
    }
}
