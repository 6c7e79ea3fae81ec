package io.dcganexplorer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.accel.NativeBackend;
import io.dcganexplorer.core.gan.DcganConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkTest {

    @Test
    void aTinyRunGivesPositiveFiniteNumbersAndATable() {
        Benchmark.Settings tiny = new Benchmark.Settings(List.of(new Benchmark.Shape(16, 1)), 16, 1, 0, 2, 1, 2, 8, 16);
        Benchmark.Result result = Benchmark.run(tiny);

        assertThat(result.shapes()).hasSize(1);
        Benchmark.ShapeResult r = result.shapes().get(0);
        for (double v : new double[] {r.imagesPerSecond(), r.stepMillis(), r.latencyBatch1Millis(),
                r.compiledBatch1Millis(), r.latencyBatch64Millis(), r.stepGflop(), r.achievedGflops(), r.fractionOfMatmul(), result.matmulGflops()}) {
            assertThat(v).isPositive().isFinite();
        }
        assertThat(result.peakRssBytes()).isGreaterThanOrEqualTo(result.currentRssBytes()).isPositive();
        assertThat(result.toMarkdown()).contains("| 16x16x1 | 16 |").contains("GFLOPS")
                .contains("Native memory allocator: " + NativeBackend.nativeAllocator() + ".");
    }

    @Test
    void stepFlopsFollowTheDocumentedFormulaForThePaper32x32Network() {
        DcganConfig config = DcganConfig.paperDefaults(32, 1, 1);
        // G: 100*16*256 + 16*256*128*4*4 + 16*128*64*8*8 + 16*64*1*16*16.
        assertThat(Benchmark.generatorMacs(config)).isEqualTo(409_600L + 8_388_608 + 8_388_608 + 262_144);
        // D: 16*1*64*16*16 + 16*64*128*8*8 + 16*128*256*4*4 + the 4096-input output unit.
        assertThat(Benchmark.discriminatorMacs(config)).isEqualTo(262_144L + 8_388_608 + 8_388_608 + 4_096);
        // 2 (3 Fg + 9 Fd) batch = 2 (3 * 17,448,960 + 9 * 17,043,456) 128, worked out by hand.
        assertThat(Benchmark.stepFlops(config)).isEqualTo(52_668_923_904.0);
    }
}
