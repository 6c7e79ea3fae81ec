package io.dcganexplorer.data.procedural;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;

/**
 * Paints a scene in depth order (back to front) while keeping a window-id mask in step: each shape is
 * painted into the mask with the id of the window it belongs to, or with 0 when it is not a window, so
 * whatever is drawn in front of a window removes it from the mask exactly where it covers it.
 */
final class SceneCanvas {

    private final int size;
    private final BufferedImage image;
    private final BufferedImage ids;
    private final Graphics2D g;
    private final Graphics2D m;
    private final List<SceneObject> objects = new ArrayList<>();
    private Rectangle2D objectBounds;
    private boolean collecting;

    SceneCanvas(int size) {
        this.size = size;
        this.image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        // INT_RGB rather than a gray image: gray images convert colours, integer ids must stay exact.
        this.ids = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        this.g = Java2d.unitGraphics(image, true);
        this.m = Java2d.unitGraphics(ids, false);
        m.setColor(Color.BLACK);
    }

    /** Fills an opaque shape that hides whatever lies behind it, windows included. */
    void fill(Shape shape, Paint paint) {
        g.setPaint(paint);
        g.fill(shape);
        m.setColor(Color.BLACK);
        m.fill(shape);
        track(shape);
    }

    /** Fills part of window number {@code windowId} (1 to 255). */
    void fillWindow(Shape shape, Paint paint, int windowId) {
        g.setPaint(paint);
        g.fill(shape);
        m.setColor(new Color(0, 0, windowId));
        m.fill(shape);
    }

    /**
     * Restricts painting (image and mask) to {@code shape}, or lifts the restriction when null. The clip
     * edge is not antialiased, so use it only where the edge is painted over anyway (window glass).
     */
    void clip(Shape shape) {
        g.setClip(shape);
        m.setClip(shape);
    }

    /** Paints light (a glow, a sun patch): translucent, so it hides nothing and is no object. */
    void light(Shape shape, Paint paint) {
        g.setPaint(paint);
        g.fill(shape);
    }

    /** Starts collecting the bounds of the shapes filled for one object. */
    void beginObject() {
        objectBounds = null;
        collecting = true;
    }

    /** Records the object whose shapes were filled since {@link #beginObject()}, if any of it is in view. */
    void endObject(ObjectKind kind) {
        Rectangle2D b = objectBounds;
        objectBounds = null;
        collecting = false;
        if (b == null) {
            return;
        }
        int x0 = Math.max(0, (int) Math.floor(b.getMinX() * size));
        int y0 = Math.max(0, (int) Math.floor(b.getMinY() * size));
        int x1 = Math.min(size, (int) Math.ceil(b.getMaxX() * size));
        int y1 = Math.min(size, (int) Math.ceil(b.getMaxY() * size));
        if (x1 > x0 && y1 > y0) {
            objects.add(new SceneObject(kind, new PixelBox(x0, y0, x1 - x0, y1 - y0)));
        }
    }

    /** The image's pixels as packed RGB, for the lighting pass. */
    int[] pixels() {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    /** Window id per pixel (0 = no window), row-major. */
    int[] windowIds() {
        return ((DataBufferInt) ids.getRaster().getDataBuffer()).getData();
    }

    /** Finishes drawing and derives the window mask and the per-window boxes from the id mask. */
    RoomScene finish(int windowCount) {
        g.dispose();
        m.dispose();
        int[] idPixels = windowIds();
        boolean[] mask = new boolean[size * size];
        int[][] bounds = new int[windowCount + 1][];
        for (int i = 0; i < idPixels.length; i++) {
            int id = idPixels[i] & 0xFF;
            if (id == 0 || id > windowCount) {
                continue;
            }
            mask[i] = true;
            int x = i % size;
            int y = i / size;
            int[] b = bounds[id];
            if (b == null) {
                bounds[id] = new int[] {x, y, x, y};
            } else {
                b[0] = Math.min(b[0], x);
                b[1] = Math.min(b[1], y);
                b[2] = Math.max(b[2], x);
                b[3] = Math.max(b[3], y);
            }
        }
        List<SceneObject> all = new ArrayList<>();
        for (int id = 1; id <= windowCount; id++) {
            int[] b = bounds[id];
            if (b != null) {
                all.add(new SceneObject(ObjectKind.WINDOW, new PixelBox(b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1)));
            }
        }
        all.addAll(objects);
        return new RoomScene(image, mask, all);
    }

    private void track(Shape shape) {
        if (!collecting) {
            return;
        }
        Rectangle2D b = shape.getBounds2D();
        if (b.getMaxX() <= 0 || b.getMaxY() <= 0 || b.getMinX() >= 1 || b.getMinY() >= 1) {
            return;
        }
        objectBounds = objectBounds == null ? b : objectBounds.createUnion(b);
    }
}
