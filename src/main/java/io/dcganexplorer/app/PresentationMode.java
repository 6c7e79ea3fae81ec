package io.dcganexplorer.app;

import io.dcganexplorer.app.common.ActivityPane;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
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
    /** Whether {@link #coverScreen} sized the window, so leaving must size it back. */
    private boolean resized;
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
        for (Node n : root.lookupAll("." + ActivityPane.DEVELOPER_ONLY)) {
            n.setVisible(!on);
            n.setManaged(!on);
        }
        panes.forEach(p -> p.setPresentation(on));
        if (on) {
            windowed = Bounds.of(stage);
            // The window's own key handler decides what Esc does: close the tour first, then leave this mode.
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            stage.setFullScreen(true);
            coverScreen();
        } else {
            if (stage.isFullScreen()) {
                stage.setFullScreen(false);
            }
            if (resized && windowed != null) {
                stage.setX(windowed.x());
                stage.setY(windowed.y());
                stage.setWidth(windowed.width());
                stage.setHeight(windowed.height());
            }
            resized = false;
        }
    }

    /**
     * Without a window manager (a bare X server driving a projector, a kiosk) a full-screen request leaves
     * the window as it was, so make it as large as its screen by hand; with one, the window already is.
     */
    private void coverScreen() {
        Rectangle2D screen = Screen.getScreensForRectangle(stage.getX(), stage.getY(), Math.max(1, stage.getWidth()),
                Math.max(1, stage.getHeight())).stream().findFirst().orElse(Screen.getPrimary()).getBounds();
        if (stage.getWidth() >= screen.getWidth() && stage.getHeight() >= screen.getHeight()) {
            return;
        }
        resized = true;
        stage.setX(screen.getMinX());
        stage.setY(screen.getMinY());
        stage.setWidth(screen.getWidth());
        stage.setHeight(screen.getHeight());
    }
}
