package io.dcganexplorer.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.common.Poller;
import io.dcganexplorer.app.walk.WalkFixtures;
import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.run.BuildInfo;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.ModelInfo;
import io.dcganexplorer.run.RunDirectory;
import io.dcganexplorer.run.RunManifest;
import io.dcganexplorer.run.TrainingPlan;
import io.dcganexplorer.run.TrainingState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Follow newest checkpoint" against a real run folder and a real timer: the poll runs on its own thread
 * every 50 ms (the app's 3 s is injected away), so the test exercises the same hand-over from the poll
 * thread to the UI queue that the app uses while a training session keeps writing checkpoints.
 */
class ModelServiceFollowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final WalkFixtures.QueueExecutor executor = new WalkFixtures.QueueExecutor();
    private final WalkFixtures.RecordingErrors errors = new WalkFixtures.RecordingErrors();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "follow-test-poll");
        t.setDaemon(true);
        return t;
    });
    /** Polls every 50 ms whatever period the service asks for, so a reload shows up within the test's wait. */
    private final Poller fastPoller = (period, task) -> {
        ScheduledFuture<?> f = timer.scheduleWithFixedDelay(task, 50, 50, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    };

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void reloadsWhenTrainingWritesANewerCheckpoint() throws Exception {
        RunDirectory run = runWithFirstCheckpoint("follow");
        ModelService service = openTheRun();
        assertThat(service.currentProperty().get().checkpoint()).isEqualTo(run.checkpointPath(10));

        service.followProperty().set(true);
        DcganConfig config = WalkFixtures.tinyConfig();
        Dcgan newer = Dcgan.create(config);
        // The config's fixed seed would give step 20 the same weights as step 10; shift them so they differ.
        newer.generator().params().addi(0.5);
        Path second = run.writeCheckpoint(newer, checkpointInfo(config, 20));

        executor.drainUntil(() -> service.currentProperty().get().iteration() == 20, WAIT);
        LoadedModel reloaded = service.currentProperty().get();
        assertThat(reloaded.checkpoint()).isEqualTo(second);
        // The weights really are the new checkpoint's, not a relabelled copy of the old model.
        assertThat(reloaded.gan().generator().params()).isEqualTo(newer.generator().params());
        assertThat(errors.messages).isEmpty();
        service.close();
    }

    @Test
    void doesNotReloadWhenNotFollowing() throws Exception {
        RunDirectory run = runWithFirstCheckpoint("still");
        ModelService service = openTheRun();

        run.writeCheckpoint(Dcgan.create(WalkFixtures.tinyConfig()), checkpointInfo(WalkFixtures.tinyConfig(), 20));
        // Ten poll periods: long enough for a (wrong) reload to have been queued and run.
        long end = System.nanoTime() + Duration.ofMillis(500).toNanos();
        executor.drainUntil(() -> System.nanoTime() > end, WAIT);
        assertThat(service.currentProperty().get().iteration()).isEqualTo(10);
        service.close();
    }

    /** A run folder under runs/ as training leaves it after its first checkpoint, at step 10. */
    private RunDirectory runWithFirstCheckpoint(String id) throws Exception {
        DcganConfig config = WalkFixtures.tinyConfig();
        RunDirectory run = RunDirectory.create(dir.resolve("runs"), id, new RunManifest(ModelInfo.FORMAT_VERSION, id,
                config, null, "test", 0, TrainingPlan.of(100), BuildInfo.current(), Instant.now().toString()));
        run.writeCheckpoint(Dcgan.create(config), checkpointInfo(config, 10));
        return run;
    }

    /** A service over the temporary folders with the run opened and its step-10 model loaded. */
    private ModelService openTheRun() throws InterruptedException {
        ModelService service = new ModelService(executor, errors, fastPoller, dir.resolve("models"), dir.resolve("runs"));
        assertThat(service.choices()).extracting(ModelChoice::kind).containsExactly(ModelChoice.Kind.RUN);
        service.open(service.choices().get(0));
        executor.drainUntil(() -> service.currentProperty().get() != null, WAIT);
        assertThat(service.currentProperty().get().iteration()).isEqualTo(10);
        return service;
    }

    private static ModelInfo checkpointInfo(DcganConfig config, long iteration) {
        return ModelBundle.info(config, null, "test", new TrainingState(iteration, 0, (int) iteration, iteration));
    }
}
