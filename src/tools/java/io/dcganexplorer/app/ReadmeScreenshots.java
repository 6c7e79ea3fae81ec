package io.dcganexplorer.app;

import io.dcganexplorer.app.train.DatasetLoader;
import io.dcganexplorer.app.train.TrainPane;
import io.dcganexplorer.app.train.TrainViewModel;
import io.dcganexplorer.data.DatasetSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Takes the README's screenshots: the empty state, then the Train pane during a short 32x32 Fashion-MNIST
 * run (or an image folder given as the second argument). Run under Xvfb, with the test class path:
 * {@code xvfb-run -s "-screen 0 1400x900x24" java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt)
 * io.dcganexplorer.app.ReadmeScreenshots assets/readme}.
 */
public final class ReadmeScreenshots {

    // -Dscreens.follow=RUN_DIR shows an existing run instead of training a new one.

    private ReadmeScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = outputFolder(args);
        AppContext context = startWithFreshPreferences("dcgan-screens");
        MainWindow window = onFx(() -> MainWindow.open(new Stage(), context));
        Thread.sleep(2500);
        snapshot(window, out.resolve("empty-state.png"));

        TrainPane pane = window.trainPane();
        TrainViewModel vm = pane.viewModel();
        String follow = System.getProperty("screens.follow");
        if (follow != null) {
            // Show a finished (or running) run folder, as File > Open run does: real curves and grids.
            onFx(() -> {
                vm.openRun(Path.of(follow));
                return null;
            });
            Thread.sleep(Long.getLong("screens.seconds", 8) * 1000);
            snapshot(window, out.resolve("train-pane.png"));
            exit(context);
        }
        onFx(() -> {
            if (args.length > 1) {
                vm.dataKindProperty().set(DatasetSpec.Kind.IMAGE_FOLDER);
                vm.imageFolderProperty().set(args[1]);
            }
            vm.imageSizeProperty().set(32);
            vm.channelsProperty().set(1);
            vm.field("ngf").textProperty().set("16");
            vm.field("ndf").textProperty().set("16");
            vm.field("batchSize").textProperty().set("32");
            vm.field("iterations").textProperty().set("2000");
            vm.field("sampleEvery").textProperty().set("5");
            vm.field("limit").textProperty().set("10000");
            vm.startNewRun();
            return null;
        });
        long seconds = Long.getLong("screens.seconds", 90);
        Thread.sleep(seconds * 1000);
        snapshot(window, out.resolve("train-pane.png"));
        onFx(() -> {
            vm.stopAndThen(() -> {
                context.close();
                Platform.exit();
            });
            return null;
        });
        Thread.sleep(10_000);
        System.exit(0);
    }

    /** The folder named by the first argument (assets/readme by default), created if missing. */
    static Path outputFolder(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "assets/readme");
        Files.createDirectories(out);
        return out;
    }

    /** Starts JavaFX and an app context whose preferences and runs live in a new temporary folder. */
    static AppContext startWithFreshPreferences(String tempPrefix) throws IOException {
        Path work = Files.createTempDirectory(tempPrefix);
        AppContext context = AppContext.create(new AppContext.Options(work.resolve("config"), work.resolve("runs"),
                DatasetLoader.FROM_SPEC));
        Platform.startup(() -> { });
        return context;
    }

    /** Closes the context and the toolkit and ends the JVM (the app's threads would keep it alive). */
    static void exit(AppContext context) throws Exception {
        onFx(() -> {
            context.close();
            Platform.exit();
            return null;
        });
        System.exit(0);
    }

    static void snapshot(MainWindow window, Path file) throws Exception {
        BufferedImage image = onFx(() -> SwingFXUtils.fromFXImage(window.getScene().snapshot(null), null));
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        System.out.println("wrote " + file);
    }

    static <T> T onFx(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }
}
