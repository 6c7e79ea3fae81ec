package io.dcganexplorer.app.status;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;

/** The status bar (ControlsFX): activity on the left, backend and memory on the right. */
public final class StatusPane extends StatusBar {

    private final Timeline memoryRefresh;

    public StatusPane(StatusBarViewModel viewModel, ObservableStringValue activity) {
        getStyleClass().add("app-status");
        setId("statusBar");
        textProperty().bind(activity);
        Label backend = new Label();
        backend.setId("statusBackend");
        backend.textProperty().bind(viewModel.backendProperty());
        Label memory = new Label();
        memory.setId("statusMemory");
        memory.textProperty().bind(viewModel.memoryProperty());
        backend.setPadding(new Insets(0, 8, 0, 8));
        memory.setPadding(new Insets(0, 4, 0, 8));
        getRightItems().addAll(backend, new Separator(Orientation.VERTICAL), memory);
        // Reading /proc/self/status takes microseconds; every two seconds is plenty for a status bar.
        memoryRefresh = new Timeline(new KeyFrame(Duration.seconds(2), e -> viewModel.refreshMemory()));
        memoryRefresh.setCycleCount(Timeline.INDEFINITE);
        memoryRefresh.play();
    }

    /** Stops the refresh timer (window closing). */
    public void dispose() {
        memoryRefresh.stop();
    }
}
