package io.dcganexplorer.app.arithmetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.common.FxTaskExecutor;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.render.FrameView;
import io.dcganexplorer.app.walk.WalkFixtures;
import io.dcganexplorer.core.latent.ConceptArithmetic;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.run.ModelBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Arithmetic pane driven through TestFX (headless Monocle) on a tiny random RGB model. */
@ExtendWith(ApplicationExtension.class)
class ArithmeticPaneTest {

    @TempDir
    static Path dir;

    private FxTaskExecutor executor;
    private ArithmeticPane pane;

    @BeforeAll
    static void writeTinyModel() throws Exception {
        WalkFixtures.writeModel(dir.resolve("models"), "tiny", ArithmeticViewModelTest.tinyRgb());
    }

    @Start
    void start(Stage stage) {
        executor = FxTaskExecutor.pool("arithmetic-test");
        ModelService models = new ModelService(executor, new WalkFixtures.RecordingErrors(),
                new WalkFixtures.ManualPoller(), dir.resolve("models"), dir.resolve("runs"));
        pane = new ArithmeticPane(new ArithmeticViewModel(executor, new WalkFixtures.RecordingErrors(), models,
                dir.resolve("no-evaluators")));
        // Monocle's headless screen is 1280x800; a larger window overflows its frame buffer.
        stage.setScene(new Scene(pane, 1200, 720));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(pane::dispose).get();
        executor.shutdown();
    }

    /** The image's pixels sampled at each enlarged square's top-left corner, in the frame's own size. */
    private static int[] sourcePixels(FrameView view) {
        int w = view.frame().width();
        int h = view.frame().height();
        int f = (int) view.getImage().getWidth() / w;
        assertThat((int) view.getImage().getHeight()).isEqualTo(h * f);
        int[] all = pixels(view.getImage());
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out[y * w + x] = all[(y * f) * w * f + x * f];
            }
        }
        return out;
    }

    private static int[] pixels(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] out = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), out, 0, w);
        return out;
    }

    @Test
    void threeExemplarsInEachOfThreeBucketsShowTheResultGrid(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#arithmeticCell-8").tryQuery().isPresent());
        for (int bucket = 0; bucket < 3; bucket++) {
            robot.clickOn("#bucket-" + bucket);
            for (int i = 0; i < 3; i++) {
                robot.clickOn("#arithmeticCell-" + (bucket * 3 + i));
            }
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.viewModel().resultFrames().size() == 9
                && robot.lookup("#resultCentre .frame-view").tryQuery().map(n -> ((FrameView) n).getImage() != null)
                .orElse(false));
        WaitForAsyncUtils.waitForFxEvents();

        FrameView centre = robot.lookup("#resultCentre .frame-view").queryAs(FrameView.class);
        // The view enlarges the frame itself (nearest neighbour): read back one screen pixel per generated pixel.
        int[] shown = WaitForAsyncUtils.asyncFx(() -> sourcePixels(centre)).get();
        assertThat(java.util.Arrays.stream(shown).distinct().count()).isGreaterThan(1);
        FrameView pixel = robot.lookup("#pixelResult").queryAs(FrameView.class);
        assertThat(pixel.getImage()).isNotNull();

        // The same figure rendered directly: G(mean(A) - mean(B) + mean(C)) from the saved model.
        ModelBundle.Loaded model = ModelBundle.load(dir.resolve("models/tiny"));
        LatentSampler sampler = new LatentSampler(6, model.gan().config().latent());
        List<List<float[]>> concepts = new ArrayList<>();
        for (int bucket = 0; bucket < 3; bucket++) {
            List<float[]> zs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                zs.add(sampler.vector(pane.viewModel().gridSeedProperty().get(), LatentSampler.SAMPLING_STREAM,
                        bucket * 3 + i));
            }
            concepts.add(zs);
        }
        float[] y = ConceptArithmetic.combine(List.of(ConceptArithmetic.Term.plus(concepts.get(0)),
                ConceptArithmetic.Term.minus(concepts.get(1)), ConceptArithmetic.Term.plus(concepts.get(2))));
        Frame direct = Frame.fromBatch(model.gan().generate(Nd4j.create(y, new long[] {1, 6}, 'c')), 0).get(0);
        int[] expected = direct.argb();
        assertThat(shown).hasSameSizeAs(expected);
        for (int p = 0; p < expected.length; p++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                // Batch 1 here and batch 9 in the pane may round the last float bit differently.
                assertThat(Math.abs((shown[p] >> shift & 0xFF) - (expected[p] >> shift & 0xFF)))
                        .as("pixel %d", p).isLessThanOrEqualTo(1);
            }
        }
        assertThat(robot.lookup("#bucket-2").tryQuery()).isPresent();
        assertThat(pane.viewModel().buckets()).allSatisfy(b -> assertThat(b.exemplars()).hasSize(3));

        // Badges name the term and the place in it, as the rows letter them; not "+2" like a weight.
        assertThat(robot.lookup("#arithmeticCell-0 .bucket-badge").queryLabeled().getText()).isEqualTo("A1");
        assertThat(robot.lookup("#arithmeticCell-4 .bucket-badge").queryLabeled().getText()).isEqualTo("B2");
        assertThat(robot.lookup("#arithmeticCell-8 .bucket-badge").queryLabeled().getText()).isEqualTo("C3");
        // The noisy neighbours are drawn as large as the centre, as in the paper's figure 7.
        assertThat(robot.lookup("#resultNeighbour-0 .frame-view").queryAs(FrameView.class).displaySize())
                .isEqualTo(centre.displaySize());
    }
}
