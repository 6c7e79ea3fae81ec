package io.dcganexplorer.app.walk;

import io.dcganexplorer.app.common.Wrap;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.render.FrameView;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Directions tab: settings and a Compute button, then for each principal direction its slider (in
 * units of σ, the spread of sampled z along it) and a strip of images from -2σ to +2σ around the current z.
 */
final class DirectionsPanel extends ScrollPane {

    private static final double STRIP_SIZE = 44;
    private static final double PRESENTATION_SCALE = 1.5;

    private final DirectionsViewModel vm;
    private final VBox rows = new VBox(10);
    private double scale = 1;

    DirectionsPanel(DirectionsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("walk-panel");
        setFitToWidth(true);

        ComboBox<String> layer = new ComboBox<>(vm.layers());
        layer.setId("directionsLayer");
        layer.valueProperty().bindBidirectional(vm.layerProperty());
        layer.setTooltip(new Tooltip("The generator layer whose activations are analysed; relu0 is the 4x4 projection"));
        Spinner<Integer> samples = new Spinner<>(64, 4096, vm.samplesProperty().get(), 64);
        samples.setPrefWidth(90);
        samples.valueProperty().addListener((o, a, v) -> vm.samplesProperty().set(v));
        Spinner<Integer> count = new Spinner<>(1, 16, vm.countProperty().get());
        count.setPrefWidth(70);
        count.valueProperty().addListener((o, a, v) -> vm.countProperty().set(v));
        Button compute = new Button("Compute");
        compute.setId("computeDirections");
        compute.setOnAction(e -> vm.compute());
        compute.disableProperty().bind(vm.busyProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(vm.busyProperty());
        Button reset = new Button("Sliders to 0");
        reset.setOnAction(e -> vm.resetAmounts());
        reset.disableProperty().bind(Bindings.isEmpty(vm.directions()));
        FlowPane settings = Wrap.row(6, new Label("Layer"), layer, new Label("samples"), samples,
                new Label("directions"), count, compute, progress, reset);

        Label status = new Label();
        status.setId("directionsStatus");
        status.setWrapText(true);
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());
        Label hint = new Label("GANSpace (Härkönen et al. 2020): principal components of a layer's activations over"
                + " sampled z, carried back to z. Sliders move along one direction, in units of σ.");
        hint.setWrapText(true);
        hint.getStyleClass().add("muted");

        vm.directions().addListener((ListChangeListener<DirectionsViewModel.Direction>) c -> showRows());
        vm.strips().addListener((ListChangeListener<List<Frame>>) c -> showStrips());
        rows.setId("directionRows");
        VBox box = new VBox(10, settings, hint, status, rows);
        box.setPadding(new Insets(12));
        setContent(box);
    }

    private void showRows() {
        rows.getChildren().clear();
        for (DirectionsViewModel.Direction d : vm.directions()) {
            Label name = new Label(d.label());
            name.getStyleClass().add("direction-name");
            name.setMinWidth(100);
            Slider slider = new Slider(-DirectionsViewModel.SLIDER_EXTENT, DirectionsViewModel.SLIDER_EXTENT, 0);
            slider.setId("direction-" + d.rank());
            slider.valueProperty().bindBidirectional(d.amountProperty());
            HBox.setHgrow(slider, Priority.ALWAYS);
            Label value = new Label();
            value.setMinWidth(56);
            value.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%+.2fσ",
                    d.amountProperty().get()), d.amountProperty()));
            HBox strip = new HBox(2);
            strip.getStyleClass().add("strip");
            for (int i = 0; i < DirectionsViewModel.STRIP_LENGTH; i++) {
                strip.getChildren().add(new FrameView(STRIP_SIZE * scale));
            }
            HBox top = new HBox(8, name, slider, value);
            top.setAlignment(Pos.CENTER_LEFT);
            rows.getChildren().add(new VBox(4, top, strip));
        }
        showStrips();
    }

    /** Presentation mode: strips half as large again. */
    void setPresentation(boolean on) {
        scale = on ? PRESENTATION_SCALE : 1;
        showRows();
    }

    private void showStrips() {
        List<List<Frame>> strips = vm.strips();
        for (int r = 0; r < rows.getChildren().size() && r < strips.size(); r++) {
            HBox strip = (HBox) ((VBox) rows.getChildren().get(r)).getChildren().get(1);
            List<Frame> frames = strips.get(r);
            for (int i = 0; i < frames.size() && i < strip.getChildren().size(); i++) {
                ((FrameView) strip.getChildren().get(i)).show(frames.get(i));
            }
        }
    }
}
