package io.dcganexplorer.app.render;

import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * An ImageView for generated frames that keeps every generated pixel a crisp square.
 *
 * <p>{@code ImageView.setSmooth(false)} is only a hint: under Prism's software pipeline (Xvfb, remote
 * desktops, {@code prism.order=sw}) an enlarged image is still filtered bilinearly and a 32x32 face turns
 * into a blur. So the view enlarges the pixels itself: each frame is repeated by the largest integer factor
 * that fits the display size (nearest neighbour) and written into one reused WritableImage (a new one only
 * when the frame or factor changes); the ImageView then shows it at, or within one factor of, its natural
 * size. At 64x64 into 320 px that is 102,400 ints per frame, well under a millisecond.
 */
public final class FrameView extends ImageView {

    private double displaySize;
    private WritableImage image;
    private int[] scaled;
    private int factor;
    private Frame shown;

    /** @param displaySize width and height on screen, in pixels */
    public FrameView(double displaySize) {
        this.displaySize = displaySize;
        setSmooth(false);
        setPreserveRatio(true);
        setFitWidth(displaySize);
        setFitHeight(displaySize);
        getStyleClass().add("frame-view");
    }

    /** Changes the size on screen (presentation mode enlarges pictures) and redraws the frame shown. */
    public void setDisplaySize(double size) {
        if (size == displaySize) {
            return;
        }
        displaySize = size;
        setFitWidth(size);
        setFitHeight(size);
        show(shown);
    }

    /** Width and height on screen, in pixels. */
    public double displaySize() {
        return displaySize;
    }

    /** Shows {@code frame}; null clears the view. Call on the UI thread. */
    public void show(Frame frame) {
        shown = frame;
        if (frame == null) {
            setImage(null);
            image = null;
            scaled = null;
            return;
        }
        int f = scaleFactor(frame.width(), frame.height(), displaySize);
        int w = frame.width() * f;
        int h = frame.height() * f;
        if (image == null || f != factor || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            factor = f;
            image = new WritableImage(w, h);
            scaled = f == 1 ? null : new int[w * h];
            setImage(image);
        }
        int[] pixels = f == 1 ? frame.argb() : upscale(frame, f, scaled);
        // Alpha is always 0xFF, so the premultiplied format (the one Prism stores) needs no conversion.
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), pixels, 0, w);
    }

    /** The largest integer enlargement of a {@code width} x {@code height} frame that fits the display size; at least 1. */
    static int scaleFactor(int width, int height, double displaySize) {
        return Math.max(1, (int) Math.floor(displaySize / Math.max(width, height)));
    }

    /** Nearest-neighbour enlargement by {@code f} into {@code out} (length width*f * height*f). */
    static int[] upscale(Frame frame, int f, int[] out) {
        int w = frame.width();
        int outW = w * f;
        int[] src = frame.argb();
        for (int y = 0; y < frame.height(); y++) {
            int row = y * f * outW;
            // Build the first enlarged row, then copy it f-1 times: the copies are a single arraycopy each.
            for (int x = 0; x < w; x++) {
                java.util.Arrays.fill(out, row + x * f, row + x * f + f, src[y * w + x]);
            }
            for (int r = 1; r < f; r++) {
                System.arraycopy(out, row, out, row + r * outW, outW);
            }
        }
        return out;
    }

    /** The frame last shown, or null. */
    public Frame frame() {
        return shown;
    }
}
