package io.dcganexplorer.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.common.LatentHandoff;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.project.ProjectViewModel;
import io.dcganexplorer.app.walk.LatentText;
import io.dcganexplorer.app.walk.WalkFixtures;
import io.dcganexplorer.app.walk.WalkViewModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Project pane's view model without the JavaFX toolkit, on a tiny random model: the projection runs on a
 * real worker thread (so Cancel can arrive while it runs) and every UI callback on the test thread. Lives in the
 * app package because it wires Project to Walk through the handoff, as {@code Activities} does.
 */
class ProjectViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private final WalkFixtures.QueueExecutor executor = new WalkFixtures.QueueExecutor();
    private final WalkFixtures.RecordingErrors errors = new WalkFixtures.RecordingErrors();
    private final LatentHandoff handoff = new LatentHandoff();
    private WalkViewModel walk;
    private ProjectViewModel vm;

    /** Work on one real thread; callbacks queued for the test thread, like the app's FX thread. */
    private final class WorkerThread implements TaskExecutor {
        private final ExecutorService thread = Executors.newSingleThreadExecutor();

        @Override
        public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
            thread.execute(() -> {
                try {
                    T result = work.call();
                    executor.runOnUi(() -> onSuccess.accept(result));
                } catch (Exception e) {
                    executor.runOnUi(() -> onFailure.accept(e));
                }
            });
        }

        @Override
        public void runOnUi(Runnable action) {
            executor.runOnUi(action);
        }

        @Override
        public void shutdown() {
            thread.shutdownNow();
        }
    }

    @BeforeAll
    static void writeTinyModelAndPicture() throws Exception {
        WalkFixtures.writeModel(dir.resolve("models"), "tiny", WalkFixtures.tinyConfig());
        BufferedImage noise = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        Random random = new Random(3);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                noise.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        ImageIO.write(noise, "png", dir.resolve("noise.png").toFile());
        Files.writeString(dir.resolve("letter.jpg"), "Dear model, this is not a picture.");
    }

    @BeforeEach
    void open() throws Exception {
        ModelService models = new ModelService(executor, errors, new WalkFixtures.ManualPoller(),
                dir.resolve("models"), dir.resolve("runs"));
        walk = new WalkViewModel(executor, errors, models);
        handoff.register(LatentHandoff.Target.WALK, d -> walk.receiveZ(d.z(), d.label()));
        vm = new ProjectViewModel(executor, new WorkerThread(), errors, models, handoff);
        executor.drainUntil(() -> walk.mainFrameProperty().get() != null && vm.modelProperty().get() != null
                && vm.picks().size() == ProjectViewModel.PICKS, WAIT);
    }

    @AfterEach
    void close() {
        vm.close();
        walk.close();
    }

    @Test
    void aPictureFileIsConvertedProjectedAndItsZWalkedFrom() throws Exception {
        vm.stepsProperty().set(30);
        vm.openFile(dir.resolve("noise.png"));
        executor.drainUntil(() -> vm.projections().size() == 1 && !vm.runningProperty().get(), WAIT);

        assertThat(vm.messageProperty().get()).contains("noise.png").contains("cropped 40x30 to the centre 30x30");
        assertThat(vm.reconstructionProperty().get().width()).isEqualTo(16);
        assertThat(vm.qualityProperty().get()).contains("noise.png").contains("dB after 30 steps");
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        float[] z = vm.zProperty().get();
        assertThat(z).hasSize(6);

        float[] before = walk.zProperty().get();
        assertThat(vm.walkFromHere()).isTrue();
        assertThat(walk.zProperty().get()).isNotEqualTo(before).containsExactly(z);
        assertThat(walk.messageProperty().get()).contains("noise.png");

        Path exported = dir.resolve("z.json");
        vm.exportZ(exported);
        assertThat(LatentText.parse(Files.readString(exported), 6)).as("Walk's paste reads the export").containsExactly(z);
        assertThat(errors.messages).isEmpty();
    }

    @Test
    void cancelStopsARunningProjectionAndKeepsTheBestSoFar() throws Exception {
        vm.stepsProperty().set(100_000);
        vm.pick(3);
        executor.drainUntil(() -> vm.progressProperty().get() > 0, WAIT);
        assertThat(vm.runningProperty().get()).isTrue();
        assertThat(vm.reconstructionProperty().get()).as("the reconstruction shows while it runs").isNotNull();
        vm.cancel();
        executor.drainUntil(() -> !vm.runningProperty().get(), WAIT);
        assertThat(vm.qualityProperty().get()).contains("sample 4").contains("cancelled");
        assertThat(vm.progressProperty().get()).isLessThan(0.01);
        assertThat(vm.zProperty().get()).hasSize(6);
    }

    @Test
    void aFileThatIsNotAPictureIsNamedAndThePaneStaysUsable() throws Exception {
        vm.openFile(dir.resolve("letter.jpg"));
        executor.drainUntil(() -> !vm.messageProperty().get().isEmpty(), WAIT);
        assertThat(vm.messageProperty().get()).contains("letter.jpg").contains("not an image");
        assertThat(vm.walkFromHere()).as("nothing projected yet").isFalse();

        vm.stepsProperty().set(5);
        vm.pick(0);
        executor.drainUntil(() -> vm.projections().size() == 1 && !vm.runningProperty().get(), WAIT);
        vm.pick(1);
        executor.drainUntil(() -> vm.projections().size() == 2 && !vm.runningProperty().get(), WAIT);
        vm.interpolate();
        executor.drainUntil(() -> vm.interpolation().size() == ProjectViewModel.INTERPOLATION_FRAMES, WAIT);
        assertThat(vm.interpolation().get(0).samePixels(vm.projections().get(1).reconstruction())).isTrue();
        assertThat(vm.interpolation().get(ProjectViewModel.INTERPOLATION_FRAMES - 1)
                .samePixels(vm.projections().get(0).reconstruction())).isTrue();
    }
}
