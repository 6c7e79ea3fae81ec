package io.dcganexplorer.data.procedural;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoomGeneratorTest {

    private final RoomGenerator generator = new RoomGenerator(11);

    @Test
    void sameSeedAndIndexGiveIdenticalPixelsInAnyOrder() {
        List<int[]> forward = IntStream.range(0, 6).mapToObj(i -> pixels(new RoomGenerator(11).generate(i, 32)))
                .toList();
        RoomGenerator other = new RoomGenerator(11);
        for (int i = 5; i >= 0; i--) {
            assertThat(pixels(other.generate(i, 32))).isEqualTo(forward.get(i));
        }
    }

    @Test
    void differentIndicesGiveDifferentRooms() {
        assertThat(pixels(generator.generate(0, 32))).isNotEqualTo(pixels(generator.generate(1, 32)));
    }

    @Test
    void differentSeedsGiveDifferentRooms() {
        assertThat(pixels(new RoomGenerator(1).generate(0, 32))).isNotEqualTo(pixels(generator.generate(0, 32)));
    }

    @Test
    void windowMaskLiesInsideTheWindowBoxes() {
        for (int i = 0; i < 40; i++) {
            RoomScene scene = generator.generate(i, 32);
            List<PixelBox> boxes = scene.windowBoxes();
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    if (scene.isWindow(x, y)) {
                        int px = x;
                        int py = y;
                        assertThat(boxes).as("room %d pixel (%d, %d)", i, x, y).anyMatch(b -> b.contains(px, py));
                    }
                }
            }
        }
    }

    @Test
    void maskIsNonEmptyExactlyWhenThereAreWindows() {
        int withWindows = 0;
        int withoutWindows = 0;
        for (int i = 0; i < 60; i++) {
            RoomScene scene = generator.generate(i, 16);
            boolean hasWindows = !scene.windowBoxes().isEmpty();
            assertThat(scene.windowPixelCount() > 0).as("room %d", i).isEqualTo(hasWindows);
            if (hasWindows) {
                withWindows++;
            } else {
                withoutWindows++;
            }
        }
        assertThat(withWindows).isGreaterThan(30);
        assertThat(withoutWindows).isGreaterThan(0);
    }

    @Test
    void roomWithoutWindowsHasAnEmptyMask() {
        RoomScene scene = IntStream.range(0, 200).mapToObj(i -> generator.generate(i, 16))
                .filter(s -> s.windowBoxes().isEmpty()).findFirst().orElseThrow();
        assertThat(scene.windowPixelCount()).isZero();
    }

    @Test
    void everyBoxLiesWithinTheImage() {
        for (int i = 0; i < 40; i++) {
            RoomScene scene = generator.generate(i, 32);
            assertThat(scene.objects()).allSatisfy(o -> {
                assertThat(o.box().x()).isGreaterThanOrEqualTo(0);
                assertThat(o.box().y()).isGreaterThanOrEqualTo(0);
                assertThat(o.box().x() + o.box().width()).isLessThanOrEqualTo(32);
                assertThat(o.box().y() + o.box().height()).isLessThanOrEqualTo(32);
            });
        }
    }

    @Test
    void nearlyEveryRoomHasABed() {
        long withBed = IntStream.range(0, 50).filter(i -> !generator.generate(i, 16).boxesOf(ObjectKind.BED)
                .isEmpty()).count();
        assertThat(withBed).isGreaterThanOrEqualTo(48);
    }

    @Test
    void windowPixelsAreBrighterOrBluerThanTheRoomByDay() {
        // The mask must point at sky and frame, not at wall: on average window pixels differ from the rest.
        double inside = 0;
        double outside = 0;
        int nIn = 0;
        int nOut = 0;
        for (int i = 0; i < 30; i++) {
            RoomScene scene = generator.generate(i, 32);
            int[] px = pixels(scene);
            for (int p = 0; p < px.length; p++) {
                double blue = (px[p] & 0xFF) - ((px[p] >> 16) & 0xFF);
                if (scene.windowMask()[p]) {
                    inside += blue;
                    nIn++;
                } else {
                    outside += blue;
                    nOut++;
                }
            }
        }
        assertThat(inside / nIn).isGreaterThan(outside / nOut + 10);
    }

    private static int[] pixels(RoomScene scene) {
        BufferedImage image = scene.image();
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
