package io.dcganexplorer.app.train;

import io.dcganexplorer.core.gan.SampleGrid;
import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.run.MetricsLog;
import io.dcganexplorer.run.MetricsRow;
import io.dcganexplorer.run.RunDirectory;
import io.dcganexplorer.run.export.GifWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Writes what the Train pane shows to files: the grid as PNG, the losses as CSV, the grids as a GIF. */
public final class TrainExports {

    /** GIF frames are enlarged to at least this width so a grid of 16x16 images is not a thumbnail. */
    static final int GIF_MIN_WIDTH = 384;
    /** At most this many frames: long runs are sampled evenly, first and last grid always included. */
    static final int GIF_MAX_FRAMES = 200;

    private TrainExports() {
    }

    public static BufferedImage toImage(SampleGrid grid) {
        BufferedImage image = new BufferedImage(grid.width(), grid.height(), BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, grid.width(), grid.height(), grid.argb(), 0, grid.width());
        return image;
    }

    /** Reads a saved grid PNG; the message names the file when it cannot be read. */
    public static SampleGrid readGrid(Path png) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw new IOException(png + ": unreadable sample image (" + e.getMessage() + ")", e);
        }
        if (image == null) {
            throw new IOException(png + ": not a PNG image");
        }
        int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new SampleGrid(RunDirectory.iterationOf(png), image.getWidth(), image.getHeight(), argb);
    }

    public static void savePng(SampleGrid grid, Path file) throws IOException {
        ImageConversions.writePng(toImage(grid), file);
    }

    /** Every step's losses and D outputs from the run's metrics.csv, at full resolution. */
    public static int saveLossesCsv(RunDirectory run, Path file) throws IOException {
        List<MetricsRow> rows = MetricsLog.read(run.metricsFile());
        StringBuilder csv = new StringBuilder("iteration,epoch,lossD,lossG,dReal,dFake\n");
        for (MetricsRow r : rows) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%.6g,%.6g,%.6g,%.6g%n", r.iteration(), r.epoch(), r.lossD(),
                    r.lossG(), r.dReal(), r.dFake()));
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return rows.size();
    }

    /** The run's saved grids as an animated GIF, oldest first; returns the number of frames. */
    public static int saveGif(RunDirectory run, Path file, int delayMillis) throws IOException {
        List<Path> samples = evenlySampled(run.samples(), GIF_MAX_FRAMES);
        if (samples.isEmpty()) {
            throw new IOException(run.samplesDir() + ": no sample grids saved yet; train for a while first");
        }
        List<BufferedImage> frames = new ArrayList<>();
        for (Path png : samples) {
            frames.add(toImage(readGrid(png)));
        }
        int width = frames.get(0).getWidth();
        int scale = Math.max(1, (GIF_MIN_WIDTH + width - 1) / width);
        GifWriter.write(frames, file, delayMillis, scale);
        return frames.size();
    }

    static <T> List<T> evenlySampled(List<T> all, int max) {
        if (all.size() <= max) {
            return all;
        }
        List<T> picked = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            picked.add(all.get((int) Math.round(i * (all.size() - 1) / (double) (max - 1))));
        }
        return picked;
    }
}
