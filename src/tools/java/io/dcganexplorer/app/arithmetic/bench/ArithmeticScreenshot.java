package io.dcganexplorer.app.arithmetic.bench;

import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.FxTaskExecutor;
import io.dcganexplorer.app.arithmetic.ArithmeticPane;
import io.dcganexplorer.app.arithmetic.ArithmeticViewModel;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.walk.bench.ConsoleErrors;
import io.dcganexplorer.core.latent.Lesson;
import java.awt.image.BufferedImage;
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
 * Writes the README screenshot of the Arithmetic pane with a built-in lesson applied. Arguments: the
 * models folder (holding the faces model and evaluators/faces-32), the lesson's name, the output PNG, and
 * optionally "turn" to show the Turn tab with its strips instead.
 * Run under Xvfb; see docs/ARITHMETIC.md.
 */
public final class ArithmeticScreenshot {

    private ArithmeticScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path models = Path.of(args.length > 0 ? args[0] : "models");
        String lessonName = args.length > 1 ? args[1] : "Glasses";
        Path out = Path.of(args.length > 2 ? args[2] : "assets/readme/arithmetic-pane.png");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        FxTaskExecutor executor = FxTaskExecutor.pool("shot");
        ErrorReporter errors = new ConsoleErrors();
        ModelService service = new ModelService(executor, errors, (p, t) -> () -> { }, models, models.resolve("none"));
        CompletableFuture<ArithmeticPane> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            ArithmeticPane pane = new ArithmeticPane(new ArithmeticViewModel(executor, errors, service,
                    models.resolve("evaluators")));
            Scene scene = new Scene(pane, 1200, 720);
            scene.getStylesheets().add(Objects.requireNonNull(
                    io.dcganexplorer.app.MainWindow.class.getResource("app.css")).toExternalForm());
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            shown.complete(pane);
        });
        ArithmeticPane pane = shown.get();
        ArithmeticViewModel vm = pane.viewModel();
        while (vm.gridFrames().isEmpty()) {
            Thread.sleep(100);
        }
        // Give the classifier its chance to load before the lesson picks exemplars.
        Thread.sleep(1500);
        Lesson lesson = vm.builtInLessons().stream().filter(l -> l.name().equals(lessonName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no built-in lesson named " + lessonName));
        Platform.runLater(() -> vm.applyLesson(lesson));
        while (vm.resultFrames().isEmpty() || vm.buckets().stream().anyMatch(b -> b.meanFrameProperty().get() == null)) {
            Thread.sleep(100);
        }
        if (args.length > 3 && args[3].equals("turn")) {
            Platform.runLater(() -> {
                ((javafx.scene.control.TabPane) pane.lookup("#arithmeticTabs")).getSelectionModel().select(1);
                vm.turn().compute();
            });
            while (vm.turn().strips().isEmpty()) {
                Thread.sleep(100);
            }
        }
        Thread.sleep(500);
        CompletableFuture<BufferedImage> image = new CompletableFuture<>();
        Platform.runLater(() -> image.complete(SwingFXUtils.fromFXImage(pane.getScene().snapshot(null), null)));
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(image.get(), "png", out.toFile());
        System.out.println("wrote " + out.toAbsolutePath() + " (classifier " + vm.classifierReadyProperty().get() + ")");
        Platform.exit();
        System.exit(0);
    }
}
