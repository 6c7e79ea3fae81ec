package io.dcganexplorer.app.walk.bench;

import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.FxTaskExecutor;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.walk.WalkPane;
import io.dcganexplorer.app.walk.WalkViewModel;
import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Writes the README screenshot of the Walk pane (assets/readme/walk-pane.png, or the first argument) on a
 * small random-weight model (or the first model in the folder given as the second argument), with the figure-4 walk built and directions computed. Run under Xvfb; see
 * docs/WALK.md.
 */
public final class WalkScreenshot {

    private static final double WEIGHT_GAIN = 4;

    private WalkScreenshot() {
    }

    private static Path randomModelFolder() throws java.io.IOException {
        Path models = Files.createTempDirectory("walk-shot");
        DcganConfig config = new DcganConfig(32, 3, 100, 16, 16, 64, 2e-4, 0.5, LatentDistribution.UNIFORM, 3);
        Dcgan gan = Dcgan.create(config);
        // Untrained weights (N(0, 0.02)) draw flat gray; larger ones draw visible patterns that still change
        // smoothly with z, which is what the picture has to show.
        gan.generator().params().muli(WEIGHT_GAIN);
        ModelBundle.write(models.resolve("random-32x32"), gan,
                ModelBundle.info(config, null, "random weights", TrainingState.START), false);
        return models;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets/readme/walk-pane.png");
        // With a second argument (a folder of saved models, e.g. models/) the picture shows a trained model.
        Path models = args.length > 1 ? Path.of(args[1]) : randomModelFolder();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        FxTaskExecutor executor = FxTaskExecutor.pool("shot");
        ErrorReporter errors = new ConsoleErrors();
        ModelService service = new ModelService(executor, errors, (p, t) -> () -> { }, models, models.resolve("none"));
        CompletableFuture<WalkPane> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            WalkPane pane = new WalkPane(new WalkViewModel(executor, errors, service));
            Scene scene = new Scene(pane, 1360, 860);
            scene.getStylesheets().add(Objects.requireNonNull(
                    io.dcganexplorer.app.MainWindow.class.getResource("app.css")).toExternalForm());
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            shown.complete(pane);
        });
        WalkPane pane = shown.get();
        WalkViewModel vm = pane.viewModel();
        while (vm.interpolation().gridFrames().isEmpty()) {
            Thread.sleep(100);
        }
        Platform.runLater(() -> {
            vm.seedProperty().set(42);
            vm.interpolation().figure4();
            vm.directions().samplesProperty().set(256);
            vm.directions().compute();
        });
        while (vm.interpolation().walkFrames().isEmpty() || vm.directions().strips().isEmpty()
                || vm.neighbours().isEmpty()) {
            Thread.sleep(100);
        }
        Platform.runLater(() -> vm.interpolation().frameIndexProperty().set(20));
        Thread.sleep(500);
        CompletableFuture<java.awt.image.BufferedImage> image = new CompletableFuture<>();
        Platform.runLater(() -> image.complete(SwingFXUtils.fromFXImage(pane.getScene().snapshot(null), null)));
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(image.get(), "png", out.toFile());
        System.out.println("wrote " + out.toAbsolutePath());
        Platform.exit();
        System.exit(0);
    }
}
