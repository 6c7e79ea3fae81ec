package io.dcganexplorer.app.walk;

import java.util.Locale;

/**
 * z as text for the clipboard: comma-separated floats, so a z can travel between the app, a lesson
 * file, a spreadsheet or a Python prompt. Parsing names what is wrong, for the user to fix.
 */
public final class LatentText {

    private LatentText() {
    }

    /** "0.1234, -0.5, ..." with enough digits that parsing gives back the same floats. */
    public static String format(float[] z) {
        StringBuilder b = new StringBuilder(z.length * 10);
        for (int i = 0; i < z.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(Float.toString(z[i]).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    /**
     * Reads {@code nz} numbers separated by commas, spaces, semicolons or new lines; square brackets (a
     * pasted Python or JSON list) are ignored.
     *
     * @throws IllegalArgumentException naming the count or the first value that is not a finite number
     */
    public static float[] parse(String text, int nz) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the clipboard holds no text; copy a z first (" + nz + " numbers)");
        }
        String[] parts = text.replace('[', ' ').replace(']', ' ').trim().split("[\\s,;]+");
        if (parts.length != nz) {
            throw new IllegalArgumentException("expected " + nz + " numbers for this model's z, found " + parts.length);
        }
        float[] z = new float[nz];
        for (int i = 0; i < nz; i++) {
            try {
                z[i] = Float.parseFloat(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("value " + (i + 1) + " (\"" + shorten(parts[i]) + "\") is not a number");
            }
            if (!Float.isFinite(z[i])) {
                throw new IllegalArgumentException("value " + (i + 1) + " (" + parts[i] + ") is not a finite number");
            }
        }
        return z;
    }

    private static String shorten(String s) {
        return s.length() <= 20 ? s : s.substring(0, 17) + "...";
    }
}
