package io.dcganexplorer.app.walk.bench;

import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.FxTaskExecutor;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.walk.LatencyStats;
import io.dcganexplorer.app.walk.WalkPane;
import io.dcganexplorer.app.walk.WalkViewModel;
import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.stage.Stage;

/**
 * Slider-to-image latency of the Walk pane: from a slider's value change to the new pixels being set in
 * the view, while a slider is "dragged" by one value change per pulse, for the paper's architecture
 * (nz 100, 64 filters, random weights) at 32x32x3 and 64x64x3. Prints median, p99 and frames shown per
 * second. Runs headless under Monocle unless glass.platform is set; see docs/WALK.md for the command.
 */
public final class WalkLatencyBenchmark {

    private static final int WARMUP_STEPS = 120;

    private WalkLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        if (System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        System.out.printf(Locale.ROOT, "%-9s %8s %8s %8s %10s %8s%n", "model", "frames", "median", "p99", "drag fps",
                "changes");
        for (int size : new int[] {32, 64}) {
            run(DcganConfig.paperDefaults(size, 3, 1), steps);
        }
        Platform.exit();
        System.exit(0);
    }

    private static void run(DcganConfig config, int steps) throws Exception {
        Path models = Files.createTempDirectory("walk-bench");
        ModelBundle.write(models.resolve("paper" + config.imageSize()), Dcgan.create(config),
                ModelBundle.info(config, null, "random weights", TrainingState.START), false);
        FxTaskExecutor executor = FxTaskExecutor.pool("bench");
        ErrorReporter errors = new ConsoleErrors();
        ModelService service = new ModelService(executor, errors, (p, t) -> () -> { }, models, models.resolve("none"));
        CompletableFuture<WalkPane> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            WalkPane pane = new WalkPane(new WalkViewModel(executor, errors, service));
            Stage stage = new Stage();
            stage.setScene(new Scene(pane, 1200, 720));
            stage.show();
            shown.complete(pane);
        });
        WalkPane pane = shown.get();
        WalkViewModel vm = pane.viewModel();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (vm.mainFrameProperty().get() == null || pane.lookup("#walkSlider-0") == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the first image did not appear within 60 s");
            }
            Thread.sleep(50);
        }
        drag(pane, WARMUP_STEPS);
        vm.latency().clear();
        int changes = drag(pane, steps);
        LatencyStats stats = vm.latency();
        System.out.printf(Locale.ROOT, "%-9s %8d %6.2f ms %5.2f ms %10.1f %8d%n",
                config.imageSize() + "x" + config.imageSize(), stats.count(), stats.quantileMillis(0.5),
                stats.quantileMillis(0.99), stats.framesPerSecond(), changes);
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            pane.dispose();
            pane.getScene().getWindow().hide();
            closed.countDown();
        });
        closed.await();
        executor.shutdown();
    }

    /** Moves slider z0 once per pulse, back and forth across its range, like a steady drag. */
    private static int drag(WalkPane pane, int steps) throws InterruptedException {
        Slider slider = (Slider) pane.lookup("#walkSlider-0");
        CountDownLatch done = new CountDownLatch(1);
        int[] count = {0};
        Platform.runLater(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                double phase = (count[0] % 120) / 60.0;
                slider.setValue(slider.getMin() + (slider.getMax() - slider.getMin()) * (phase <= 1 ? phase : 2 - phase));
                if (++count[0] >= steps) {
                    stop();
                    done.countDown();
                }
            }
        }.start());
        done.await(5, TimeUnit.MINUTES);
        // Let the last frame arrive before the figures are read.
        Thread.sleep(300);
        return count[0];
    }
}
