package io.dcganexplorer.core.ablation;

import io.dcganexplorer.data.procedural.PixelBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Window boxes drawn on generated samples: the annotations of the DCGAN paper's figure 6 (Radford, Metz
 * and Chintala 2015, section 6.2: "we manually drew bounding boxes around windows" on 150 samples). Sample
 * {@code i} is G(z) for z number {@code i} of {@code LatentSampler.SAMPLING_STREAM} under {@code seed}, so
 * the file stays valid for the same model (or one with the same nz) and needs no images. Immutable: every
 * edit returns a new value, which makes undo a stack of earlier values.
 *
 * @param imageSize width and height of the samples the boxes were drawn on
 * @param seed the z seed of the samples
 * @param samples annotated samples, each with its boxes in image pixel coordinates; a sample listed with no
 *                boxes was looked at and has no window
 */
public record WindowAnnotations(int imageSize, long seed, List<Sample> samples) {

    /**
     * One annotated sample.
     *
     * @param index which z of the seed
     * @param boxes window boxes, pixel coordinates of the image
     */
    public record Sample(int index, List<PixelBox> boxes) {

        public Sample {
            boxes = List.copyOf(boxes);
        }
    }

    public WindowAnnotations {
        if (imageSize < 1) {
            throw new IllegalArgumentException("imageSize = " + imageSize + ": must be positive");
        }
        samples = samples.stream().sorted(Comparator.comparingInt(Sample::index)).toList();
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).index() == samples.get(i - 1).index()) {
                throw new IllegalArgumentException("sample " + samples.get(i).index() + " is listed twice");
            }
        }
        for (Sample s : samples) {
            for (PixelBox b : s.boxes()) {
                if (b.x() < 0 || b.y() < 0 || b.x() + b.width() > imageSize || b.y() + b.height() > imageSize) {
                    throw new IllegalArgumentException("sample " + s.index() + ": box " + b + " leaves the "
                            + imageSize + "x" + imageSize + " image");
                }
            }
        }
    }

    /** No annotations yet. */
    public static WindowAnnotations empty(int imageSize, long seed) {
        return new WindowAnnotations(imageSize, seed, List.of());
    }

    /** The boxes of sample {@code index} (empty when it has none). */
    public List<PixelBox> boxes(int index) {
        return sample(index).map(Sample::boxes).orElse(List.of());
    }

    /** The annotation of sample {@code index}, if it has one. */
    public Optional<Sample> sample(int index) {
        return samples.stream().filter(s -> s.index() == index).findFirst();
    }

    /** These annotations with one more box on sample {@code index}. */
    public WindowAnnotations withBox(int index, PixelBox box) {
        List<PixelBox> boxes = new ArrayList<>(boxes(index));
        boxes.add(box);
        return withBoxes(index, boxes);
    }

    /** These annotations with sample {@code index}'s boxes replaced. */
    public WindowAnnotations withBoxes(int index, List<PixelBox> boxes) {
        List<Sample> next = new ArrayList<>(samples.stream().filter(s -> s.index() != index).toList());
        next.add(new Sample(index, boxes));
        return new WindowAnnotations(imageSize, seed, next);
    }

    /** Number of boxes over all samples. */
    public int boxCount() {
        return samples.stream().mapToInt(s -> s.boxes().size()).sum();
    }

    /** Number of samples with at least one box. */
    public int samplesWithBoxes() {
        return (int) samples.stream().filter(s -> !s.boxes().isEmpty()).count();
    }
}
