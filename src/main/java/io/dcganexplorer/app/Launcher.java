package io.dcganexplorer.app;

import io.dcganexplorer.accel.Accel;
import javafx.application.Application;

/**
 * The main class for {@code mvn javafx:run} and plain {@code java -cp}: it does not extend Application,
 * which is what lets JavaFX start from the class path without module-path flags. When JavaFX cannot open a
 * window, it prints one line naming what is missing ({@link LaunchProblem}) and exits with status 1.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        // Before anything touches ND4J: OpenMP reads its wait policy once, when the natives load. Spinning
        // OpenMP threads would otherwise steal the FX thread's core between training ops.
        Accel.prepareBackend();
        try {
            Application.launch(DcganExplorerApp.class, args);
        } catch (RuntimeException | Error e) {
            // No window can open (no GTK 3, no display): one line that says what to install, not a stack trace.
            String line = LaunchProblem.explain(e).orElse(null);
            if (line == null) {
                throw e;
            }
            System.err.println(line);
            System.exit(1);
        }
    }
}
