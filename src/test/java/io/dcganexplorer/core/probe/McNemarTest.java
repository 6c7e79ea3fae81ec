package io.dcganexplorer.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class McNemarTest {

    @Test
    void fewDiscordantImagesUseTheExactBinomialTest() {
        // b = 10, c = 2: P(X <= 2 | n = 12, 1/2) = (1 + 12 + 66) / 4096, doubled.
        McNemar.Result r = McNemar.test(10, 2);
        assertThat(r.exact()).isTrue();
        assertThat(r.pValue()).isCloseTo(2 * 79 / 4096.0, within(1e-12));
        assertThat(r.withinNoise()).isFalse();
        // b = 5, c = 15 (n = 20 < 25): scipy's 2 * binom.cdf(5, 20, 0.5) = 0.04138946533203125.
        assertThat(McNemar.test(5, 15).pValue()).isCloseTo(0.04138946533203125, within(1e-12));
    }

    @Test
    void manyDiscordantImagesUseChiSquareWithContinuityCorrection() {
        // b = 25, c = 10: (|25 - 10| - 1)² / 35 = 5.6, p = 1 - chi2.cdf(5.6, 1) = 0.017960477526.
        McNemar.Result r = McNemar.test(25, 10);
        assertThat(r.exact()).isFalse();
        assertThat(r.statistic()).isCloseTo(5.6, within(1e-12));
        assertThat(r.pValue()).isCloseTo(0.017960477526078766, within(1e-9));
    }

    @Test
    void equalCountsAndNoDisagreementAreWithinNoise() {
        assertThat(McNemar.test(0, 0).pValue()).isEqualTo(1.0);
        assertThat(McNemar.test(40, 40).pValue()).isCloseTo(1 - 0.0, within(0.2));
        assertThat(McNemar.test(40, 40).withinNoise()).isTrue();
    }

    @Test
    void compareCountsOnlyImagesWhereExactlyOneClassifierIsRight() {
        int[] truth = {0, 1, 2, 0, 1, 2};
        int[] first = {0, 1, 2, 1, 1, 0};
        int[] second = {0, 0, 0, 0, 1, 0};
        McNemar.Result r = McNemar.compare(first, second, truth);
        assertThat(r.onlyFirstRight()).isEqualTo(2);
        assertThat(r.onlySecondRight()).isEqualTo(1);
        assertThat(r.summary()).contains("2 vs 1");
    }
}
