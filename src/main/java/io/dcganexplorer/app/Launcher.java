package io.dcganexplorer.app;

import javafx.application.Application;

/**
 * The main class for {@code mvn javafx:run} and plain {@code java -cp}: it does not extend Application,
 * which is what lets JavaFX start from the class path without module-path flags.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(DcganExplorerApp.class, args);
    }
}
