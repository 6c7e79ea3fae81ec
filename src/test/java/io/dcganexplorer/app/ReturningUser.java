package io.dcganexplorer.app;

import io.dcganexplorer.app.common.AppPreferences;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens the main window as a returning user would find it: preferences under {@code dir} with a window that
 * fits Monocle's 1280x800 screen, the tour already seen and {@code activity}'s tab last shown.
 */
final class ReturningUser {

    private ReturningUser() {
    }

    static AppContext context(Path dir, String activity) throws IOException {
        AppPreferences prefs = AppPreferences.load(dir.resolve("config"));
        prefs.update(v -> v.withWindow(0, 0, 1200, 760, false).withLastActivity(activity).withTourSeen(true));
        prefs.save();
        return AppContext.create(new AppContext.Options(dir.resolve("config"), dir.resolve("runs"),
                TinyTraining.loader()));
    }
}
