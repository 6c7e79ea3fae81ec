package io.dcganexplorer.app.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
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
    /** Where the card may sit, in order of preference when none covers what the step is about less. */
    private static final List<Pos> PLACES = List.of(Pos.BOTTOM_RIGHT, Pos.BOTTOM_LEFT, Pos.TOP_RIGHT, Pos.TOP_LEFT,
            Pos.BOTTOM_CENTER, Pos.TOP_CENTER, Pos.CENTER_RIGHT, Pos.CENTER_LEFT);
    /** Covering the target itself costs this many times more than covering a part the text also names. */
    private static final double TARGET_WEIGHT = 4;
    /** Step between the heights tried for the card. */
    private static final double SLIDE = 8;
    /** The narrow card's share of the card's width. */
    private static final double NARROW = 0.72;
    private static final double NARROWEST = 0.6;
    /** The ring's distance outside the target. */
    private static final double RING = 3;

    private final TourViewModel viewModel;
    private final VBox card;
    private final VBox points = new VBox(4);
    private final Button next = new Button();
    private final Button back = new Button("Back");
    private Node target;
    private List<Node> keepClear = List.of();
    /** The ring drawn round the target: an effect on the target itself is clipped by scroll and split panes. */
    private final Region ring = new Region();
    private final InvalidationListener follow = o -> requestLayout();

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
        ring.setId("tourRing");
        ring.getStyleClass().add("tour-ring");
        ring.setMouseTransparent(true);
        ring.setManaged(false);
        ring.setVisible(false);
        getChildren().addAll(ring, card);

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
     * The part of the window the current step is about (null: none), ringed, and other parts its text names.
     * The card then sits where it covers least of them: bottom right unless that hides one, as it would hide
     * the Interpolation controls the walk step talks about.
     */
    public void setTarget(Node target, List<Node> keepClear) {
        if (this.target != null) {
            this.target.localToSceneTransformProperty().removeListener(follow);
            this.target.layoutBoundsProperty().removeListener(follow);
        }
        this.target = target;
        this.keepClear = List.copyOf(keepClear);
        if (target != null) {
            // Follow the target as it scrolls or its pane is laid out again.
            target.localToSceneTransformProperty().addListener(follow);
            target.layoutBoundsProperty().addListener(follow);
        }
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double height = getHeight();
        Bounds avoid = boundsOf(target);
        List<Bounds> others = keepClear.stream().map(this::boundsOf).filter(Objects::nonNull).toList();
        Bounds best = null;
        double bestCost = Double.MAX_VALUE;
        // The card at its width, else narrower and taller where that fits a free place.
        for (double share : new double[] {1, NARROW, NARROWEST}) {
            double cardWidth = Math.min(card.prefWidth(-1) * share, Math.max(0, width - 2 * MARGIN));
            double cardHeight = Math.min(card.prefHeight(cardWidth), Math.max(0, height - 2 * MARGIN));
            List<Bounds> rects = new ArrayList<>();
            for (Pos candidate : PLACES) {
                rects.add(cardRect(candidate, width, height, cardWidth, cardHeight));
            }
            // Then every height at the left, right and middle: a free band between two parts the step names.
            for (Pos side : List.of(Pos.BOTTOM_RIGHT, Pos.BOTTOM_LEFT, Pos.BOTTOM_CENTER)) {
                Bounds lowest = cardRect(side, width, height, cardWidth, cardHeight);
                for (double y = lowest.getMinY() - SLIDE; y > MARGIN; y -= SLIDE) {
                    rects.add(new BoundingBox(lowest.getMinX(), y, cardWidth, cardHeight));
                }
            }
            for (Bounds r : rects) {
                // Shares, not areas: hiding a whole row of buttons is worse than a corner of a large grid.
                double cost = avoid == null ? 0 : TARGET_WEIGHT * share(r, avoid);
                for (Bounds b : others) {
                    cost += share(r, b);
                }
                if (cost < bestCost) {
                    best = r;
                    bestCost = cost;
                }
            }
        }
        card.resizeRelocate(best.getMinX(), best.getMinY(), best.getWidth(), best.getHeight());
        Bounds shown = avoid == null ? null : intersection(avoid, new BoundingBox(0, 0, width, height));
        ring.setVisible(shown != null);
        if (shown != null) {
            ring.resizeRelocate(shown.getMinX() - RING, shown.getMinY() - RING, shown.getWidth() + 2 * RING,
                    shown.getHeight() + 2 * RING);
        }
    }

    /**
     * A node's bounds in this layer's coordinates, cut to what its scroll panes show; null when it is not on
     * screen.
     */
    private Bounds boundsOf(Node node) {
        if (node == null || node.getScene() != getScene() || !node.isVisible()) {
            return null;
        }
        Bounds b = sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        for (Node p = node.getParent(); p != null && b != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return null;
            }
            if (p instanceof ScrollPane || p.getStyleClass().contains("clipped-container")) {
                b = intersection(b, sceneToLocal(p.localToScene(p.getBoundsInLocal())));
            }
        }
        return b;
    }

    private static Bounds intersection(Bounds a, Bounds b) {
        double x = Math.max(a.getMinX(), b.getMinX());
        double y = Math.max(a.getMinY(), b.getMinY());
        double w = Math.min(a.getMaxX(), b.getMaxX()) - x;
        double h = Math.min(a.getMaxY(), b.getMaxY()) - y;
        return w <= 0 || h <= 0 ? null : new BoundingBox(x, y, w, h);
    }

    private static Bounds cardRect(Pos place, double width, double height, double cardWidth, double cardHeight) {
        double x = switch (place.getHpos()) {
            case RIGHT -> width - MARGIN - cardWidth;
            case CENTER -> (width - cardWidth) / 2;
            default -> MARGIN;
        };
        double y = switch (place.getVpos()) {
            case BOTTOM -> height - MARGIN - cardHeight;
            case CENTER -> (height - cardHeight) / 2;
            default -> MARGIN;
        };
        return new BoundingBox(x, y, cardWidth, cardHeight);
    }

    /**
     * Scrolls every scroll pane that holds {@code node} so that it is in view (centred where the pane can),
     * as the last step's Paper defaults button is at the foot of the Train form. Call after a layout pass.
     */
    public static void scrollIntoView(Node node) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane scroll && scroll.getContent() != null) {
                Node content = scroll.getContent();
                Bounds in = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                Bounds view = scroll.getViewportBounds();
                double extraHeight = content.getLayoutBounds().getHeight() - view.getHeight();
                if (extraHeight > 0) {
                    double top = in.getMinY() - Math.max(0, (view.getHeight() - in.getHeight()) / 2);
                    scroll.setVvalue(scroll.getVmin() + Math.max(0, Math.min(1, top / extraHeight))
                            * (scroll.getVmax() - scroll.getVmin()));
                }
                double extraWidth = content.getLayoutBounds().getWidth() - view.getWidth();
                if (extraWidth > 0) {
                    double left = in.getMinX() - Math.max(0, (view.getWidth() - in.getWidth()) / 2);
                    scroll.setHvalue(scroll.getHmin() + Math.max(0, Math.min(1, left / extraWidth))
                            * (scroll.getHmax() - scroll.getHmin()));
                }
            }
        }
    }

    /** The share of {@code part}'s area under {@code card}. */
    private static double share(Bounds card, Bounds part) {
        double area = part.getWidth() * part.getHeight();
        return area <= 0 ? 0 : overlap(card, part) / area;
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
