package io.dcganexplorer.app.common;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * Shows errors as a dialog and warnings as a notification in the window's corner, and appends stack
 * traces to a log file so a bug report can include them without the user ever seeing one.
 */
public final class FxErrorReporter implements ErrorReporter {

    private final Path logFile;
    private final Supplier<Window> owner;

    public FxErrorReporter(Path logFile, Supplier<Window> owner) {
        this.logFile = logFile;
        this.owner = owner;
    }

    @Override
    public void error(String title, Throwable cause) {
        log(title, cause);
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner.get());
        alert.setTitle("DCGAN Explorer");
        alert.setHeaderText(title);
        alert.setContentText(ErrorReporter.describe(cause) + "\n\nDetails for a bug report are in " + logFile + ".");
        alert.getDialogPane().setMinWidth(520);
        alert.show();
    }

    @Override
    public void warning(String title, String message) {
        log(title + ": " + message, null);
        Notifications notification = Notifications.create().title(title).text(message)
                .position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(8));
        Window window = owner.get();
        if (window != null) {
            notification.owner(window);
        }
        notification.showWarning();
    }

    private void log(String what, Throwable cause) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println(LocalDateTime.now() + " " + what);
        if (cause != null) {
            cause.printStackTrace(out);
        }
        out.flush();
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, text.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The log is a convenience; failing to write it must not hide the original problem.
            System.err.print(text);
        }
    }
}
