package io.dcganexplorer.app.model;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The line at the top of a pane that names the app's current model (chosen in the main toolbar) and, when
 * the pane needs another kind, says which with a "Switch to …" button.
 */
public final class ModelBar extends HBox {

    /**
     * @param idPrefix the pane's prefix for node ids: {@code <prefix>ModelName}, {@code <prefix>ModelMismatch},
     *                 {@code <prefix>SwitchModel}
     */
    public ModelBar(CurrentModelViewModel vm, String idPrefix) {
        super(10);
        getStyleClass().add("model-bar");
        setAlignment(Pos.CENTER_LEFT);
        Label name = new Label();
        name.setId(idPrefix + "ModelName");
        name.getStyleClass().add("model-name");
        name.textProperty().bind(vm.titleProperty());
        Label mismatch = new Label();
        mismatch.setId(idPrefix + "ModelMismatch");
        mismatch.getStyleClass().add("model-mismatch");
        mismatch.setWrapText(true);
        mismatch.textProperty().bind(vm.mismatchProperty());
        mismatch.visibleProperty().bind(vm.mismatchProperty().isNotEmpty());
        mismatch.managedProperty().bind(mismatch.visibleProperty());
        Button switchTo = new Button();
        switchTo.setId(idPrefix + "SwitchModel");
        switchTo.getStyleClass().add("accent");
        switchTo.textProperty().bind(Bindings.createStringBinding(() -> vm.switchTargetProperty().get() == null ? ""
                : "Switch to " + vm.switchTargetProperty().get().name(), vm.switchTargetProperty()));
        switchTo.visibleProperty().bind(vm.switchTargetProperty().isNotNull());
        switchTo.managedProperty().bind(switchTo.visibleProperty());
        switchTo.setOnAction(e -> vm.switchModel());
        // The name and the button keep their text; the explanation wraps in the room that is left.
        name.setMinWidth(Region.USE_PREF_SIZE);
        switchTo.setMinWidth(Region.USE_PREF_SIZE);
        mismatch.setMinWidth(0);
        HBox.setHgrow(mismatch, Priority.ALWAYS);
        getChildren().addAll(name, mismatch, switchTo);
    }
}
