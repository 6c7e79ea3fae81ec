package io.dcganexplorer.app.walk;

import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * An ImageView for generated frames: pixels are written into one reused WritableImage (a new one only
 * when the size changes), shown enlarged without smoothing so every generated pixel stays a crisp square.
 */
public final class FrameView extends ImageView {

    private WritableImage image;
    private Frame shown;

    /** @param displaySize width and height on screen, in pixels */
    public FrameView(double displaySize) {
        setSmooth(false);
        setPreserveRatio(true);
        setFitWidth(displaySize);
        setFitHeight(displaySize);
        getStyleClass().add("frame-view");
    }

    /** Shows {@code frame}; null clears the view. Call on the UI thread. */
    public void show(Frame frame) {
        shown = frame;
        if (frame == null) {
            setImage(null);
            image = null;
            return;
        }
        if (image == null || (int) image.getWidth() != frame.width() || (int) image.getHeight() != frame.height()) {
            image = new WritableImage(frame.width(), frame.height());
            setImage(image);
        }
        // Alpha is always 0xFF, so the premultiplied format (the one Prism stores) needs no conversion.
        image.getPixelWriter().setPixels(0, 0, frame.width(), frame.height(), PixelFormat.getIntArgbPreInstance(),
                frame.argb(), 0, frame.width());
    }

    /** The frame last shown, or null. */
    public Frame frame() {
        return shown;
    }
}
