package io.dcganexplorer.run;

import io.dcganexplorer.core.gan.StepResult;
import java.util.Locale;

/**
 * One line of metrics.csv.
 *
 * @param iteration GAN step number
 * @param epoch data epoch
 * @param lossD discriminator loss
 * @param lossG generator loss
 * @param dReal mean D(x)
 * @param dFake mean D(G(z)) as the generator saw it (after D's update)
 * @param imagesPerSecond smoothed training throughput (real images per second)
 * @param wallSeconds training time since the run started, excluding pauses
 */
public record MetricsRow(long iteration, int epoch, double lossD, double lossG, double dReal, double dFake,
                         double imagesPerSecond, double wallSeconds) {

    public static final String HEADER = "iteration,epoch,lossD,lossG,dReal,dFake,imagesPerSecond,wallSeconds";

    public static MetricsRow of(StepResult r, int epoch, double imagesPerSecond, double wallSeconds) {
        return new MetricsRow(r.iteration(), epoch, r.lossD(), r.lossG(), r.dReal(), r.dFakeAfter(), imagesPerSecond,
                wallSeconds);
    }

    public String toCsv() {
        return String.format(Locale.ROOT, "%d,%d,%.6g,%.6g,%.6g,%.6g,%.2f,%.3f", iteration, epoch, lossD, lossG, dReal,
                dFake, imagesPerSecond, wallSeconds);
    }

    /** Parses one data line; returns null for a header, blank or incomplete line (a writer may be mid-line). */
    public static MetricsRow parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 8 || line.startsWith("iteration")) {
            return null;
        }
        try {
            return new MetricsRow(Long.parseLong(f[0].trim()), Integer.parseInt(f[1].trim()), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]), Double.parseDouble(f[7]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
