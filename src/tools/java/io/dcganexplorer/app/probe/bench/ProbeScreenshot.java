package io.dcganexplorer.app.probe.bench;

import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.FxTaskExecutor;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.probe.ProbePane;
import io.dcganexplorer.app.probe.ProbeViewModel;
import io.dcganexplorer.app.walk.bench.ConsoleErrors;
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
 * Writes the README screenshot of the Probe pane: {@code ProbeScreenshot OUT.png MODEL FASHION_MNIST_DIR}
 * opens MODEL (a 32x32x1 model or run folder), runs the probe with the pane's default small caps and
 * waits for the table, the confusion matrix and the neighbours. Run under Xvfb; see README.md.
 */
public final class ProbeScreenshot {

    private ProbeScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets/readme/probe-pane.png");
        Path model = Path.of(args.length > 1 ? args[1] : "models/fashion32");
        Path data = Path.of(args.length > 2 ? args[2] : "/usr/share/datasets/fashion-mnist");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        FxTaskExecutor executor = FxTaskExecutor.pool("shot");
        ErrorReporter errors = new ConsoleErrors();
        Path empty = Files.createTempDirectory("probe-shot");
        ModelService service = new ModelService(executor, errors, (p, t) -> () -> { }, empty, empty);
        CompletableFuture<ProbePane> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            service.open(model);
            ProbePane pane = new ProbePane(new ProbeViewModel(executor, errors, service,
                    ProbeViewModel.fashionMnist(data)));
            Scene scene = new Scene(pane, 1200, 720);
            scene.getStylesheets().add(Objects.requireNonNull(
                    io.dcganexplorer.app.MainWindow.class.getResource("app.css")).toExternalForm());
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            shown.complete(pane);
        });
        ProbePane pane = shown.get();
        ProbeViewModel vm = pane.viewModel();
        while (vm.modelProperty().get() == null) {
            Thread.sleep(100);
        }
        long start = System.nanoTime();
        Platform.runLater(vm::run);
        Thread.sleep(500);
        while (vm.runningProperty().get()) {
            Thread.sleep(500);
        }
        System.out.printf("run took %.0f s: %s%n", (System.nanoTime() - start) / 1e9, vm.messageProperty().get());
        if (vm.resultProperty().get() != null) {
            System.out.println(vm.resultProperty().get().toMarkdown());
        }
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
