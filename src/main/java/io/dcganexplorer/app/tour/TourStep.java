package io.dcganexplorer.app.tour;

import java.util.List;

/**
 * One step of the guided tour.
 *
 * @param activity the title of the tab the step shows (for example "Walk")
 * @param target a CSS selector, looked up in that tab, for the part of the pane the step is about; null for none
 * @param title the step's heading
 * @param text two to four sentences a classroom can follow
 * @param points short items shown as a list under the text; empty for none
 */
public record TourStep(String activity, String target, String title, String text, List<String> points) {

    public TourStep {
        points = List.copyOf(points);
    }
}
