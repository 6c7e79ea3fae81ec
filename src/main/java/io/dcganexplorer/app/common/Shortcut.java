package io.dcganexplorer.app.common;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * One keyboard shortcut of a pane: the keys as the Help list shows them, what they do, which key presses
 * they take and the action. Panes declare their shortcuts as a list of these, so the key handling and the
 * F1 list come from one place and cannot drift apart.
 *
 * @param keys the keys as shown to the user, for example "Ctrl+C" or "← →"
 * @param description what the keys do, for the F1 list
 * @param matches which key presses are this shortcut
 * @param action runs on a matching press; returns false when it did nothing (then the key is left to others)
 */
public record Shortcut(String keys, String description, Predicate<KeyEvent> matches, Predicate<KeyEvent> action) {

    /** A shortcut on one or more key combinations whose action always does something. */
    public static Shortcut on(String keys, String description, Runnable action, KeyCombination... combinations) {
        return when(keys, description, e -> {
            action.run();
            return true;
        }, combinations);
    }

    /** A shortcut on one or more key combinations whose action may decline (it returns false). */
    public static Shortcut when(String keys, String description, Predicate<KeyEvent> action,
            KeyCombination... combinations) {
        List<KeyCombination> all = Arrays.asList(combinations.clone());
        return new Shortcut(keys, description, e -> all.stream().anyMatch(c -> c.match(e)), action);
    }

    /** Runs the first of {@code shortcuts} that matches {@code event} and accepts it; true if one did. */
    public static boolean dispatch(List<Shortcut> shortcuts, KeyEvent event) {
        for (Shortcut s : shortcuts) {
            if (s.matches().test(event) && s.action().test(event)) {
                return true;
            }
        }
        return false;
    }
}
