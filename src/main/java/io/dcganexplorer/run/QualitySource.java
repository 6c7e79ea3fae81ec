package io.dcganexplorer.run;

import io.dcganexplorer.core.quality.QualityClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where training (the Train pane or `dcgan train`) finds a quality classifier (Fréchet distance and class coverage of the samples) for
 * a run's images; none means the run is trained without quality scores.
 */
@FunctionalInterface
public interface QualitySource {

    /** No classifier for any run. */
    QualitySource NONE = (imageSize, channels, classNames) -> Optional.empty();

    /**
     * The classifier for a run's images: their size and channel count, and the class names of its data
     * set (a classifier only scores samples of the data it was trained on: a Fashion-MNIST classifier's
     * classes say nothing about a run on rooms).
     */
    Optional<QualityClassifier> forRun(int imageSize, int channels, List<String> classNames) throws IOException;

    /**
     * The classifiers the CLI's {@code classifier} command saved as {@code quality-*.zip} in {@code folder}
     * (shipped: {@code models/quality-fmnist32.zip}, {@code quality-faces32.zip}, {@code quality-rooms32.zip});
     * the first, by file name, whose image size, channels and class names equal the run's.
     */
    static QualitySource inFolder(Path folder) {
        return (imageSize, channels, classNames) -> {
            if (!Files.isDirectory(folder) || classNames.isEmpty()) {
                return Optional.empty();
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.filter(f -> f.getFileName().toString().matches("quality-.*\\.zip"))
                        .filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                QualityClassifier classifier = QualityClassifier.load(file);
                if (classifier.imageSize() == imageSize && classifier.channels() == channels
                        && classifier.classNames().equals(classNames)) {
                    return Optional.of(classifier);
                }
            }
            return Optional.empty();
        };
    }
}
