package io.dcganexplorer.core.probe;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.DiscriminatorFactory;
import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.data.ImageDataset;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DCGAN paper's figure 5 on this project's models: for the first units of D's last convolutional block,
 * the real images each responds to most and their {@link GuidedBackprop guided-backprop} maps, for the
 * trained D beside a randomly initialised D of the same shape (the paper's "random filters" control).
 * Pure java.awt for the picture, so that the CLI can write it without JavaFX.
 */
public final class UnitsFigure {

    /**
     * One network's half of the figure.
     *
     * @param title for example "trained D"
     * @param units one view per unit, in order
     */
    public record Panel(String title, List<GuidedBackprop.UnitView> units) {

        /** Copies the list. */
        public Panel {
            units = List.copyOf(units);
        }
    }

    private UnitsFigure() {
    }

    /** The first {@code count} images of {@code data} as one [n, C, H, W] array. */
    public static INDArray images(ImageDataset data, int count) {
        int n = Math.min(count, data.size());
        if (n < 1) {
            throw new IllegalArgumentException("data '" + data.description() + "' has no images");
        }
        int length = data.imageLength();
        float[] pixels = new float[n * length];
        for (int i = 0; i < n; i++) {
            data.writeImage(i, pixels, i * length);
        }
        return Nd4j.create(pixels, new long[] {n, data.channels(), data.imageSize(), data.imageSize()}, 'c');
    }

    /**
     * Both panels: the trained D, and a D of the same config initialised with {@code controlSeed}.
     *
     * @param units which units (channels of the last block) to show
     * @param top images per unit
     */
    public static List<Panel> compute(MultiLayerNetwork trained, DcganConfig config, long controlSeed, INDArray images,
                                      int[] units, int top, Progress progress, BooleanSupplier cancelled) {
        Panel a = new Panel("trained D", new GuidedBackprop(trained).topImages(images, units, top,
                progress.range(0, 0.5), cancelled));
        MultiLayerNetwork random = DiscriminatorFactory.create(config.withSeed(controlSeed));
        Panel b = new Panel("random-init D", new GuidedBackprop(random).topImages(images, units, top,
                progress.range(0.5, 1), cancelled));
        return List.of(a, b);
    }

    /**
     * The figure: one panel per network, side by side; in each, one row per unit with its top images and
     * then their maps (mid-gray = 0, bright = positive gradient).
     *
     * @param images the images the panels index into
     * @param scale pixels per image pixel
     */
    public static BufferedImage render(List<Panel> panels, INDArray images, int scale) {
        int c = (int) images.size(1);
        int size = (int) images.size(2);
        int title = 18;
        BufferedImage[] grids = new BufferedImage[panels.size()];
        int width = 0;
        int height = 0;
        for (int p = 0; p < panels.size(); p++) {
            List<GuidedBackprop.UnitView> units = panels.get(p).units();
            int top = units.get(0).images().length;
            int perImage = c * size * size;
            float[] cells = new float[units.size() * 2 * top * perImage];
            int at = 0;
            for (GuidedBackprop.UnitView u : units) {
                for (int i : u.images()) {
                    float[] chw = images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).dup('c').data().asFloat();
                    System.arraycopy(chw, 0, cells, at, perImage);
                    at += perImage;
                }
                for (float[] map : u.maps()) {
                    System.arraycopy(map, 0, cells, at, perImage);
                    at += perImage;
                }
            }
            grids[p] = ImageConversions.scaleNearest(
                    ImageConversions.gridImage(cells, units.size() * 2 * top, c, size, 2 * top, 1), scale);
            width += grids[p].getWidth() + (p > 0 ? 16 : 0);
            height = Math.max(height, grids[p].getHeight());
        }
        BufferedImage out = new BufferedImage(width, height + title, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height + title);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = 0;
        for (int p = 0; p < panels.size(); p++) {
            g.drawString(panels.get(p).title() + ": top images | guided backprop", x + 2, title - 5);
            g.drawImage(grids[p], x, title, null);
            x += grids[p].getWidth() + 16;
        }
        g.dispose();
        return out;
    }
}
