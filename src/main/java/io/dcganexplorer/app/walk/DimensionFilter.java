package io.dcganexplorer.app.walk;

import java.util.function.Predicate;

/**
 * The slider list's filter: z indices as typed by a user, "12", "0-9" or "3, 7, 20-25". Text that is
 * not an index or a range matches nothing, so a typo shows an empty list rather than everything.
 */
final class DimensionFilter {

    private DimensionFilter() {
    }

    static Predicate<LatentDimension> parse(String text) {
        if (text == null || text.isBlank()) {
            return d -> true;
        }
        Predicate<LatentDimension> any = d -> false;
        for (String part : text.split("[,;\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            Predicate<LatentDimension> p = range(part.trim());
            if (p == null) {
                return d -> false;
            }
            any = any.or(p);
        }
        return any;
    }

    /**
     * Why {@code text} shows no slider of a z with {@code count} dimensions, naming what was typed; empty
     * when it shows at least one (or the list is empty for want of a model).
     */
    static String problem(String text, int count) {
        if (text == null || text.isBlank() || count == 0) {
            return "";
        }
        String example = " (try 12, 0-9 or 3 7 20-25)";
        for (String part : text.split("[,;\\s]+")) {
            if (!part.isEmpty() && range(part.trim()) == null) {
                return "'" + part.trim() + "' is not a z index or a range of them" + example + ".";
            }
        }
        Predicate<LatentDimension> p = parse(text);
        for (int i = 0; i < count; i++) {
            if (p.test(new LatentDimension(i, 0))) {
                return "";
            }
        }
        return "No dimension matches '" + text.trim() + "': z has " + count + " dimensions, 0 to " + (count - 1)
                + ".";
    }

    private static Predicate<LatentDimension> range(String part) {
        try {
            int dash = part.indexOf('-', 1);
            if (dash < 0) {
                int i = Integer.parseInt(part);
                return d -> d.index() == i;
            }
            int from = Integer.parseInt(part.substring(0, dash).trim());
            int to = Integer.parseInt(part.substring(dash + 1).trim());
            return d -> d.index() >= Math.min(from, to) && d.index() <= Math.max(from, to);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
