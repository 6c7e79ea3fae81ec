package io.dcganexplorer.app.bench;

import io.dcganexplorer.app.AppContext;
import io.dcganexplorer.app.MainWindow;
import io.dcganexplorer.app.train.DataKinds;
import io.dcganexplorer.app.train.DatasetLoader;
import io.dcganexplorer.app.train.TrainViewModel;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.InMemoryImageDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * How long the FX thread is blocked while the app trains a 32x32 model: an AnimationTimer records the gap
 * between consecutive pulses (16.7 ms when nothing blocks) for a number of seconds of training in the real
 * main window, then prints median, 99th percentile and maximum. Uses Fashion-MNIST when installed, else
 * synthetic blobs. Run under a display or Xvfb:
 * <pre>
 * xvfb-run -s "-screen 0 1400x900x24" java -cp target/classes:$(cat cp.txt) \
 *     io.dcganexplorer.app.bench.FxStutterBenchmark [seconds] [idle]
 * </pre>
 */
public final class FxStutterBenchmark {

    private FxStutterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        // "idle": the same window with no training, the baseline of what the machine itself costs.
        boolean idle = args.length > 1 && args[1].equals("idle");
        Path work = Files.createTempDirectory("dcgan-stutter");
        boolean fashion = DataKinds.available(DatasetSpec.Kind.FASHION_MNIST);
        DatasetLoader loader = fashion ? DatasetLoader.FROM_SPEC : (spec, progress, cancelled) -> blobs();
        AppContext context = AppContext.create(new AppContext.Options(work.resolve("config"), work.resolve("runs"),
                loader));
        Platform.startup(() -> { });
        long[] gaps = new long[seconds * 240];
        int[] count = {0};
        long[] last = {0};
        CountDownLatch done = new CountDownLatch(1);
        TrainViewModel[] vm = new TrainViewModel[1];
        Platform.runLater(() -> {
            MainWindow window = MainWindow.open(new Stage(), context);
            vm[0] = window.trainPane().viewModel();
            vm[0].dataKindProperty().set(DatasetSpec.Kind.FASHION_MNIST);
            vm[0].imageSizeProperty().set(32);
            vm[0].channelsProperty().set(1);
            vm[0].field("ngf").textProperty().set("16");
            vm[0].field("ndf").textProperty().set("16");
            vm[0].field("batchSize").textProperty().set("64");
            vm[0].field("iterations").textProperty().set("100000");
            vm[0].field("sampleEvery").textProperty().set("10");
            vm[0].field("limit").textProperty().set("5000");
            if (!idle) {
                vm[0].startNewRun();
            }
            new AnimationTimer() {
                private long started;

                @Override
                public void handle(long now) {
                    if (!idle && (vm[0].phaseProperty().get() != TrainViewModel.Phase.TRAINING
                            || vm[0].iterationProperty().get() < 2)) {
                        // Measure steady training, not network construction or the first (JIT-cold) steps.
                        last[0] = 0;
                        return;
                    }
                    if (started == 0) {
                        started = now;
                    }
                    if (last[0] != 0 && count[0] < gaps.length) {
                        gaps[count[0]++] = now - last[0];
                    }
                    last[0] = now;
                    if (now - started > seconds * 1_000_000_000L) {
                        stop();
                        done.countDown();
                    }
                }
            }.start();
        });
        if (!done.await(seconds + 300L, TimeUnit.SECONDS)) {
            System.out.println("training did not start within 5 minutes");
        }
        long steps = vm[0].iterationProperty().get();
        String ips = vm[0].imagesPerSecondProperty().get();
        CountDownLatch stopped = new CountDownLatch(1);
        Platform.runLater(() -> vm[0].stopAndThen(stopped::countDown));
        stopped.await(120, TimeUnit.SECONDS);
        long[] sorted = Arrays.copyOf(gaps, count[0]);
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            System.out.println("no pulses recorded");
        } else {
            long over = Arrays.stream(sorted).filter(g -> g > 50_000_000L).count();
            System.out.printf(Locale.ROOT, "%s; %d pulses over %d s, %d steps, %s images/s%n",
                    idle ? "idle baseline (no training)" : fashion ? "data: Fashion-MNIST (5000 images)"
                            : "data: synthetic blobs", sorted.length, seconds, steps, ips);
            System.out.printf(Locale.ROOT, "pulse gap ms: median %.1f  p90 %.1f  p99 %.1f  max %.1f  (>50 ms: %d)%n",
                    ms(sorted, 0.5), ms(sorted, 0.9), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6, over);
        }
        context.close();
        Platform.exit();
        System.exit(0);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }

    /** 2000 soft 32x32 blobs at random places, for machines without Fashion-MNIST. */
    private static InMemoryImageDataset blobs() {
        SplittableRandom r = new SplittableRandom(1);
        byte[][] images = new byte[2000][32 * 32];
        for (byte[] image : images) {
            double cx = 8 + r.nextDouble() * 16;
            double cy = 8 + r.nextDouble() * 16;
            for (int p = 0; p < image.length; p++) {
                double d2 = Math.pow(p % 32 - cx, 2) + Math.pow(p / 32 - cy, 2);
                image[p] = (byte) (255 * Math.exp(-d2 / 30));
            }
        }
        return new InMemoryImageDataset("synthetic blobs", 32, 1, images, null, List.of());
    }
}
