package io.dcganexplorer.app;

import java.util.Locale;
import java.util.Optional;

/**
 * Turns JavaFX's failure to open a window (no GTK 3, no display, no graphics pipeline) into one line that
 * names what is missing and how to get it, instead of a stack trace.
 */
final class LaunchProblem {

    /** Where a user who cannot open a window can still work. */
    private static final String CLI = " Everything but the window works from the command line: scripts/dcgan --help";

    private LaunchProblem() {
    }

    /** The line to print for {@code failure} when it is a known reason no window can open; empty otherwise. */
    static Optional<String> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("glass gtk") || m.contains("libgtk") || m.contains("libglassgtk")) {
                return Optional.of("DCGAN Explorer cannot open a window: GTK 3 is missing. Install libgtk-3-0 "
                        + "(Debian, Ubuntu: sudo apt-get install libgtk-3-0; Fedora: sudo dnf install gtk3)." + CLI);
            }
            if (m.contains("unable to open display") || m.contains("cannot open display")) {
                return Optional.of("DCGAN Explorer cannot open a window: there is no display (DISPLAY is not set"
                        + " or not reachable). Run it in a desktop session, or under xvfb-run for tests." + CLI);
            }
            if (m.contains("no suitable pipeline") || m.contains("graphics device initialization failed")) {
                return Optional.of("DCGAN Explorer cannot open a window: JavaFX found no graphics pipeline. Install "
                        + "the OpenGL libraries (libgl1), or start it with -Dprism.order=sw for software drawing."
                        + CLI);
            }
        }
        return Optional.empty();
    }
}
