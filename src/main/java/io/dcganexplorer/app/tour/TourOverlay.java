package io.dcganexplorer.app.tour;

import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The guided tour's card, in a layer laid over the main window's tabs. Only the card takes the mouse, so
 * every pane stays usable while the tour is open (move the slider it talks about). Keys: Right or Enter for
 * Next, Left for Back while the card has focus; Esc closes it from anywhere ({@link #handleKey}).
 */
public final class TourOverlay extends StackPane {

    /** Space between the card and the window's edges. */
    private static final double MARGIN = 16;
    /** Where the card may sit, in order of preference when none covers the target less. */
    private static final List<Pos> CORNERS = List.of(Pos.BOTTOM_RIGHT, Pos.BOTTOM_LEFT, Pos.TOP_RIGHT, Pos.TOP_LEFT);

    private final TourViewModel viewModel;
    private final VBox card;
    private final VBox points = new VBox(4);
    private final Button next = new Button();
    private final Button back = new Button("Back");
    private Node target;

    public TourOverlay(TourViewModel viewModel) {
        this.viewModel = viewModel;
        getStylesheets().add(Objects.requireNonNull(TourOverlay.class.getResource("tour.css")).toExternalForm());
        getStyleClass().add("tour-layer");
        setPickOnBounds(false);

        Label counter = new Label();
        counter.setId("tourCounter");
        counter.getStyleClass().add("tour-counter");
        counter.textProperty().bind(Bindings.createStringBinding(() -> "Guided tour  ·  "
                + (viewModel.indexProperty().get() + 1) + " of " + viewModel.steps().size(), viewModel.indexProperty()));
        Button close = new Button("✕");
        close.setId("tourClose");
        close.getStyleClass().add("tour-close");
        close.setTooltip(new Tooltip("Close the tour (Esc); Help → Guided tour opens it again"));
        close.setOnAction(e -> viewModel.dismiss());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(8, counter, gap, close);
        header.setAlignment(Pos.CENTER_LEFT);

        Label title = new Label();
        title.setId("tourTitle");
        title.getStyleClass().add("tour-title");
        title.setWrapText(true);
        Label text = new Label();
        text.setId("tourText");
        text.getStyleClass().add("tour-text");
        text.setWrapText(true);
        points.setId("tourPoints");
        points.getStyleClass().add("tour-points");

        back.setId("tourBack");
        back.setOnAction(e -> viewModel.back());
        back.disableProperty().bind(viewModel.indexProperty().isEqualTo(0));
        next.setId("tourNext");
        next.getStyleClass().add("accent");
        next.textProperty().bind(Bindings.when(viewModel.lastProperty()).then("Done").otherwise("Next"));
        next.setOnAction(e -> viewModel.next());
        Label keys = new Label("← →  Esc");
        keys.getStyleClass().add("tour-keys");
        keys.setTooltip(new Tooltip("Left and Right arrows go back and on; Esc closes the tour"));
        Region gap2 = new Region();
        HBox.setHgrow(gap2, Priority.ALWAYS);
        HBox footer = new HBox(8, keys, gap2, back, next);
        footer.setAlignment(Pos.CENTER_LEFT);

        card = new VBox(header, title, text, points, footer);
        card.setId("tourCard");
        card.getStyleClass().add("tour-card");
        card.setMaxHeight(Region.USE_PREF_SIZE);
        getChildren().add(card);

        visibleProperty().bind(viewModel.showingProperty());
        viewModel.stepProperty().addListener((o, a, step) -> show(step, title, text));
        show(viewModel.stepProperty().get(), title, text);
        viewModel.showingProperty().addListener((o, was, now) -> {
            if (now) {
                next.requestFocus();
            }
        });
    }

    private void show(TourStep step, Label title, Label text) {
        title.setText(step.title());
        text.setText(step.text());
        points.getChildren().clear();
        for (String point : step.points()) {
            Label item = new Label("•  " + point);
            item.setWrapText(true);
            item.getStyleClass().add("tour-point");
            points.getChildren().add(item);
        }
        points.setVisible(!step.points().isEmpty());
        points.setManaged(!step.points().isEmpty());
    }

    /**
     * The part of the window the current step is about (null: none). The card then sits in the corner where
     * it covers least of it: bottom right unless that hides the target, as it would hide the Interpolation
     * controls the walk step talks about.
     */
    public void setTarget(Node target) {
        this.target = target;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double height = getHeight();
        double cardWidth = Math.min(card.prefWidth(-1), Math.max(0, width - 2 * MARGIN));
        double cardHeight = Math.min(card.prefHeight(cardWidth), Math.max(0, height - 2 * MARGIN));
        Bounds avoid = targetBounds();
        Pos best = CORNERS.get(0);
        double bestOverlap = Double.MAX_VALUE;
        for (Pos candidate : CORNERS) {
            double overlap = avoid == null ? 0 : overlap(cardRect(candidate, width, height, cardWidth, cardHeight), avoid);
            if (overlap < bestOverlap) {
                best = candidate;
                bestOverlap = overlap;
            }
        }
        Bounds r = cardRect(best, width, height, cardWidth, cardHeight);
        card.resizeRelocate(r.getMinX(), r.getMinY(), cardWidth, cardHeight);
    }

    /** The target's bounds in this layer's coordinates, or null when there is none on screen. */
    private Bounds targetBounds() {
        if (target == null || target.getScene() != getScene() || !target.isVisible()) {
            return null;
        }
        return sceneToLocal(target.localToScene(target.getBoundsInLocal()));
    }

    private static Bounds cardRect(Pos corner, double width, double height, double cardWidth, double cardHeight) {
        double x = corner.getHpos() == HPos.RIGHT ? width - MARGIN - cardWidth : MARGIN;
        double y = corner.getVpos() == VPos.BOTTOM ? height - MARGIN - cardHeight : MARGIN;
        return new BoundingBox(x, y, cardWidth, cardHeight);
    }

    private static double overlap(Bounds a, Bounds b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** Whether {@code node} is the card or inside it (the card has the keyboard focus). */
    public boolean owns(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == card) {
                return true;
            }
        }
        return false;
    }

    /**
     * A key pressed anywhere in the window while the tour is open: Esc closes it; with the focus in the card,
     * Left goes back, Right goes on and Enter presses the focused button. True when the key was used.
     */
    public boolean handleKey(KeyEvent event) {
        if (!viewModel.showingProperty().get()) {
            return false;
        }
        switch (event.getCode()) {
            case ESCAPE -> viewModel.dismiss();
            case LEFT, PAGE_UP -> {
                if (!owns(focusOwner())) {
                    return false;
                }
                viewModel.back();
            }
            case RIGHT, PAGE_DOWN -> {
                if (!owns(focusOwner())) {
                    return false;
                }
                viewModel.next();
            }
            case ENTER -> {
                Node focus = focusOwner();
                if (!owns(focus)) {
                    return false;
                }
                if (focus instanceof ButtonBase button) {
                    button.fire();
                } else {
                    viewModel.next();
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private Node focusOwner() {
        return getScene() == null ? null : getScene().getFocusOwner();
    }
}
