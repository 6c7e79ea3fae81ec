package io.dcganexplorer.app.tour;

import java.util.List;

/**
 * One step of the guided tour.
 *
 * @param activity the title of the tab the step shows (for example "Walk")
 * @param target a CSS selector, looked up in that tab, for the part of the pane the step is about; null for none.
 *     Several selectors separated by " | " name alternatives: the first one shown is used (the probe's table,
 *     or the note that says why there is none)
 * @param title the step's heading
 * @param text two to four sentences a classroom can follow
 * @param points short items shown as a list under the text; empty for none
 * @param keepClear selectors for other parts of the tab the text sends the reader to, which the card must not
 *     cover either where there is room elsewhere
 */
public record TourStep(String activity, String target, String title, String text, List<String> points,
        List<String> keepClear) {

    public TourStep {
        points = List.copyOf(points);
        keepClear = List.copyOf(keepClear);
    }

    /** A step with nothing to keep clear but its target. */
    public TourStep(String activity, String target, String title, String text, List<String> points) {
        this(activity, target, title, text, points, List.of());
    }

    /** The target's alternatives, in order of preference; empty for none. */
    public List<String> targets() {
        return target == null ? List.of() : List.of(target.split("\\s*\\|\\s*"));
    }
}
