package io.dcganexplorer.cli;

import io.dcganexplorer.accel.Accel;
import io.dcganexplorer.accel.NativeBackend;
import io.dcganexplorer.bench.Benchmark;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: training throughput, generator latency, memory and FLOP efficiency on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure full GAN steps (images/s after warm-up, median of repetitions), generator latency at "
                + "batch 1 and 64, peak RSS, float32 matmul GFLOPS and the step's share of it.",
            "Numbers depend on what else the machine runs: measure on an idle machine."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--shapes", description = "comma-separated SIZExSIZExCHANNELS (default: ${DEFAULT-VALUE})",
            defaultValue = "32x32x1,32x32x3,64x64x3")
    String shapes;

    @Option(names = "--batch", description = "batch size (default: ${DEFAULT-VALUE})", defaultValue = "128")
    int batch;

    @Option(names = "--repetitions", description = "timed repetitions per shape; the median is reported "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "5")
    int repetitions;

    @Option(names = "--warmup-seconds", description = "untimed training before each shape's timing, so that the "
            + "JIT has compiled the Java kernels (default: ${DEFAULT-VALUE})", defaultValue = "20")
    double warmupSeconds;

    @Option(names = "--filters", description = "ngf = ndf (default: the paper's ${DEFAULT-VALUE})", defaultValue = "64")
    int filters;

    @Option(names = {"-o", "--out"}, description = "also write the Markdown table to this file")
    Path output;

    @Override
    public Integer call() throws Exception {
        Benchmark.Settings standard = Benchmark.Settings.standard();
        Benchmark.Settings settings = new Benchmark.Settings(Benchmark.parseShapes(shapes), batch,
                standard.warmupSteps(), warmupSeconds, repetitions, standard.stepsPerRepetition(), standard.latencyIterations(),
                filters, standard.nz());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("backend: oneDNN %s, helpers %s, OMP_WAIT_POLICY=%s, %d cores, speed-ups %s (%s)%n",
                NativeBackend.oneDnnAvailable() ? "on" : "off", NativeBackend.helpersRequested() ? "on" : "off",
                NativeBackend.ompWaitPolicy(), Runtime.getRuntime().availableProcessors(),
                Accel.enabled() ? "on" : "off", Accel.PROPERTY);
        String table = Benchmark.run(settings).toMarkdown();
        out.print(table);
        if (output != null) {
            Files.writeString(output, table);
        }
        return 0;
    }
}
