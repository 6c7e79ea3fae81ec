package io.dcganexplorer.data.procedural;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Graphics set-up shared by the painters: drawing happens in unit coordinates, [0, 1] on both axes. */
final class Java2d {

    private Java2d() {
    }

    /**
     * A graphics context on {@code image} scaled so that (0, 0)-(1, 1) covers the whole image. With
     * {@code antialiased} false, a pixel is painted when its centre lies in the shape, which is what a
     * ground-truth mask wants.
     */
    static Graphics2D unitGraphics(BufferedImage image, boolean antialiased) {
        Graphics2D g = image.createGraphics();
        Object aa = antialiased ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
        // Pure strokes keep thin lines (mullions, glasses frames) at their true sub-pixel position.
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
        g.scale(image.getWidth(), image.getHeight());
        return g;
    }
}
