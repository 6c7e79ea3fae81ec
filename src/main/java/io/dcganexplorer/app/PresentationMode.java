package io.dcganexplorer.app;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/**
 * Presentation mode for a classroom: full screen, large type (the scene root gets the style class
 * {@value #STYLE_CLASS}, which app.css gives a larger font size that the panes' em sizes follow), larger
 * pictures and no side panels (each {@link ActivityPane#setPresentation}), and the shell's toolbar and
 * status bar hidden. Turning it off restores all of it. Nothing about it is saved, so a launch never starts
 * in full screen.
 */
final class PresentationMode {

    /** The style class on the scene root while presenting. */
    static final String STYLE_CLASS = "presentation";

    /** The window's place and size before it went full screen. */
    record Bounds(double x, double y, double width, double height, boolean maximized) {

        static Bounds of(Stage stage) {
            return new Bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
        }
    }

    private final BooleanProperty active = new SimpleBooleanProperty();
    private Bounds windowed;
    private final Stage stage;
    private final Parent root;
    private final List<ActivityPane> panes;
    private final List<Node> chrome;

    /**
     * @param root the scene root that gets the style class
     * @param chrome parts of the shell hidden while presenting
     */
    PresentationMode(Stage stage, Parent root, List<ActivityPane> panes, List<Node> chrome) {
        this.stage = stage;
        this.root = root;
        this.panes = panes;
        this.chrome = chrome;
        active.addListener((o, was, on) -> apply(on));
        // Leaving full screen some other way (the window manager) leaves presentation mode too.
        stage.fullScreenProperty().addListener((o, was, full) -> {
            if (!full && active.get()) {
                active.set(false);
            }
        });
    }

    /** True while presenting; the View menu's check item is bound to it. */
    BooleanProperty activeProperty() {
        return active;
    }

    boolean isActive() {
        return active.get();
    }

    /** Where the window is, or was before presenting: what a quit in presentation mode should remember. */
    Bounds windowBounds() {
        return active.get() && windowed != null ? windowed : Bounds.of(stage);
    }

    private void apply(boolean on) {
        if (on) {
            root.getStyleClass().add(STYLE_CLASS);
        } else {
            root.getStyleClass().remove(STYLE_CLASS);
        }
        for (Node n : chrome) {
            n.setVisible(!on);
            n.setManaged(!on);
        }
        panes.forEach(p -> p.setPresentation(on));
        if (on) {
            windowed = Bounds.of(stage);
            // The window's own key handler decides what Esc does: close the tour first, then leave this mode.
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            stage.setFullScreen(true);
        } else if (stage.isFullScreen()) {
            stage.setFullScreen(false);
        }
    }
}
