package io.dcganexplorer.app.walk;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/** One coordinate of z as a slider row shows it: its index and its value. */
public final class LatentDimension {

    private final int index;
    private final DoubleProperty value = new SimpleDoubleProperty();

    public LatentDimension(int index, double initial) {
        this.index = index;
        this.value.set(initial);
    }

    /** Zero-based position in z. */
    public int index() {
        return index;
    }

    public DoubleProperty valueProperty() {
        return value;
    }

    public double value() {
        return value.get();
    }
}
