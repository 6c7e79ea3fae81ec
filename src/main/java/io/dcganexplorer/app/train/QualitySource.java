package io.dcganexplorer.app.train;

import io.dcganexplorer.core.quality.QualityClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the Train pane finds a quality classifier (Fréchet distance and class coverage of the samples) for
 * a run's image shape; none means the run is trained without quality scores.
 */
@FunctionalInterface
public interface QualitySource {

    /** No classifier for any shape. */
    QualitySource NONE = (imageSize, channels) -> Optional.empty();

    /** The classifier for images of this size and channel count, if there is one. */
    Optional<QualityClassifier> forShape(int imageSize, int channels) throws IOException;

    /**
     * The classifiers the CLI's {@code classifier} command saves as {@code quality-fmnist<SIZE>.zip} in
     * {@code folder} (the shipped {@code models/quality-fmnist32.zip} is 32x32x1); one whose channels differ
     * from the run's is not used.
     */
    static QualitySource inFolder(Path folder) {
        return (imageSize, channels) -> {
            Path file = folder.resolve("quality-fmnist" + imageSize + ".zip");
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            QualityClassifier classifier = QualityClassifier.load(file);
            return classifier.imageSize() == imageSize && classifier.channels() == channels
                    ? Optional.of(classifier) : Optional.empty();
        };
    }
}
