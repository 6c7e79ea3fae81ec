package io.dcganexplorer.app;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;

/**
 * Finds what a reader cannot read in a laid-out scene: labels, buttons and headers whose drawn text is not
 * their text (JavaFX 21 has no {@code Labeled#isTextTruncated}, so the skin's text node is compared with the
 * control's text: a cut one ends in an ellipsis), and controls that lie past the right or bottom edge of the
 * window with no scroll pane to bring them back.
 */
public final class CutText {

    private CutText() {
    }

    /** One line per problem under {@code root}, naming the control and what is wrong; empty when all reads. */
    public static List<String> problems(Parent root) {
        List<String> found = new ArrayList<>();
        Bounds window = root.localToScene(root.getLayoutBounds());
        collect(root, window, false, found);
        return found;
    }

    private static void collect(Node node, Bounds window, boolean scrollable, List<String> found) {
        if (!node.isVisible()) {
            return;
        }
        boolean inScroll = scrollable || node instanceof ScrollPane || node.getStyleClass().contains("virtual-flow");
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            Text drawn = drawnText(labeled);
            if (drawn != null && !sameText(drawn.getText(), labeled.getText())) {
                found.add(describe(labeled) + " shows \"" + drawn.getText() + "\"");
            }
            Bounds b = labeled.localToScene(labeled.getLayoutBounds());
            if (!inScroll && (b.getMinX() >= window.getMaxX() - 2 || b.getMinY() >= window.getMaxY() - 2)) {
                found.add(describe(labeled) + " lies outside the window at " + (int) b.getMinX() + ","
                        + (int) b.getMinY());
            } else if (!inScroll && b.getMaxX() > window.getMaxX() + 1 && b.getWidth() > 0) {
                found.add(describe(labeled) + " runs past the window's right edge (" + (int) b.getMaxX() + " > "
                        + (int) window.getMaxX() + ")");
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, window, inScroll, found);
            }
        }
    }

    /** The skin's text node: a direct child Text (LabeledText) of the control. */
    private static Text drawnText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child.isVisible()) {
                return text;
            }
        }
        return null;
    }

    /** Equal apart from line breaks that wrapping put in and mnemonic underscores. */
    private static boolean sameText(String drawn, String text) {
        String a = drawn.replaceAll("\\s+", " ").strip();
        String b = text.replaceAll("\\s+", " ").strip();
        return a.equals(b) || a.equals(b.replace("_", ""));
    }

    private static String describe(Labeled labeled) {
        String id = labeled.getId() == null ? "" : "#" + labeled.getId() + " ";
        Node parent = labeled.getParent();
        while (parent != null && parent.getId() == null) {
            parent = parent.getParent();
        }
        String where = parent == null ? "" : " (in #" + parent.getId() + ")";
        return labeled.getClass().getSimpleName() + " " + id + "\"" + labeled.getText() + "\"" + where
                + (labeled.getWidth() > 0 ? " " + (int) labeled.getWidth() + "px wide" : "");
    }
}
