package io.dcganexplorer.app.ablation.bench;

import io.dcganexplorer.app.ablation.AblationPane;
import io.dcganexplorer.app.ablation.AblationViewModel;
import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.FxTaskExecutor;
import io.dcganexplorer.app.model.ModelService;
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
 * Writes the README screenshot of the Ablate pane: {@code AblationScreenshot OUT.png MODEL EVALUATORS}
 * opens MODEL (a model or run folder), auto-annotates with the window detector under EVALUATORS, fits the
 * probe, shows a heat map and the before/after pairs. Run under Xvfb; see docs/ABLATION.md.
 */
public final class AblationScreenshot {

    private AblationScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets/readme/ablation-pane.png");
        Path model = Path.of(args.length > 1 ? args[1] : "models/rooms32");
        Path evaluators = Path.of(args.length > 2 ? args[2] : "models/evaluators");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        FxTaskExecutor executor = FxTaskExecutor.pool("shot");
        ErrorReporter errors = new ConsoleErrors();
        Path empty = Files.createTempDirectory("ablation-shot");
        ModelService service = new ModelService(executor, errors, (p, t) -> () -> { }, empty, empty);
        CompletableFuture<AblationPane> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            service.open(model);
            AblationPane pane = new AblationPane(new AblationViewModel(executor,
                    FxTaskExecutor.singleThread("shot-renderer"), errors, service,
                    AblationViewModel.detectorsIn(evaluators)));
            Scene scene = new Scene(pane, 1200, 720);
            scene.getStylesheets().add(Objects.requireNonNull(
                    io.dcganexplorer.app.MainWindow.class.getResource("app.css")).toExternalForm());
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            shown.complete(pane);
        });
        AblationPane pane = shown.get();
        AblationViewModel vm = pane.viewModel();
        while (vm.before().isEmpty()) {
            Thread.sleep(100);
        }
        Platform.runLater(vm::autoAnnotate);
        while (vm.annotationsProperty().get().boxCount() == 0) {
            Thread.sleep(100);
        }
        Platform.runLater(vm::fit);
        while (vm.probeProperty().get() == null) {
            Thread.sleep(100);
        }
        Platform.runLater(() -> {
            int[] selected = vm.probeProperty().get().selected(0);
            vm.shownMapProperty().set(selected[0]);
            vm.currentProperty().set(firstWithWindow(vm));
            vm.ablateProperty().set(true);
            pane.requestFocus();
        });
        while (vm.after().isEmpty() || vm.heatMapProperty().get() == null) {
            Thread.sleep(100);
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

    /** The first grid sample the detector drew a box on, so the large view shows a window. */
    private static int firstWithWindow(AblationViewModel vm) {
        for (int i = 0; i < AblationViewModel.SAMPLES; i++) {
            if (!vm.annotationsProperty().get().boxes(i).isEmpty()) {
                return i;
            }
        }
        return 0;
    }
}
