package io.dcganexplorer.data.procedural;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * A rendered procedural bedroom with its ground truth.
 *
 * <p>{@code windowMask} has {@code size * size} entries in row-major order; an entry is true where a
 * window (frame, mullions and the sky behind the glass) is visible, so parts hidden behind a lamp or a
 * headboard are false. Window boxes in {@code objects} bound the visible pixels of each window; a
 * window that ends up completely hidden is left out. Boxes of the other kinds bound everything drawn
 * for the object, clipped to the image. The image and the mask are not copied: do not modify them.
 */
public record RoomScene(BufferedImage image, boolean[] windowMask, List<SceneObject> objects) {

    /** Checks that the mask matches the image size and copies the object list. */
    public RoomScene {
        Objects.requireNonNull(image, "image");
        if (image.getWidth() != image.getHeight() || windowMask.length != image.getWidth() * image.getHeight()) {
            throw new IllegalArgumentException("mask length " + windowMask.length + " does not fit the image");
        }
        objects = List.copyOf(objects);
    }

    /** Width and height of the image, in pixels. */
    public int size() {
        return image.getWidth();
    }

    /** Whether pixel (x, y) shows part of a window. */
    public boolean isWindow(int x, int y) {
        return windowMask[y * size() + x];
    }

    /** Number of visible window pixels. */
    public int windowPixelCount() {
        int n = 0;
        for (boolean b : windowMask) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** The boxes of the visible windows. */
    public List<PixelBox> windowBoxes() {
        return boxesOf(ObjectKind.WINDOW);
    }

    /** The boxes of all objects of one kind. */
    public List<PixelBox> boxesOf(ObjectKind kind) {
        return objects.stream().filter(o -> o.kind() == kind).map(SceneObject::box).toList();
    }
}
