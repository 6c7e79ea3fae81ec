package io.dcganexplorer.app.model;

import javafx.scene.control.ComboBox;

/** The model drop-down the Walk and Probe panes share: it follows and changes {@link ModelService}'s selection. */
public final class ModelChooser {

    private ModelChooser() {
    }

    /**
     * A combo box listing {@code models}' choices, showing the selected one, refreshing the list when it
     * opens and opening the model the user picks (unless it is already the selected one).
     */
    public static ComboBox<ModelChoice> create(ModelService models, String id) {
        ComboBox<ModelChoice> chooser = new ComboBox<>(models.choices());
        chooser.setId(id);
        chooser.setPromptText("No model");
        chooser.setPrefWidth(280);
        chooser.setValue(models.selectedProperty().get());
        models.selectedProperty().addListener((o, a, chosen) -> chooser.setValue(chosen));
        chooser.setOnShowing(e -> models.refresh());
        chooser.setOnAction(e -> {
            ModelChoice chosen = chooser.getValue();
            if (chosen != null && !chosen.equals(models.selectedProperty().get())) {
                models.open(chosen);
            }
        });
        return chooser;
    }
}
