package io.dcganexplorer.app.tour;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Where the reader is in the guided tour: shown or not, and which step. Next on the last step and
 * {@link #dismiss()} both close it and tell the listener given to {@link #setOnClosed}, which remembers that
 * the tour has been seen.
 */
public final class TourViewModel {

    private final List<TourStep> steps;
    private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<TourStep> step = new ReadOnlyObjectWrapper<>();
    private Runnable onClosed = () -> { };
    private boolean finished;

    /** @param steps at least one */
    public TourViewModel(List<TourStep> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a tour needs at least one step");
        }
        this.steps = List.copyOf(steps);
        step.set(this.steps.get(0));
        index.addListener((o, a, i) -> step.set(this.steps.get(i.intValue())));
    }

    public List<TourStep> steps() {
        return steps;
    }

    /** Opens the tour at its first step (Help → Guided tour, or a first launch). */
    public void start() {
        finished = false;
        index.set(0);
        showing.set(true);
    }

    /** The next step; on the last one, closes the tour (Done). */
    public void next() {
        if (!showing.get()) {
            return;
        }
        if (isLast()) {
            finished = true;
            dismiss();
        } else {
            index.set(index.get() + 1);
        }
    }

    /** The step before; nothing on the first. */
    public void back() {
        if (showing.get() && index.get() > 0) {
            index.set(index.get() - 1);
        }
    }

    /** Closes the tour (Esc, the close button, or Done). */
    public void dismiss() {
        if (!showing.get()) {
            return;
        }
        showing.set(false);
        onClosed.run();
    }

    /** Runs each time the tour closes. */
    public void setOnClosed(Runnable action) {
        onClosed = action;
    }

    /** Whether the tour last closed by Done on its last step rather than by Esc or the close button. */
    public boolean finished() {
        return finished;
    }

    public boolean isLast() {
        return index.get() == steps.size() - 1;
    }

    /** True on the last step, where Next reads Done. */
    public BooleanBinding lastProperty() {
        return Bindings.createBooleanBinding(this::isLast, index);
    }

    public ReadOnlyBooleanProperty showingProperty() {
        return showing.getReadOnlyProperty();
    }

    /** The step shown, counted from 0. */
    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TourStep> stepProperty() {
        return step.getReadOnlyProperty();
    }
}
