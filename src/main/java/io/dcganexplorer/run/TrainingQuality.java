package io.dcganexplorer.run;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.probe.FeatureExtractor;
import io.dcganexplorer.core.probe.Progress;
import io.dcganexplorer.core.quality.FrechetDistance;
import io.dcganexplorer.core.quality.QualityClassifier;
import io.dcganexplorer.core.quality.QualityMonitor;
import io.dcganexplorer.data.ImageDataset;
import java.io.Closeable;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sample quality watched during training, for the CLI and the app alike: every N steps a copy of G is scored
 * on a background thread (Fréchet distance and class coverage in a quality classifier's feature space, against
 * the first {@link #REFERENCE_IMAGES} training images) and the score is appended to the run's
 * {@link QualityLog quality.csv} and handed to a listener.
 *
 * <p>{@link #close()} waits for a score in progress, so the last one of a run is not lost.
 */
public final class TrainingQuality implements Closeable {

    /** Training images behind the reference statistics. */
    public static final int REFERENCE_IMAGES = 1000;

    /** How a score, or a failed one, is reported (on the scoring thread). */
    public interface Listener {
        void scored(QualityLog.Row row);

        void failed(Exception e);
    }

    private final ExecutorService ownScorer;
    private final QualityLog log;
    /** Scores handed to the executor and not yet finished; close() waits for 0. */
    private int inFlight;

    private TrainingQuality(ExecutorService ownScorer, QualityLog log) {
        this.ownScorer = ownScorer;
        this.log = log;
    }

    /** As {@link #watch(TrainingSession, ImageDataset, QualitySource, int, int, Executor, Listener)}, scoring on a
     * background thread of its own. */
    public static Optional<TrainingQuality> watch(TrainingSession session, ImageDataset data, QualitySource source,
                                                  int every, int samples, Listener listener) throws IOException {
        ExecutorService own = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "quality-scorer");
            t.setDaemon(true);
            return t;
        });
        Optional<TrainingQuality> quality = watch(session, data, source, every, samples, own, own, listener);
        if (quality.isEmpty()) {
            own.shutdown();
        }
        return quality;
    }

    /**
     * Starts watching a session, when {@code source} has a classifier for the run's images: fits the reference
     * statistics now (on the calling thread, a second or two) and adds a {@link QualityMonitor} to the session.
     *
     * @param scorer where scores run, one at a time (a score due while one runs is skipped)
     * @return empty when no classifier fits the run (it trains without scores)
     * @throws IOException when a classifier file cannot be read or quality.csv cannot be written
     */
    public static Optional<TrainingQuality> watch(TrainingSession session, ImageDataset data, QualitySource source,
                                                  int every, int samples, Executor scorer, Listener listener)
            throws IOException {
        return watch(session, data, source, every, samples, scorer, null, listener);
    }

    private static Optional<TrainingQuality> watch(TrainingSession session, ImageDataset data, QualitySource source,
                                                   int every, int samples, Executor scorer, ExecutorService own,
                                                   Listener listener) throws IOException {
        DcganConfig config = session.gan().config();
        Optional<QualityClassifier> found = source.forRun(config.imageSize(), config.channels(), data.classNames());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        QualityClassifier classifier = found.get();
        int[] firstImages = FeatureExtractor.all(Math.min(REFERENCE_IMAGES, data.size()));
        FrechetDistance.Gaussian reference = FrechetDistance.Gaussian.fit(classifier.features().extract(data,
                firstImages, Progress.NONE, () -> false));
        QualityLog log = QualityLog.openForAppend(session.run().root().resolve(QualityLog.FILE), session.iteration());
        TrainingQuality quality = new TrainingQuality(own, log);
        Consumer<QualityMonitor.Scored> consumer = scored -> {
            QualityLog.Row row = QualityLog.Row.of(scored.iteration(), scored.report());
            try {
                log.append(row);
                listener.scored(row);
            } catch (IOException e) {
                listener.failed(e);
            }
        };
        session.addListener(new QualityMonitor(session.gan()::copyOfGenerator, config, classifier, reference, every,
                samples, config.seed(), work -> {
                    quality.started();
                    try {
                        scorer.execute(() -> {
                            try {
                                work.run();
                            } catch (RuntimeException e) {
                                listener.failed(e);
                            } finally {
                                quality.finished();
                            }
                        });
                    } catch (RuntimeException rejected) {
                        quality.finished();
                        throw rejected;
                    }
                }, consumer));
        return Optional.of(quality);
    }

    private synchronized void started() {
        inFlight++;
    }

    private synchronized void finished() {
        inFlight--;
        notifyAll();
    }

    /** "step 1,200: Fréchet distance 12.34, 9 of 10 classes covered, class entropy 3.18 bits" */
    public static String describe(QualityLog.Row row) {
        return String.format(Locale.ROOT, "step %,d: Fréchet distance %.2f, %d of %d classes covered, "
                + "class entropy %.2f bits", row.iteration(), row.frechetDistance(), row.classesCovered(),
                row.classes(), row.entropyBits());
    }

    /** Lets a score in progress finish (up to a minute), then closes quality.csv. */
    @Override
    public void close() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (this) {
            try {
                long left;
                while (inFlight > 0 && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownScorer != null) {
            ownScorer.shutdown();
        }
        log.close();
    }
}
