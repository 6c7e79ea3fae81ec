package io.dcganexplorer.run.export;

import io.dcganexplorer.run.MetricsLog;
import io.dcganexplorer.run.MetricsRow;
import io.dcganexplorer.run.QualityLog;
import io.dcganexplorer.run.RunDirectory;
import io.dcganexplorer.run.RunFormatException;
import io.dcganexplorer.run.RunManifest;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A run's training curves as one picture, drawn from its own metrics.csv (and quality.csv when it has one):
 * the two losses, D(x) and D(G(z)), and the Fréchet distance of the samples over the steps. Each per-step curve
 * is drawn raw and faint with its exponential moving average on top, as TensorBoard draws noisy curves.
 *
 * <p>Rendered with JFreeChart through Java2D, so it works headless and draws the same PNG for the CLI
 * ({@code dcgan plot}) and the app's export menu.
 */
public final class TrainingCurves {

    /** The moving average's weight on the past, TensorBoard's default smoothing. */
    public static final double DEFAULT_SMOOTHING = 0.9;

    private static final Color D_COLOUR = new Color(0x1f77b4);
    private static final Color G_COLOUR = new Color(0xd62728);
    private static final Color FD_COLOUR = new Color(0x2ca02c);

    private TrainingCurves() {
    }

    /**
     * Exponential moving average with TensorBoard's debiasing: {@code s_t = w s_(t-1) + (1 - w) x_t}, divided by
     * {@code 1 - w^t} so the first points are not pulled towards 0. Non-finite values are carried over, not averaged.
     *
     * @param weight 0 (no smoothing) to below 1
     */
    public static double[] smooth(double[] values, double weight) {
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("smoothing = " + weight + ": must be at least 0 and below 1");
        }
        double[] out = new double[values.length];
        double last = 0;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                out[i] = values[i];
                continue;
            }
            last = weight * last + (1 - weight) * values[i];
            n++;
            out[i] = last / (1 - Math.pow(weight, n));
        }
        return out;
    }

    /** Draws the curves of a run folder; see {@link #render(String, List, List, double, int, int)}. */
    public static BufferedImage render(Path runFolder, double smoothing, int width, int height)
            throws IOException, RunFormatException {
        RunDirectory run = RunDirectory.open(runFolder);
        if (!Files.isRegularFile(run.metricsFile())) {
            throw new IOException(run.metricsFile() + " does not exist: this run has no steps to plot yet");
        }
        List<MetricsRow> rows = MetricsLog.read(run.metricsFile());
        if (rows.isEmpty()) {
            throw new IOException(run.metricsFile() + " has no complete rows: this run has no steps to plot yet");
        }
        List<QualityLog.Row> quality = QualityLog.read(runFolder.resolve(QualityLog.FILE));
        return render(title(run), rows, quality, smoothing, width, height);
    }

    /**
     * Draws the curves: losses, D's outputs and, when {@code quality} is not empty, the Fréchet distance.
     *
     * @param smoothing the moving average's weight on the past (0 = raw only)
     */
    public static BufferedImage render(String title, List<MetricsRow> rows, List<QualityLog.Row> quality,
                                       double smoothing, int width, int height) {
        if (width < 200 || height < 200) {
            throw new IllegalArgumentException("size " + width + "x" + height + ": must be at least 200x200");
        }
        NumberAxis steps = new NumberAxis("step");
        steps.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        steps.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(steps);
        plot.setGap(12);

        XYPlot losses = panel("loss (lower D = D wins)");
        addCurve(losses, "loss D", rows, MetricsRow::lossD, smoothing, D_COLOUR);
        addCurve(losses, "loss G", rows, MetricsRow::lossG, smoothing, G_COLOUR);
        plot.add(losses, 3);

        XYPlot outputs = panel("D's output (1 = real)");
        ((NumberAxis) outputs.getRangeAxis()).setRange(0, 1);
        addCurve(outputs, "D(x)", rows, MetricsRow::dReal, smoothing, D_COLOUR);
        addCurve(outputs, "D(G(z))", rows, MetricsRow::dFake, smoothing, G_COLOUR);
        plot.add(outputs, 2);

        if (!quality.isEmpty()) {
            XYPlot fd = panel("Fréchet distance (lower = closer to real)");
            XYSeries series = new XYSeries("Fréchet distance (" + quality.get(0).samples() + " samples)");
            quality.forEach(q -> series.add(q.iteration(), q.frechetDistance()));
            int index = fd.getDatasetCount();
            fd.setDataset(index, new XYSeriesCollection(series));
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
            r.setSeriesPaint(0, FD_COLOUR);
            r.setSeriesStroke(0, new BasicStroke(2f));
            fd.setRenderer(index, r);
            plot.add(fd, 2);
        }

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        MetricsRow last = rows.get(rows.size() - 1);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "%,d steps, %s of training; faint: raw, "
                + "bold: moving average (smoothing %.2f)", last.iteration() + 1, duration(last.wallSeconds()),
                smoothing), new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart.createBufferedImage(width, height);
    }

    private static XYPlot panel(String label) {
        NumberAxis range = new NumberAxis(label);
        range.setAutoRangeIncludesZero(false);
        XYPlot p = new XYPlot();
        p.setRangeAxis(range);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
        return p;
    }

    private static void addCurve(XYPlot plot, String name, List<MetricsRow> rows, ToDoubleFunction<MetricsRow> value,
                                 double smoothing, Color colour) {
        double[] raw = rows.stream().mapToDouble(value).toArray();
        XYSeries rawSeries = new XYSeries(name + " (raw)", false, true);
        XYSeries smoothSeries = new XYSeries(name, false, true);
        double[] smoothed = smooth(raw, smoothing);
        for (int i = 0; i < raw.length; i++) {
            long step = rows.get(i).iteration();
            rawSeries.add(step, raw[i]);
            smoothSeries.add(step, smoothed[i]);
        }
        int index = plot.getDatasetCount();
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(rawSeries);
        data.addSeries(smoothSeries);
        plot.setDataset(index, data);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 60));
        r.setSeriesStroke(0, new BasicStroke(1f));
        r.setSeriesVisibleInLegend(0, false);
        r.setSeriesPaint(1, colour);
        r.setSeriesStroke(1, new BasicStroke(2f));
        plot.setRenderer(index, r);
    }

    private static String title(RunDirectory run) throws RunFormatException {
        RunManifest m = run.manifest();
        var c = m.config();
        // The description ends with where the data came from (a long path): the title keeps what it is.
        String data = m.datasetDescription().replaceFirst(" from .*$", "");
        return String.format(Locale.ROOT, "%s: %dx%dx%d, ngf %d ndf %d, batch %d, lr %s, beta1 %s, seed %d%n%s",
                m.id(), c.imageSize(), c.imageSize(), c.channels(), c.ngf(), c.ndf(), c.batchSize(),
                c.learningRate(), c.beta1(), c.seed(), data);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60)
                : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
}
