package io.dcganexplorer.app.common;

import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.input.KeyEvent;
import javafx.stage.Window;

/**
 * One activity of the main window (Train, and later Walk, Arithmetic, Ablate, Probe): a tab with a title,
 * an icon and its content. Activities are registered in one place, {@code io.dcganexplorer.app.Activities.create}.
 */
public interface ActivityPane {

    String title();

    /** A short glyph shown before the title (a Unicode symbol; no icon font needed). */
    String icon();

    Node node();

    /** Saves the image the activity shows (Ctrl+S); returns false when it has none to save. */
    default boolean saveImage(Window owner) {
        return false;
    }

    /**
     * The activity's keyboard shortcuts. They act on a key the focused control left unused (a focused slider
     * keeps its arrow keys) while no text field has the focus, and the F1 list shows them.
     */
    default List<Shortcut> shortcuts() {
        return List.of();
    }

    /** A key pressed while this activity is shown that no focused control used; true if a shortcut took it. */
    default boolean handleKey(KeyEvent event) {
        return Shortcut.dispatch(shortcuts(), event);
    }

    /** What the activity is doing now, for the status bar ("Probe: …"); empty (or "Idle") while it does nothing. */
    default ObservableStringValue activity() {
        return new ReadOnlyStringWrapper("").getReadOnlyProperty();
    }

    /** Gives the keyboard focus to where a user starts on this pane (when the guided tour closes). */
    default void focusStart() {
        node().requestFocus();
    }

    /**
     * Presentation mode (F5) turned on or off. Fonts grow by themselves (the scene root gets the style class
     * {@code presentation}); a pane overrides this to hide the panels that are only for setting things up
     * and to enlarge its pictures, and must restore both when it is turned off.
     */
    default void setPresentation(boolean on) {
    }

    /**
     * Style class for what only the person at the desk needs (timings, export buttons): presentation mode
     * hides every node that has it, in every pane, and shows it again afterwards.
     */
    String DEVELOPER_ONLY = "developer-only";

    /** Releases timers and threads; the window is closing. */
    default void dispose() {
    }
}
