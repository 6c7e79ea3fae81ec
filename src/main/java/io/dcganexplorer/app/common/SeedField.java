package io.dcganexplorer.app.common;

import javafx.beans.property.LongProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * A seed typed by the user, committed on Enter or when the field loses the focus. Text that is not a seed
 * is never turned into one: the field says what was wrong, naming the text, and the seed stays as it was.
 */
public final class SeedField extends HBox {

    private final TextField field = new TextField();
    private final Label message = new Label();
    private final LongProperty seed;

    /**
     * @param seed the seed the field shows and sets
     * @param id the text field's id (the message label gets {@code id + "Message"})
     */
    public SeedField(LongProperty seed, String id) {
        super(6);
        this.seed = seed;
        field.setId(id);
        field.setPrefColumnCount(6);
        // The message takes the room it needs next to the field, never the field's own.
        field.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        message.setMaxWidth(340);
        field.setText(Long.toString(seed.get()));
        message.setId(id + "Message");
        message.getStyleClass().add("field-error");
        message.setWrapText(true);
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        HBox.setHgrow(field, Priority.ALWAYS);
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(field, message);
        field.setOnAction(e -> commit());
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit();
            }
        });
        seed.addListener((o, a, v) -> {
            field.setText(Long.toString(v.longValue()));
            message.setText("");
        });
    }

    private void commit() {
        String text = field.getText();
        String problem = problem(text);
        if (problem != null) {
            message.setText(problem + "; still seed " + seed.get() + ".");
            return;
        }
        message.setText("");
        long value = Long.parseLong(text.trim());
        if (value != seed.get()) {
            seed.set(value);
        }
    }

    /** Why {@code text} is not a seed (naming it), or null when it is one. */
    public static String problem(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return "Seed is empty: type a whole number of up to 18 digits";
        }
        if (!t.matches("\\d{1,18}")) {
            return "Seed '" + t + "' is not a whole number of up to 18 digits";
        }
        return null;
    }

    /** The text field itself (for tests and focus). */
    public TextField field() {
        return field;
    }

    /** What is wrong with the last text committed; empty when it was a seed. */
    public String message() {
        return message.getText();
    }
}
