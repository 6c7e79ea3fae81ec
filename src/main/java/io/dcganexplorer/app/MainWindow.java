package io.dcganexplorer.app;

import io.dcganexplorer.app.common.AppPreferences;
import io.dcganexplorer.app.status.StatusPane;
import io.dcganexplorer.app.train.RunCatalog;
import io.dcganexplorer.app.train.TrainPane;
import io.dcganexplorer.app.train.TrainViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
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
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The shell: menu with shortcuts, the run selector, one tab per registered activity and the status bar.
 * Remembers window size and the open run; closing while training asks, stops with a checkpoint, then exits.
 */
public final class MainWindow extends BorderPane {

    private final AppContext context;
    private final Stage stage;
    private final List<ActivityPane> activities;
    private final TrainPane train;
    private final TabPane tabs = new TabPane();
    private final StatusPane status;
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
        status = new StatusPane(context.statusViewModel(), trainVm.activityProperty());
        setTop(new VBox(buildMenu(), buildToolbar()));
        setCenter(tabs);
        setBottom(status);
        addEventFilter(KeyEvent.KEY_PRESSED, this::routeKey);
        restoreDataChoice();
    }

    /** Builds the scene, restores the window and the last run, and shows the stage. */
    public static MainWindow open(Stage stage, AppContext context) {
        MainWindow window = new MainWindow(context, stage);
        AppPreferences.Values prefs = context.preferences().values();
        Scene scene = new Scene(window, prefs.windowWidth(), prefs.windowHeight());
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

        MenuItem shortcuts = item("Keyboard shortcuts", "menuHelp", new KeyCodeCombination(KeyCode.F1),
                this::showShortcuts);
        Menu help = new Menu("Help", null, shortcuts);
        return new MenuBar(file, run, help);
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
        runSelector.setPrefWidth(320);
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
        HBox bar = new HBox(name, spacer, runLabel, runSelector);
        bar.getStyleClass().add("app-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
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

    /** Space pauses and resumes unless the user is typing; other keys go to the shown activity. */
    private void routeKey(KeyEvent event) {
        if (getScene() == null || getScene().getFocusOwner() instanceof TextInputControl) {
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

    private void saveImage() {
        ActivityPane shown = selectedActivity();
        if (shown == null || !shown.saveImage(stage)) {
            context.errors().warning("Nothing to save", "This pane shows no image yet.");
        }
    }

    private void showShortcuts() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("help-grid");
        grid.setHgap(18);
        grid.setVgap(6);
        String[][] rows = {
            {"Ctrl+O", "Open a run folder (follows it live while another process trains)"},
            {"Ctrl+N", "New training run: jump to the settings"},
            {"Ctrl+S", "Save the image the pane shows (the sample grid) as PNG"},
            {"Space", "Pause or resume training (Train pane)"},
            {"F1", "This list"},
            {"Ctrl+Q", "Quit (asks first while training; a checkpoint keeps every step)"},
        };
        for (int r = 0; r < rows.length; r++) {
            Label key = new Label(rows[r][0]);
            key.getStyleClass().add("key");
            grid.addRow(r, key, new Label(rows[r][1]));
        }
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().setContent(grid);
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

    /** Writes window geometry, the open run and the data choice. */
    void savePreferences() {
        TrainViewModel vm = train.viewModel();
        Path run = vm.runFolderProperty().get();
        boolean max = stage.isMaximized();
        context.preferences().update(v -> v.withWindow(stage.getX(), stage.getY(),
                        max ? v.windowWidth() : stage.getWidth(), max ? v.windowHeight() : stage.getHeight(), max)
                .withLastRun(run == null ? null : run.toString())
                .withData(vm.dataKindProperty().get() == null ? null : vm.dataKindProperty().get().name(),
                        vm.imageFolderProperty().get().isBlank() ? null : vm.imageFolderProperty().get()));
        try {
            context.preferences().save();
        } catch (IOException e) {
            // Not worth a dialog on the way out; the next launch starts from the defaults.
            System.err.println("Could not save preferences to " + context.preferences().file() + ": " + e.getMessage());
        }
    }

    public TrainPane trainPane() {
        return train;
    }
}
