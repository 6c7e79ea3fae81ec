package io.dcganexplorer.app.train;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One editable number of a new run, with the paper's value and a one-line explanation for the tooltip.
 * The text is parsed when the run starts; a bad value sets {@link #errorProperty()} with the rule it broke.
 */
public final class HyperparameterField {

    private final String key;
    private final String label;
    private final String explanation;
    private final String paperValue;
    private final StringProperty text;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /**
     * @param key the name DcganConfig and InvalidConfigException use ("nz", "learningRate", ...)
     * @param label what the form shows
     * @param explanation one line on what the value does
     * @param paperValue the value Radford et al. used (or the app's default where the paper has none)
     */
    public HyperparameterField(String key, String label, String explanation, String paperValue) {
        this.key = key;
        this.label = label;
        this.explanation = explanation;
        this.paperValue = paperValue;
        this.text = new SimpleStringProperty(this, key, paperValue);
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String explanation() {
        return explanation;
    }

    public String paperValue() {
        return paperValue;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    void setError(String message) {
        error.set(message == null ? "" : message);
    }

    /** The text as an int; sets the error and throws if it is not one. */
    int intValue() {
        try {
            return Integer.parseInt(text.get().trim());
        } catch (NumberFormatException e) {
            throw invalid("a whole number");
        }
    }

    long longValue() {
        try {
            return Long.parseLong(text.get().trim());
        } catch (NumberFormatException e) {
            throw invalid("a whole number");
        }
    }

    double doubleValue() {
        try {
            return Double.parseDouble(text.get().trim());
        } catch (NumberFormatException e) {
            throw invalid("a number such as " + paperValue);
        }
    }

    private IllegalArgumentException invalid(String expected) {
        String message = label + " = '" + text.get() + "': must be " + expected;
        setError(message);
        return new IllegalArgumentException(message);
    }
}
