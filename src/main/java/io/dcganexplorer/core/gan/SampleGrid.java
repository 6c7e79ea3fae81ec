package io.dcganexplorer.core.gan;

/**
 * A grid of generated images as packed ARGB pixels (the layout both AWT and JavaFX write directly).
 *
 * @param iteration the training step the grid shows
 * @param width pixels per row
 * @param height rows
 * @param argb width * height pixels, row-major; never modified after construction
 */
public record SampleGrid(long iteration, int width, int height, int[] argb) {

    public SampleGrid {
        if (argb.length != width * height) {
            throw new IllegalArgumentException("argb has " + argb.length + " pixels, expected " + width * height);
        }
    }
}
