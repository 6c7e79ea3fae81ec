package io.dcganexplorer.app.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Moving through the tour, without the toolkit. */
class TourViewModelTest {

    private final TourViewModel tour = new TourViewModel(List.of(
            new TourStep("Walk", null, "one", "First.", List.of()),
            new TourStep("Train", null, "two", "Second.", List.of()),
            new TourStep("Probe", null, "three", "Third.", List.of())));
    private int closed;

    TourViewModelTest() {
        tour.setOnClosed(() -> closed++);
    }

    @Test
    void startOpensAtTheFirstStepEvenAfterItWasLeftHalfway() {
        tour.start();
        tour.next();
        tour.dismiss();
        tour.start();
        assertThat(tour.showingProperty().get()).isTrue();
        assertThat(tour.indexProperty().get()).isZero();
        assertThat(tour.stepProperty().get().title()).isEqualTo("one");
    }

    @Test
    void backAndNextStayWithinTheSteps() {
        tour.start();
        tour.back();
        assertThat(tour.indexProperty().get()).isZero();
        tour.next();
        tour.next();
        assertThat(tour.stepProperty().get().title()).isEqualTo("three");
        assertThat(tour.lastProperty().get()).isTrue();
        tour.back();
        assertThat(tour.stepProperty().get().title()).isEqualTo("two");
        assertThat(tour.lastProperty().get()).isFalse();
    }

    @Test
    void nextOnTheLastStepClosesTheTourAndReportsItOnce() {
        tour.start();
        tour.next();
        tour.next();
        tour.next();
        assertThat(tour.showingProperty().get()).isFalse();
        tour.next();
        tour.dismiss();
        assertThat(closed).isEqualTo(1);
    }

    @Test
    void dismissClosesFromAnyStepAndNothingMovesWhileClosed() {
        tour.start();
        tour.next();
        tour.dismiss();
        assertThat(closed).isEqualTo(1);
        tour.next();
        assertThat(tour.indexProperty().get()).isEqualTo(1);
    }

    @Test
    void aTourNeedsAStep() {
        assertThatThrownBy(() -> new TourViewModel(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
