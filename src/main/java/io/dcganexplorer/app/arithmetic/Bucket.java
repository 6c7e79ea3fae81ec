package io.dcganexplorer.app.arithmetic;

import io.dcganexplorer.app.render.Frame;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One concept of the sum (the paper's figure 7 uses three exemplars per concept): a name, a sign, the
 * exemplars picked from the grid and the image of their mean z. Changed on the UI thread only.
 */
public final class Bucket {

    /** One picked sample: where it was in the grid, its z and its image. */
    public record Exemplar(int cell, float[] z, Frame frame) {
    }

    private final StringProperty name = new SimpleStringProperty();
    private final IntegerProperty sign = new SimpleIntegerProperty();
    private final ObservableList<Exemplar> exemplars = FXCollections.observableArrayList();
    private final ObjectProperty<Frame> meanFrame = new SimpleObjectProperty<>();

    public Bucket(String name, int sign) {
        this.name.set(name);
        this.sign.set(sign);
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** +1 or -1. */
    public IntegerProperty signProperty() {
        return sign;
    }

    public ObservableList<Exemplar> exemplars() {
        return exemplars;
    }

    /** G(mean of the exemplars' z), null while there are none. */
    public ObjectProperty<Frame> meanFrameProperty() {
        return meanFrame;
    }

    /** The exemplars' z vectors, copied. */
    public List<float[]> zs() {
        return exemplars.stream().map(e -> e.z().clone()).toList();
    }
}
