package io.dcganexplorer.app.model;

import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What a pane says about the app's current model: its name (every pane shows it), and, for a pane that
 * needs another kind of model, which kind and the one-click switch to a model of that kind.
 */
public final class CurrentModelViewModel {

    private final ModelService models;
    private final ModelNeed need;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper mismatch = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ModelChoice> switchTarget = new ReadOnlyObjectWrapper<>();

    /**
     * @param need the kind of model the pane needs, or null when any model will do
     */
    public CurrentModelViewModel(ModelService models, ModelNeed need) {
        this.models = models;
        this.need = need;
        for (Observable o : new Observable[] {models.currentProperty(), models.selectedProperty(),
                models.loadingProperty(), models.choices()}) {
            o.addListener(x -> update());
        }
        update();
    }

    private void update() {
        LoadedModel current = models.currentProperty().get();
        ModelChoice selected = models.selectedProperty().get();
        boolean loading = models.loadingProperty().get() && selected != null
                && (current == null || !selected.equals(current.source()));
        if (loading) {
            title.set("Model: loading " + selected.name() + "…");
        } else {
            title.set(current == null ? "No model open" : "Model: " + current.describe());
        }
        boolean wrong = current != null && need != null && !loading && !need.metBy(current);
        mismatch.set(wrong ? need.explain(current) : "");
        switchTarget.set(wrong ? need.target(models.choices()).orElse(null) : null);
    }

    /** "Model: faces32, step 3552, 32x32x3, nz 100"; "No model open" or "Model: loading …" otherwise. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Why the current model does not suit the pane; empty when it does (or the pane takes any model). */
    public ReadOnlyStringProperty mismatchProperty() {
        return mismatch.getReadOnlyProperty();
    }

    /** The model a switch opens; null when the model suits the pane or no model of the needed kind is listed. */
    public ReadOnlyObjectProperty<ModelChoice> switchTargetProperty() {
        return switchTarget.getReadOnlyProperty();
    }

    /** Opens {@link #switchTargetProperty()} as the app's model (every pane follows); false when there is none. */
    public boolean switchModel() {
        ModelChoice target = switchTarget.get();
        if (target == null) {
            return false;
        }
        models.open(target);
        return true;
    }

    /** The kind of model the pane needs, if any. */
    public Optional<ModelNeed> need() {
        return Optional.ofNullable(need);
    }
}
