package io.dcganexplorer.data.procedural;

/**
 * An axis-aligned box in pixel coordinates of an image: columns [x, x + width), rows [y, y + height).
 */
public record PixelBox(int x, int y, int width, int height) {

    /** Validates that the box is not empty. */
    public PixelBox {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("empty box " + width + "x" + height);
        }
    }

    /** Whether pixel (px, py) lies in this box. */
    public boolean contains(int px, int py) {
        return px >= x && px < x + width && py >= y && py < y + height;
    }

    /** Number of pixels in the box. */
    public int area() {
        return width * height;
    }
}
