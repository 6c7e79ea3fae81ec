package io.dcganexplorer.app;

import static io.dcganexplorer.app.ReadmeScreenshots.exit;
import static io.dcganexplorer.app.ReadmeScreenshots.onFx;
import static io.dcganexplorer.app.ReadmeScreenshots.outputFolder;
import static io.dcganexplorer.app.ReadmeScreenshots.snapshot;
import static io.dcganexplorer.app.ReadmeScreenshots.startWithFreshPreferences;

import io.dcganexplorer.app.render.FrameView;
import io.dcganexplorer.app.walk.WalkPane;
import java.nio.file.Path;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Takes the README's screenshots of a first launch (fresh preferences in a temporary folder, the shipped
 * models: faces32 on the Walk pane with the guided tour) and of presentation mode on the Walk pane (seed 42,
 * the paper's figure-4 walk built). Run under Xvfb from the project root, with the test class path, then
 * reduce them to 256 colours (the README's command, "First launch, the guided tour and presentation mode"):
 * {@code xvfb-run -a -s "-screen 0 1400x900x24" java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt)
 * io.dcganexplorer.app.TourScreenshots assets/readme}.
 */
public final class TourScreenshots {

    private TourScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = outputFolder(args);
        AppContext context = startWithFreshPreferences("dcgan-tour-shots");
        Stage stage = onFx(Stage::new);
        MainWindow window = onFx(() -> MainWindow.open(stage, context));
        FrameView image = onFx(() -> (FrameView) window.lookup("#walkImage"));
        while (onFx(image::frame) == null) {
            Thread.sleep(200);
        }
        Thread.sleep(1500);
        snapshot(window, out.resolve("first-launch-tour.png"));
        if (Boolean.getBoolean("screens.tourSteps")) {
            // For checking where the card sits on every step; not used in the README.
            int steps = onFx(() -> window.tour().steps().size());
            for (int i = 2; i <= steps; i++) {
                onFx(() -> {
                    window.tour().next();
                    return null;
                });
                Thread.sleep(1500);
                snapshot(window, out.resolve("tour-step-" + i + ".png"));
            }
            onFx(() -> {
                window.tour().start();
                return null;
            });
        }

        onFx(() -> {
            window.tour().dismiss();
            // Seed 42 as in the Walk pane's own screenshot (docs/WALK.md); a first launch shows seed 0.
            ((WalkPane) window.lookup(".walk-pane")).viewModel().seedProperty().set(42);
            ((Button) window.lookup("#figure4")).fire();
            window.setPresentation(true);
            // Xvfb has no window manager, and without one a full-screen request does not resize the window:
            // size it to the screen as a window manager would.
            Rectangle2D screen = Screen.getPrimary().getBounds();
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(screen.getWidth());
            stage.setHeight(screen.getHeight());
            return null;
        });
        Thread.sleep(Long.getLong("screens.seconds", 6) * 1000);
        snapshot(window, out.resolve("presentation-walk.png"));
        if (Boolean.getBoolean("screens.allPanes")) {
            // For checking the layout of every pane in presentation mode; not used in the README.
            for (String title : new String[] {"Train", "Arithmetic", "Ablate", "Probe"}) {
                onFx(() -> {
                    TabPane tabs = (TabPane) window.lookup(".tab-pane");
                    tabs.getSelectionModel().select(tabs.getTabs().stream()
                            .filter(t -> t.getId().equals("tab-" + title)).findFirst().orElseThrow());
                    return null;
                });
                Thread.sleep(3000);
                snapshot(window, out.resolve("presentation-" + title.toLowerCase(java.util.Locale.ROOT) + ".png"));
            }
        }
        exit(context);
    }
}
