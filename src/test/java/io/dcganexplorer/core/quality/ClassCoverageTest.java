package io.dcganexplorer.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassCoverageTest {

    private static final List<String> FOUR = List.of("a", "b", "c", "d");

    @Test
    void aFlatHistogramCoversEveryClassWithMaximalEntropy() {
        ClassCoverage c = ClassCoverage.of(new int[] {0, 1, 2, 3, 0, 1, 2, 3}, FOUR);
        assertThat(c.covered()).isEqualTo(4);
        assertThat(c.coveredFraction()).isEqualTo(1.0);
        assertThat(c.entropyBits()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void aCollapsedModelCoversOneClassWithZeroEntropy() {
        ClassCoverage c = ClassCoverage.of(new int[] {2, 2, 2, 2, 2}, FOUR);
        assertThat(c.covered()).isEqualTo(1);
        assertThat(c.entropyBits()).isZero();
        assertThat(c.counts()).containsExactly(0, 0, 5, 0);
    }

    @Test
    void aClassBelowAQuarterOfItsFairShareIsNotCovered() {
        // 100 samples, 4 classes: fair share 25, threshold 6.25 samples.
        int[] predicted = new int[100];
        for (int i = 0; i < 100; i++) {
            predicted[i] = i < 6 ? 3 : i % 3;
        }
        assertThat(ClassCoverage.of(predicted, FOUR).covered()).isEqualTo(3);
    }
}
