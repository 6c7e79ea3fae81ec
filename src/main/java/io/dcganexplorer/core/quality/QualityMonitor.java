package io.dcganexplorer.core.quality;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.TrainingListener;
import io.dcganexplorer.core.gan.TrainingSnapshot;
import io.dcganexplorer.core.probe.Progress;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Scores the generator every N training steps, so quality can be watched climbing or collapsing.
 *
 * <p>On the trainer thread it only takes a copy of G (a listener must not run the networks); the scoring
 * runs on the given executor and the {@link SampleQuality.Report} goes to the consumer from there. While
 * one score is still running, the next due one is skipped rather than queued, so a slow scorer never
 * holds up training or piles up copies of G. The classifier is used from one scoring at a time.
 */
public final class QualityMonitor implements TrainingListener {

    /**
     * A report for one training step.
     *
     * @param iteration the step whose generator was scored (steps done)
     * @param report the scores
     */
    public record Scored(long iteration, SampleQuality.Report report) {
    }

    private final Supplier<MultiLayerNetwork> generatorCopy;
    private final DcganConfig config;
    private final QualityClassifier classifier;
    private final FrechetDistance.Gaussian reference;
    private final int every;
    private final int samples;
    private final long seed;
    private final Executor executor;
    private final Consumer<Scored> consumer;
    private final AtomicBoolean busy = new AtomicBoolean();

    /**
     * Creates a monitor; add it to a training session.
     *
     * @param generatorCopy returns an independent copy of G, called on the trainer thread (for example
     *                      {@code session.gan()::copyOfGenerator})
     * @param reference the real images' statistics from {@link SampleQuality#reference}
     * @param every score after every N-th step
     * @param samples generated samples per score (compare only scores with the same count)
     * @param executor where scoring runs (a single background thread)
     * @param consumer receives each report on the executor's thread
     */
    public QualityMonitor(Supplier<MultiLayerNetwork> generatorCopy, DcganConfig config, QualityClassifier classifier,
                          FrechetDistance.Gaussian reference, int every, int samples, long seed, Executor executor,
                          Consumer<Scored> consumer) {
        if (every < 1 || samples < 2) {
            throw new IllegalArgumentException("every = " + every + ", samples = " + samples
                    + ": need every >= 1 and samples >= 2");
        }
        this.generatorCopy = Objects.requireNonNull(generatorCopy, "generatorCopy");
        this.config = Objects.requireNonNull(config, "config");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.reference = Objects.requireNonNull(reference, "reference");
        this.every = every;
        this.samples = samples;
        this.seed = seed;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    @Override
    public void onStep(TrainingSnapshot snapshot) {
        long done = snapshot.step().iteration() + 1;
        if (done % every != 0 || !busy.compareAndSet(false, true)) {
            return;
        }
        MultiLayerNetwork copy = generatorCopy.get();
        try {
            executor.execute(() -> {
                try {
                    consumer.accept(new Scored(done, SampleQuality.evaluate(copy, config, classifier, reference,
                            samples, seed, Progress.NONE, () -> false)));
                } finally {
                    busy.set(false);
                }
            });
        } catch (RuntimeException rejected) {
            busy.set(false);
            throw rejected;
        }
    }
}
