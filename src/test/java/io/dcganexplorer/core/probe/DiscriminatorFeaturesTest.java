package io.dcganexplorer.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.DiscriminatorFactory;
import io.dcganexplorer.core.gan.TinyGan;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class DiscriminatorFeaturesTest {

    @Test
    void featureLengthOfA32x32DiscriminatorWith64FiltersIs7168() {
        DcganConfig config = DcganConfig.paperDefaults(32, 1, 1);
        // Three blocks of 64, 128 and 256 channels, each pooled to 4x4.
        assertThat(DiscriminatorFeatures.featureLength(config)).isEqualTo((64 + 128 + 256) * 16).isEqualTo(7168);
        assertThat(DiscriminatorFeatures.featureLength(DcganConfig.paperDefaults(64, 3, 1)))
                .isEqualTo((64 + 128 + 256 + 512) * 16);
    }

    @Test
    void extractedVectorsHaveTheAnalyticLengthAndComeFromEveryBlock() {
        DcganConfig config = TinyGan.config(3);
        DiscriminatorFeatures features = new DiscriminatorFeatures(DiscriminatorFactory.create(config));
        assertThat(features.layerNames()).containsExactly("conv1", "lrelu2");
        assertThat(features.length()).isEqualTo(DiscriminatorFeatures.featureLength(config)).isEqualTo((4 + 8) * 16);
        float[][] x = features.extract(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 1, 16, 16).muli(2).subi(1));
        assertThat(x).hasNumberOfRows(3);
        assertThat(x[0]).hasSize(features.length());
        assertThat(x[0]).isNotEqualTo(x[1]);
    }

    @Test
    void poolingAn8x8MapTakesTheMaximumOfEach2x2Cell() {
        // Channel 0: value y*8+x, so each 2x2 cell's maximum is its bottom-right pixel.
        // Channel 1: all zero except one spike, which must land in exactly one grid cell.
        float[] map = new float[2 * 64];
        for (int i = 0; i < 64; i++) {
            map[i] = i;
        }
        map[64 + 5 * 8 + 2] = 9f;
        float[] pooled = new float[2 * 16];
        DiscriminatorFeatures.maxPoolToGrid(map, 0, 2, 8, 8, pooled, 0);
        for (int gy = 0; gy < 4; gy++) {
            for (int gx = 0; gx < 4; gx++) {
                assertThat(pooled[gy * 4 + gx]).isEqualTo((2 * gy + 1) * 8 + 2 * gx + 1);
            }
        }
        for (int cell = 0; cell < 16; cell++) {
            // The spike at row 5, column 2 falls in grid cell (2, 1).
            assertThat(pooled[16 + cell]).isEqualTo(cell == 2 * 4 + 1 ? 9f : 0f);
        }
    }

    @Test
    void aMapThatIsAlready4x4IsKeptAsItIs() {
        float[] map = new float[16];
        for (int i = 0; i < 16; i++) {
            map[i] = -i;
        }
        float[] pooled = new float[16];
        DiscriminatorFeatures.maxPoolToGrid(map, 0, 1, 4, 4, pooled, 0);
        assertThat(pooled).containsExactly(map);
    }

    @Test
    void sidesNotDivisibleByFourUseAdaptiveOverlappingBins() {
        // 6 wide: bins [0,2) [1,3) [3,5) [4,6), as PyTorch's AdaptiveMaxPool2d.
        float[] map = new float[6 * 6];
        map[2] = 1f; // row 0, column 2: in column bins 1 and 2 (of row bin 0)
        float[] pooled = new float[16];
        DiscriminatorFeatures.maxPoolToGrid(map, 0, 1, 6, 6, pooled, 0);
        assertThat(pooled).containsExactly(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
