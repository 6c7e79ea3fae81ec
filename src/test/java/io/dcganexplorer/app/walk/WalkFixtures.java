package io.dcganexplorer.app.walk;

import io.dcganexplorer.app.common.Poller;
import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Tiny random models and deterministic executors for the tests of panes that render (Walk, Arithmetic). */
public final class WalkFixtures {

    private WalkFixtures() {
    }

    /** 16x16 grayscale, nz 6, 4 filters: a random generator, enough to see pixels change. */
    public static DcganConfig tinyConfig() {
        return new DcganConfig(16, 1, 6, 4, 4, 8, 2e-4, 0.5, LatentDistribution.UNIFORM, 7);
    }

    /** Writes a random model bundle into {@code modelsRoot}/{@code name} and returns its folder. */
    public static Path writeModel(Path modelsRoot, String name, DcganConfig config) throws IOException {
        Path folder = modelsRoot.resolve(name);
        ModelBundle.write(folder, Dcgan.create(config), ModelBundle.info(config, null, "random weights",
                TrainingState.START), false);
        return folder;
    }

    /** Errors collected instead of shown. */
    public static final class RecordingErrors implements ErrorReporter {
        public final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void error(String title, Throwable cause) {
            messages.add(title + ": " + ErrorReporter.describe(cause));
        }

        @Override
        public void warning(String title, String message) {
            messages.add(title + ": " + message);
        }
    }

    /**
     * Background work runs at once on the caller; UI callbacks (which the renderer posts from its own
     * thread) queue up until the test thread drains them, so view-model state only changes on the test thread.
     */
    public static final class QueueExecutor implements TaskExecutor {
        private final LinkedBlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();

        @Override
        public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(result);
        }

        @Override
        public void runOnUi(Runnable action) {
            ui.add(action);
        }

        @Override
        public void shutdown() {
            ui.clear();
        }

        /** Runs UI callbacks until {@code done} holds; fails after {@code timeout}. */
        public void drainUntil(BooleanSupplier done, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (!done.getAsBoolean()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("condition not reached within " + timeout);
                }
                Runnable r = ui.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                if (r != null) {
                    r.run();
                }
            }
        }
    }

    /** A poller that never runs by itself: tests call {@link ManualPoller#run()}. */
    public static final class ManualPoller implements Poller {
        final List<Runnable> tasks = new CopyOnWriteArrayList<>();

        @Override
        public AutoCloseable every(Duration period, Runnable task) {
            tasks.add(task);
            return () -> tasks.remove(task);
        }

        void run() {
            tasks.forEach(Runnable::run);
        }
    }
}
