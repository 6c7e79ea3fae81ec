package io.dcganexplorer.cli;

import io.dcganexplorer.core.gan.TrainingListener;
import io.dcganexplorer.core.gan.TrainingOutcome;
import io.dcganexplorer.core.gan.TrainingSnapshot;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training progress for a terminal: a redrawn bar with images/s and ETA on a console, plain log lines
 * (at most one every 10 seconds) when the output is a file or a CI log.
 */
final class ProgressPrinter implements TrainingListener {

    private static final int BAR_WIDTH = 24;
    private static final long BAR_INTERVAL_NANOS = 200_000_000L;
    private static final long LINE_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintWriter out;
    private final boolean bar;
    private long lastPrint;

    ProgressPrinter(PrintWriter out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    @Override
    public void onStep(TrainingSnapshot s) {
        long now = System.nanoTime();
        boolean last = s.step().iteration() + 1 >= s.totalIterations();
        if (!last && now - lastPrint < (bar ? BAR_INTERVAL_NANOS : LINE_INTERVAL_NANOS) && lastPrint != 0) {
            return;
        }
        lastPrint = now;
        String numbers = String.format(Locale.ROOT, "%d/%d | %.1f img/s | ETA %s | lossD %.3f lossG %.3f | D(x) %.2f "
                + "D(G(z)) %.2f", s.step().iteration() + 1, s.totalIterations(), s.imagesPerSecond(),
                formatDuration(s.etaSeconds()), s.step().lossD(), s.step().lossG(), s.step().dReal(), s.step().dFakeAfter());
        if (bar) {
            out.print("\r" + bar(s.progress()) + numbers + "   ");
            out.flush();
        } else {
            out.println("step " + numbers);
        }
    }

    @Override
    public void onEnd(TrainingOutcome outcome, String detail) {
        if (bar) {
            out.println();
        }
        switch (outcome) {
            case COMPLETED -> out.println("done.");
            case STOPPED -> out.println("stopped; a checkpoint holds the last step. Resume with --resume.");
            case DIVERGED -> out.println("training diverged: " + detail);
            case FAILED -> out.println("training failed: " + detail);
        }
        out.flush();
    }

    /** "[######..........]  25% ": a fraction 0..1 as a bar and a percentage, for redrawing after a carriage return. */
    static String bar(double fraction) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3.0f%% ", 100 * fraction);
    }

    static String formatDuration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "--";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
