/**
 * The guided tour: its steps ({@link io.dcganexplorer.app.tour.GuidedTour}), where the reader is in it
 * ({@link io.dcganexplorer.app.tour.TourViewModel}, no toolkit needed) and the card that shows it over the
 * main window without blocking the panes ({@link io.dcganexplorer.app.tour.TourOverlay}). The shell decides
 * which tab a step selects; this package knows the tabs only by their titles.
 */
package io.dcganexplorer.app.tour;
