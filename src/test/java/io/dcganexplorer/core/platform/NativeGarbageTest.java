package io.dcganexplorer.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeGarbageTest {

    private static final long MB = 1L << 20;

    /**
     * A trainer whose steps each leave {@code garbagePerStep} of native garbage that only a collection
     * frees, under a C library that keeps freed pages: resident memory is the highest level live data plus
     * garbage has reached.
     */
    private static final class Process {
        final long live = 500 * MB;
        long garbagePerStep = 20 * MB;
        long garbage;
        long resident = live;
        long now;

        void step(long nanos) {
            now += nanos;
            garbage += garbagePerStep;
            resident = Math.max(resident, live + garbage);
        }

        void collect() {
            garbage = 0;
        }
    }

    @Test
    void residentMemoryStaysFlatOverAThousandStepsWhenFreedPagesAreKept() {
        Process p = new Process();
        NativeGarbage gc = new NativeGarbage(256 * MB, () -> p.resident, () -> p.now, p::collect, () -> { });

        for (int i = 0; i < 1000; i++) {
            p.step(1_500_000_000L);
            gc.collectIfDue();
        }

        // The first collection comes after 256 MB of growth (14 steps of 20 MB), then one every 14 steps.
        assertThat(gc.periodSteps()).isEqualTo(14);
        assertThat(gc.collections()).isBetween(1000 / 14 - 1, 1000 / 14 + 1);
        assertThat(p.resident).as("peak resident memory").isLessThanOrEqualTo(p.live + 256 * MB + 2 * 20 * MB);
    }

    @Test
    void stepsThatMakeMoreGarbageThanTheFirstOnesStillCollectOnGrowth() {
        Process p = new Process();
        NativeGarbage gc = new NativeGarbage(256 * MB, () -> p.resident, () -> p.now, p::collect, () -> { });
        for (int i = 0; i < 100; i++) {
            p.step(1_500_000_000L);
            gc.collectIfDue();
        }
        p.garbagePerStep = 100 * MB;

        long[] resident = new long[100];
        for (int i = 0; i < 100; i++) {
            p.step(1_500_000_000L);
            gc.collectIfDue();
            resident[i] = p.resident;
        }

        assertThat(gc.periodSteps()).isLessThanOrEqualTo(7);
        assertThat(resident[99]).as("flat once the period is shorter").isEqualTo(resident[20])
                .isLessThanOrEqualTo(p.live + 2 * 256 * MB + 2 * 100 * MB);
    }

    @Test
    void collectionsAreAtLeastASecondApart() {
        Process p = new Process();
        p.garbagePerStep = 300 * MB;
        NativeGarbage gc = new NativeGarbage(256 * MB, () -> p.resident, () -> p.now, p::collect, () -> { });

        for (int i = 0; i < 100; i++) {
            p.step(100_000_000L); // 10 steps a second
            gc.collectIfDue();
        }

        assertThat(gc.collections()).isBetween(8, 10);
    }

    @Test
    void theCHeapIsTrimmedAtTheStepAfterEachCollectionNotBefore() {
        Process p = new Process();
        int[] trims = {0};
        int[] collectionsAtTrim = {-1};
        NativeGarbage[] gc = new NativeGarbage[1];
        gc[0] = new NativeGarbage(256 * MB, () -> p.resident, () -> p.now, p::collect, () -> {
            trims[0]++;
            collectionsAtTrim[0] = gc[0].collections();
        });

        boolean collected = false;
        while (!collected) {
            p.step(1_500_000_000L);
            collected = gc[0].collectIfDue();
            assertThat(trims[0]).isZero();
        }
        p.step(1_500_000_000L);
        gc[0].collectIfDue();

        assertThat(trims[0]).isEqualTo(1);
        assertThat(collectionsAtTrim[0]).isEqualTo(1);
    }

    @Test
    void trimmingTheCHeapWorksOrSaysItCannot() {
        // On glibc (Linux CI) malloc_trim exists; elsewhere false, and nothing throws.
        boolean glibc = System.getProperty("os.name").startsWith("Linux");
        assertThat(NativeBackend.trimNativeHeap()).isEqualTo(glibc);
    }

    @Test
    void withoutProcStatusItCollectsEveryTenSeconds() {
        Process p = new Process();
        NativeGarbage gc = new NativeGarbage(256 * MB, () -> -1, () -> p.now, p::collect, () -> { });

        for (int i = 0; i < 60; i++) {
            p.step(1_000_000_000L);
            gc.collectIfDue();
        }

        assertThat(gc.collections()).isEqualTo(6);
    }
}
