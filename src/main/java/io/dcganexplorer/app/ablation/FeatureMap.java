package io.dcganexplorer.app.ablation;

import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * One feature map of the chosen layer in the Ablate pane's list: its channel, the probe's weight (NaN
 * before a fit) and whether it is switched off. Changed on the UI thread only.
 */
public final class FeatureMap {

    private final int channel;
    private final DoubleProperty weight = new SimpleDoubleProperty(Double.NaN);
    private final BooleanProperty off = new SimpleBooleanProperty();

    public FeatureMap(int channel) {
        this.channel = channel;
    }

    public int channel() {
        return channel;
    }

    /** The probe's weight for this map, in standardised units; NaN until a probe is fitted. */
    public DoubleProperty weightProperty() {
        return weight;
    }

    /** True when the map is zeroed in the "after" images. */
    public BooleanProperty offProperty() {
        return off;
    }

    /** "+0.84", or "" before a fit. */
    public String weightText() {
        double w = weight.get();
        return Double.isNaN(w) ? "" : String.format(Locale.ROOT, "%+.2f", w);
    }
}
