package io.dcganexplorer.app.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tour's text: short, about every pane, and with the paper's guidelines as the app applies them. */
class GuidedTourTest {

    /** The activities' titles (Activities registers them; FirstLaunchFxTest checks each step selects its tab). */
    private static final Set<String> ACTIVITIES = Set.of("Train", "Walk", "Arithmetic", "Ablate", "Probe");

    private final List<TourStep> steps = GuidedTour.steps();

    @Test
    void theTourIsShortAndVisitsEveryPaneStartingOnWalk() {
        assertThat(steps).hasSizeBetween(6, 8);
        assertThat(steps.get(0).activity()).isEqualTo("Walk");
        assertThat(steps).extracting(TourStep::activity).allMatch(ACTIVITIES::contains)
                .containsAll(ACTIVITIES);
    }

    @Test
    void everyStepSaysItInTwoToFourSentences() {
        for (TourStep step : steps) {
            long sentences = step.text().split("(?<=[.!?])\\s+(?=[A-Z“])").length;
            assertThat(sentences).as(step.title()).isBetween(2L, 4L);
            assertThat(step.target()).as(step.title()).startsWith("#");
        }
    }

    @Test
    void theGuidelinesStepStatesThePapersRules() {
        TourStep rules = steps.get(steps.size() - 1);
        String all = rules.text() + " " + String.join(" ", rules.points());
        assertThat(all).contains("strided convolutions", "fractional-strided", "Batchnorm", "ReLU", "Tanh",
                "LeakyReLU with a slope of 0.2", "standard deviation 0.02", "learning rate of 0.0002", "β1 = 0.5",
                "[-1, 1]", "Help → Guided tour");
    }
}
