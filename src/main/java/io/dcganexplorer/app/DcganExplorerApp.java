package io.dcganexplorer.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: builds the context and the main window, and releases both on exit. */
public final class DcganExplorerApp extends Application {

    private AppContext context;

    @Override
    public void start(Stage stage) {
        context = AppContext.create(AppContext.Options.defaults());
        MainWindow.open(stage, context);
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }
}
