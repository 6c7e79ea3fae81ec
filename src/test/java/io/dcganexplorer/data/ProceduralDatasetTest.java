package io.dcganexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dcganexplorer.data.ProceduralDataset.Kind;
import org.junit.jupiter.api.Test;

class ProceduralDatasetTest {

    @Test
    void rgbImagesFillTheirLengthWithValuesInRange() {
        for (Kind kind : Kind.values()) {
            ProceduralDataset data = new ProceduralDataset(kind, 16, 3, 10, 3);
            assertThat(data.imageLength()).isEqualTo(3 * 16 * 16);
            float[] dest = new float[data.imageLength() + 2];
            dest[0] = 7f;
            dest[dest.length - 1] = 7f;
            data.writeImage(4, dest, 1);
            assertThat(dest[0]).isEqualTo(7f);
            assertThat(dest[dest.length - 1]).isEqualTo(7f);
            for (int i = 1; i < dest.length - 1; i++) {
                assertThat(dest[i]).isBetween(-1f, 1f);
            }
        }
    }

    @Test
    void grayscaleImagesHaveOneChannelInRange() {
        ProceduralDataset data = new ProceduralDataset(Kind.FACES, 16, 1, 10, 3);
        float[] dest = new float[data.imageLength()];
        data.writeImage(2, dest, 0);
        assertThat(dest.length).isEqualTo(16 * 16);
        for (float v : dest) {
            assertThat(v).isBetween(-1f, 1f);
        }
    }

    @Test
    void imagesAreTheSameWithOrWithoutTheCache() {
        ProceduralDataset cached = new ProceduralDataset(Kind.ROOMS, 16, 3, 20, 8, 4);
        ProceduralDataset uncached = new ProceduralDataset(Kind.ROOMS, 16, 3, 20, 8, 0);
        float[] a = new float[cached.imageLength()];
        float[] b = new float[cached.imageLength()];
        for (int i : new int[] {3, 9, 3, 15, 0, 9, 3}) {
            cached.writeImage(i, a, 0);
            uncached.writeImage(i, b, 0);
            assertThat(a).isEqualTo(b);
        }
    }

    @Test
    void facesAreLabelledByGlasses() {
        ProceduralDataset data = new ProceduralDataset(Kind.FACES, 16, 3, 30, 2);
        for (int i = 0; i < 30; i++) {
            assertThat(data.label(i)).isEqualTo(data.attributes(i).glasses() ? 1 : 0);
        }
        assertThat(data.classNames()).containsExactly("no glasses", "glasses");
    }

    @Test
    void roomsAreLabelledByVisibleWindows() {
        ProceduralDataset data = new ProceduralDataset(Kind.ROOMS, 16, 3, 20, 2);
        for (int i = 0; i < 20; i++) {
            assertThat(data.label(i)).isEqualTo(data.scene(i).windowBoxes().isEmpty() ? 0 : 1);
        }
    }

    @Test
    void descriptionNamesKindSizeCountAndSeed() {
        assertThat(new ProceduralDataset(Kind.ROOMS, 64, 3, 5000, 42).description())
                .contains("rooms", "64x64", "5000", "seed 42");
    }

    @Test
    void indexOutsideTheDataSetIsRejected() {
        ProceduralDataset data = new ProceduralDataset(Kind.FACES, 16, 3, 5, 1);
        assertThatThrownBy(() -> data.writeImage(5, new float[data.imageLength()], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void askingFacesForRoomGroundTruthFails() {
        ProceduralDataset data = new ProceduralDataset(Kind.FACES, 16, 3, 5, 1);
        assertThatThrownBy(() -> data.scene(0)).isInstanceOf(IllegalStateException.class);
    }
}
