package io.dcganexplorer.app;

import static io.dcganexplorer.app.ReadmeScreenshots.exit;
import static io.dcganexplorer.app.ReadmeScreenshots.onFx;
import static io.dcganexplorer.app.ReadmeScreenshots.outputFolder;
import static io.dcganexplorer.app.ReadmeScreenshots.snapshot;
import static io.dcganexplorer.app.ReadmeScreenshots.startWithFreshPreferences;

import io.dcganexplorer.app.render.FrameView;
import io.dcganexplorer.app.walk.WalkPane;
import java.nio.file.Path;
import java.util.Locale;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Screenshots of every pane at the screen's size, in a window and in presentation mode, for checking that
 * nothing is cut at 1024x768, 1280x800 and 1920x1080. Run once per size under Xvfb, from the project root:
 * {@code xvfb-run -a -s "-screen 0 1024x768x24" java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt)
 * io.dcganexplorer.app.PaneScreenshots /tmp/shots}. Files are named {@code WxH-window-walk.png},
 * {@code WxH-present-walk.png} and so on; {@code -Dheadless.geometry=WxH-32} under headless Monocle instead of
 * Xvfb, {@code -Dscreens.follow=RUN_DIR} to show a run on the Train pane. Not run by the test suite.
 */
public final class PaneScreenshots {

    private static final String[] PANES = {"Walk", "Train", "Arithmetic", "Ablate", "Probe"};

    private PaneScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = outputFolder(args);
        AppContext context = startWithFreshPreferences("dcgan-pane-shots");
        Stage stage = onFx(Stage::new);
        MainWindow window = onFx(() -> MainWindow.open(stage, context));
        Rectangle2D screen = onFx(() -> Screen.getPrimary().getBounds());
        String size = (int) screen.getWidth() + "x" + (int) screen.getHeight();
        FrameView image = onFx(() -> (FrameView) window.lookup("#walkImage"));
        while (onFx(image::frame) == null) {
            Thread.sleep(200);
        }
        onFx(() -> {
            window.tour().dismiss();
            // Xvfb has no window manager: size the window to the screen as a maximised window would be.
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(screen.getWidth());
            stage.setHeight(screen.getHeight());
            ((WalkPane) window.lookup(".walk-pane")).viewModel().seedProperty().set(42);
            ((Button) window.lookup("#figure4")).fire();
            // -Dscreens.follow=RUN_DIR shows a run on the Train pane, as File > Open run does.
            String run = System.getProperty("screens.follow");
            if (run != null) {
                window.trainPane().viewModel().openRun(Path.of(run));
            }
            return null;
        });
        for (String mode : new String[] {"window", "present"}) {
            if (mode.equals("present")) {
                onFx(() -> {
                    window.setPresentation(true);
                    stage.setWidth(screen.getWidth());
                    stage.setHeight(screen.getHeight());
                    return null;
                });
            }
            for (String title : PANES) {
                onFx(() -> {
                    TabPane tabs = (TabPane) window.lookup(".tab-pane");
                    tabs.getSelectionModel().select(tabs.getTabs().stream()
                            .filter(t -> t.getId().equals("tab-" + title)).findFirst().orElseThrow());
                    return null;
                });
                Thread.sleep(Long.getLong("screens.seconds", 4) * 1000);
                snapshot(window, out.resolve(size + "-" + mode + "-" + title.toLowerCase(Locale.ROOT) + ".png"));
            }
        }
        exit(context);
    }
}
