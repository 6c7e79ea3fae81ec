package io.dcganexplorer.app;

import io.dcganexplorer.accel.Accel;
import javafx.application.Application;

/**
 * The main class for {@code mvn javafx:run} and plain {@code java -cp}: it does not extend Application,
 * which is what lets JavaFX start from the class path without module-path flags.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        // Before anything touches ND4J: OpenMP reads its wait policy once, when the natives load. Spinning
        // OpenMP threads would otherwise steal the FX thread's core between training ops.
        Accel.prepareBackend();
        Application.launch(DcganExplorerApp.class, args);
    }
}
