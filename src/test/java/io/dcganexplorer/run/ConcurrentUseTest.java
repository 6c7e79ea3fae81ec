package io.dcganexplorer.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.ablation.AblatedGenerator;
import io.dcganexplorer.core.ablation.LayerActivations;
import io.dcganexplorer.core.gan.TrainingOutcome;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.data.ImageDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the app does while a run trains: the trainer writes a checkpoint every step (so old ones are pruned
 * all the time) while other threads open the run's newest checkpoint, generate from it (the Walk pane) and
 * generate with feature maps switched off (the Ablate pane). Nothing may fail, every image must be finite,
 * and afterwards the run resumes with every step in metrics.csv exactly once.
 */
class ConcurrentUseTest {

    private static final int STEPS = 16;
    private static final int READERS = 2;

    @TempDir
    Path runs;

    @Test
    void openingWalkingAndAblatingWhileARunTrainsNeitherFailsNorHarmsTheRun() throws Exception {
        ImageDataset data = TinyRuns.data();
        TrainingSession session = TrainingSession.start(runs, "busy", TinyRuns.config(), TinyRuns.spec(), data,
                new TrainingPlan(STEPS, 100, 1, 0, 4));
        // Readers start once the first checkpoint exists, so every one of their opens has something to load.
        CountDownLatch firstCheckpoint = new CountDownLatch(1);
        session.addListener(new io.dcganexplorer.core.gan.TrainingListener() {
            @Override
            public void onStep(io.dcganexplorer.core.gan.TrainingSnapshot snapshot) {
            }

            @Override
            public void onCheckpoint(long iteration) {
                firstCheckpoint.countDown();
            }
        });
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger images = new AtomicInteger();
        Thread trainer = new Thread(() -> {
            try {
                assertThat(session.train()).isEqualTo(TrainingOutcome.COMPLETED);
            } catch (Throwable t) {
                failures.add(t);
            } finally {
                firstCheckpoint.countDown();
            }
        }, "trainer");
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            readers.add(new Thread(() -> {
                try {
                    firstCheckpoint.await();
                    LatentSampler sampler = new LatentSampler(TinyRuns.config().nz(), TinyRuns.config().latent());
                    for (int round = 0; trainer.isAlive() || round == 0; round++) {
                        List<String> problems = new ArrayList<>();
                        ModelBundle.Loaded loaded = ModelBundle.open(session.run().root(), problems);
                        assertThat(problems).as("skipped checkpoints").isEmpty();
                        opened.incrementAndGet();
                        INDArray z = sampler.batch(reader * 1000L + round, LatentSampler.SAMPLING_STREAM, 0, 4);
                        assertFinite(loaded.gan().generate(z));
                        MultiLayerNetwork g = loaded.gan().copyOfGenerator();
                        String layer = LayerActivations.defaultLayer(LayerActivations.featureLayers(g)).name();
                        assertFinite(new AblatedGenerator(g, layer, new int[] {0, 1}).output(z));
                        images.addAndGet(8);
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }, "reader-" + r));
        }

        trainer.start();
        readers.forEach(Thread::start);
        trainer.join(TimeUnit.MINUTES.toMillis(2));
        for (Thread t : readers) {
            t.join(TimeUnit.MINUTES.toMillis(1));
        }

        assertThat(failures).isEmpty();
        assertThat(opened.get()).as("opens while training").isGreaterThanOrEqualTo(READERS);
        assertThat(images.get()).isEqualTo(8 * opened.get());
        RunDirectory run = RunDirectory.open(session.run().root());
        TrainingSession resumed = TrainingSession.resume(run, data, STEPS + 4, 0, new ArrayList<>());
        assertThat(resumed.iteration()).isEqualTo(STEPS);
        assertThat(resumed.train()).isEqualTo(TrainingOutcome.COMPLETED);
        assertThat(MetricsLog.read(run.metricsFile())).extracting(MetricsRow::iteration)
                .containsExactlyElementsOf(LongStream.range(0, STEPS + 4).boxed().toList());
    }

    private static void assertFinite(INDArray images) {
        float[] values = images.dup('c').data().asFloat();
        assertThat(values).isNotEmpty();
        for (float v : values) {
            assertThat(Float.isFinite(v)).as("pixel %s", v).isTrue();
        }
    }
}
