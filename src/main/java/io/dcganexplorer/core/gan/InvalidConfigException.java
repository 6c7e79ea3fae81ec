package io.dcganexplorer.core.gan;

/** A hyperparameter out of its valid range; the message names the field, the value and the rule. */
public final class InvalidConfigException extends IllegalArgumentException {

    private final String field;

    public InvalidConfigException(String field, Object value, String rule) {
        super(field + " = " + value + ": " + rule);
        this.field = field;
    }

    /** The name of the offending field, as used on the command line and in the UI. */
    public String field() {
        return field;
    }
}
