package io.dcganexplorer.data.procedural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.dcganexplorer.data.procedural.FaceAttributes.HairColor;
import io.dcganexplorer.data.procedural.FaceAttributes.HairStyle;
import io.dcganexplorer.data.procedural.FaceAttributes.Presentation;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaceGeneratorTest {

    private static final int SAMPLES = 2000;
    private final FaceGenerator generator = new FaceGenerator(5);

    private static final FaceAttributes PLAIN = new FaceAttributes(false, false, Presentation.MAN, HairStyle.NONE,
            HairColor.BROWN, false, 0.2, 0.0, new Color(200, 210, 220));

    @Test
    void sameSeedAndIndexGiveIdenticalPixelsInAnyOrder() {
        List<int[]> forward = IntStream.range(0, 6).mapToObj(i -> pixels(new FaceGenerator(5).generate(i, 32).image()))
                .toList();
        FaceGenerator other = new FaceGenerator(5);
        for (int i = 5; i >= 0; i--) {
            assertThat(pixels(other.generate(i, 32).image())).isEqualTo(forward.get(i));
        }
    }

    @Test
    void differentIndicesGiveDifferentFaces() {
        assertThat(pixels(generator.generate(0, 32).image())).isNotEqualTo(pixels(generator.generate(1, 32).image()));
    }

    @Test
    void generatedImageMatchesRenderingItsAttributes() {
        FaceSample sample = generator.generate(3, 32);
        assertThat(sample.attributes()).isEqualTo(generator.attributes(3));
    }

    @Test
    void binaryAttributesHaveSaneFrequencies() {
        List<FaceAttributes> all = sample();
        assertThat(fraction(all, FaceAttributes::glasses)).isBetween(0.35, 0.45);
        assertThat(fraction(all, FaceAttributes::smile)).isBetween(0.45, 0.55);
        assertThat(fraction(all, f -> f.presentation() == Presentation.MAN)).isBetween(0.45, 0.55);
        assertThat(fraction(all, FaceAttributes::beard)).isBetween(0.15, 0.25);
        assertThat(fraction(all, f -> f.hair() == HairStyle.LONG)).isBetween(0.3, 0.5);
        assertThat(fraction(all, f -> f.yaw() < 0)).isBetween(0.45, 0.55);
    }

    @Test
    void glassesAreIndependentOfSmileAndPresentation() {
        List<FaceAttributes> all = sample();
        double glasses = fraction(all, FaceAttributes::glasses);
        List<FaceAttributes> smiling = all.stream().filter(FaceAttributes::smile).toList();
        List<FaceAttributes> women = all.stream().filter(f -> f.presentation() == Presentation.WOMAN).toList();
        assertThat(fraction(smiling, FaceAttributes::glasses)).isCloseTo(glasses, offset(0.05));
        assertThat(fraction(women, FaceAttributes::glasses)).isCloseTo(glasses, offset(0.05));
    }

    @Test
    void beardsAndBaldHeadsOnlyComeWithTheManPresentation() {
        assertThat(sample()).filteredOn(f -> f.presentation() == Presentation.WOMAN)
                .noneMatch(f -> f.beard() || f.hair() == HairStyle.NONE);
    }

    @Test
    void glassesChangeMainlyTheEyeRegion() {
        int size = 64;
        int[] without = pixels(FaceGenerator.render(PLAIN, 9, size));
        int[] with = pixels(FaceGenerator.render(PLAIN.withGlasses(true), 9, size));
        int eyeBand = 0;
        int elsewhere = 0;
        for (int p = 0; p < with.length; p++) {
            if (with[p] != without[p]) {
                int y = p / size;
                if (y >= size * 0.35 && y <= size * 0.55) {
                    eyeBand++;
                } else {
                    elsewhere++;
                }
            }
        }
        assertThat(eyeBand).isGreaterThan(100);
        assertThat(elsewhere).isLessThan(eyeBand / 10);
    }

    @Test
    void turningFromLeftToRightMovesTheFeaturesAcross() {
        int size = 32;
        double left = darkCentroidX(FaceGenerator.render(PLAIN.withYaw(-1), 9, size));
        double front = darkCentroidX(FaceGenerator.render(PLAIN, 9, size));
        double right = darkCentroidX(FaceGenerator.render(PLAIN.withYaw(1), 9, size));
        assertThat(left).isLessThan(front - 1.5);
        assertThat(right).isGreaterThan(front + 1.5);
    }

    @Test
    void smileChangesTheMouth() {
        int size = 32;
        int[] neutral = pixels(FaceGenerator.render(PLAIN, 9, size));
        int[] smile = pixels(FaceGenerator.render(PLAIN.withSmile(true), 9, size));
        long changed = IntStream.range(0, neutral.length).filter(p -> neutral[p] != smile[p]).count();
        assertThat(changed).isGreaterThan(10);
    }

    /** Mean column of the face's dark details (eyes, brows, nostrils, mouth) inside the head. */
    private static double darkCentroidX(BufferedImage image) {
        int size = image.getWidth();
        double sum = 0;
        int n = 0;
        for (int y = (int) (size * 0.35); y < size * 0.75; y++) {
            for (int x = (int) (size * 0.25); x < size * 0.75; x++) {
                int c = image.getRGB(x, y);
                int luma = (((c >> 16) & 0xFF) * 3 + ((c >> 8) & 0xFF) * 6 + (c & 0xFF)) / 10;
                if (luma < 160) {
                    sum += x;
                    n++;
                }
            }
        }
        assertThat(n).isPositive();
        return sum / n;
    }

    private List<FaceAttributes> sample() {
        return IntStream.range(0, SAMPLES).mapToObj(generator::attributes).toList();
    }

    private static double fraction(List<FaceAttributes> all, Predicate<FaceAttributes> p) {
        return all.stream().filter(p).count() / (double) all.size();
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
