package io.dcganexplorer.accel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeGarbageTest {

    private static final long MB = 1L << 20;
    private static final long STEP_NANOS = 700_000_000L;

    /**
     * A trainer under glibc: each step leaves {@code garbagePerStep} of native garbage that only a
     * collection frees, the first four steps also grow its live memory (workspaces), and freed pages stay
     * resident until the heap is trimmed.
     */
    private static final class Process {
        long live = 500 * MB;
        long garbagePerStep = 20 * MB;
        long garbage;
        long resident = live;
        long now;
        long stepNanos = STEP_NANOS;
        int steps;
        boolean canTrim = true;
        int trims;

        void step() {
            now += stepNanos;
            steps++;
            if (steps <= 4) {
                live += 100 * MB;
            }
            garbage += garbagePerStep;
            resident = Math.max(resident, live + garbage);
        }

        void collect() {
            garbage = 0;
        }

        boolean trim() {
            if (canTrim) {
                resident = live + garbage;
                trims++;
            }
            return canTrim;
        }

        NativeGarbage garbageCollector() {
            return new NativeGarbage(256 * MB, () -> resident, () -> now, this::collect, this::trim);
        }
    }

    @Test
    void memoryStaysFlatAndWorkspaceGrowthAtTheStartDoesNotMakeCollectionsFrequent() {
        Process p = new Process();
        NativeGarbage gc = p.garbageCollector();
        long peakLate = 0;

        for (int i = 0; i < 1000; i++) {
            p.step();
            gc.collectIfDue();
            if (i >= 500) {
                peakLate = Math.max(peakLate, p.resident);
            }
        }

        // 256 MB of garbage is 13 steps of 20 MB: one collection per 14 steps (13 plus the trim step), not one
        // every other step because the first steps grew the workspaces.
        assertThat(gc.collections()).isBetween(1000 / 15, 1000 / 13 + 2);
        assertThat(p.trims).isBetween(gc.collections() - 1, gc.collections());
        assertThat(peakLate).as("resident memory in the second half")
                .isLessThanOrEqualTo(p.live + 256 * MB + 2 * 20 * MB);
    }

    @Test
    void theCHeapIsTrimmedAtTheStepAfterACollectionNotBefore() {
        Process p = new Process();
        NativeGarbage gc = p.garbageCollector();

        boolean collected = false;
        while (!collected) {
            p.step();
            collected = gc.collectIfDue();
            assertThat(p.trims).isZero();
        }
        p.step();
        gc.collectIfDue();

        assertThat(p.trims).isEqualTo(1);
    }

    @Test
    void withoutATrimMemoryIsStillBoundedByCollectingAtMostOnceASecond() {
        Process p = new Process();
        p.canTrim = false;
        NativeGarbage gc = p.garbageCollector();

        for (int i = 0; i < 1000; i++) {
            p.step();
            gc.collectIfDue();
        }

        // Resident memory never falls back, so once above the baseline every allowed moment collects.
        assertThat(gc.collections()).isBetween((int) (1000 * STEP_NANOS / 2_000_000_000L) - 20,
                (int) (1000 * STEP_NANOS / 1_000_000_000L));
        assertThat(p.resident).isLessThanOrEqualTo(p.live + 256 * MB + 3 * 20 * MB);
    }

    @Test
    void collectionsAreAtLeastASecondApart() {
        Process p = new Process();
        p.garbagePerStep = 300 * MB;
        p.stepNanos = 300_000_000L;
        NativeGarbage gc = p.garbageCollector();

        for (int i = 0; i < 100; i++) {
            p.step(); // each step alone is over the allowed growth
            gc.collectIfDue();
        }

        // A collection, the trim step, two steps under a second after it, then the next: every fourth step.
        assertThat(gc.collections()).isBetween(22, 26);
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
        NativeGarbage gc = new NativeGarbage(256 * MB, () -> -1, () -> p.now, p::collect, p::trim);

        for (int i = 0; i < 100; i++) {
            p.step();
            gc.collectIfDue();
        }

        // 70 s of steps: a collection every 10 s at most, the step after each one trims.
        assertThat(gc.collections()).isBetween(6, 7);
    }
}
