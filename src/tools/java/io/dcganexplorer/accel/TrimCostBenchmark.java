package io.dcganexplorer.accel;

import io.dcganexplorer.cli.Main;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What glibc's {@code malloc_trim} costs while a 32x32x1 model trains (the trainer's {@code NativeGarbage}
 * calls it once per collection): trims every 5 seconds from another thread during a training run of
 * MINUTES (default 2) and prints each trim's time and the resident memory before and after, then the median
 * and maximum. Not a test; see README, "Reliability".
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) io.dcganexplorer.accel.TrimCostBenchmark 2</pre>
 */
public final class TrimCostBenchmark {

    private TrimCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        NativeBackend.configure();
        String minutes = args.length > 0 ? args[0] : "2";
        Path runs = Files.createTempDirectory("trim-cost");
        Thread training = new Thread(() -> Main.run(new String[] {"train", "--data", "rooms", "--limit", "5000",
            "--size", "32", "--channels", "1", "--iterations", "10000000", "--max-minutes", minutes,
            "--runs", runs.toString(), "--name", "trim", "--progress", "lines"},
                new PrintWriter(Writer.nullWriter()), new PrintWriter(System.err, true)), "training");
        training.start();
        List<Double> millis = new ArrayList<>();
        while (training.isAlive()) {
            training.join(5_000);
            long before = NativeGarbage.residentBytes();
            long start = System.nanoTime();
            if (!NativeBackend.trimNativeHeap()) {
                System.out.println("no malloc_trim here (not glibc)");
                return;
            }
            double ms = (System.nanoTime() - start) / 1e6;
            millis.add(ms);
            System.out.printf(Locale.ROOT, "trim %.1f ms, RSS %d -> %d MB%n", ms, before >> 20,
                    NativeGarbage.residentBytes() >> 20);
        }
        Collections.sort(millis);
        System.out.printf(Locale.ROOT, "median %.1f ms, max %.1f ms over %d trims%n", millis.get(millis.size() / 2),
                millis.get(millis.size() - 1), millis.size());
    }
}
