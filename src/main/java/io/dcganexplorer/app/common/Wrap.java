package io.dcganexplorer.app.common;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

/**
 * Rows of controls that never cut a label: on a narrow window (1024x768) or at presentation mode's large
 * type, a row wraps onto a second line instead of shrinking "Layer" to "La…".
 */
public final class Wrap {

    private Wrap() {
    }

    /** A toolbar or form row that wraps: every control at its preferred width, left to right, then down. */
    public static FlowPane row(double gap, Node... children) {
        FlowPane row = new FlowPane(gap, gap);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getChildren().addAll(children);
        return row;
    }

    /** Wraps the label's text and keeps its full height, so a column that is short of space shrinks elsewhere. */
    public static void wrapWhole(Label... labels) {
        for (Label l : labels) {
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
    }

    /** Keeps each region at least as wide as its text, for rows where something else (a slider) should give. */
    public static void keepText(Region... regions) {
        for (Region r : regions) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
    }
}
