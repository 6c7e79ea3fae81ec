package io.dcganexplorer.data.procedural;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Lays square images out in a grid, enlarged with nearest-neighbour scaling so single pixels stay
 * visible; used for previews and the README pictures.
 */
public final class ContactSheet {

    private ContactSheet() {
    }

    /** A grid of {@code columns} columns; each image is drawn {@code scale} times larger. */
    public static BufferedImage grid(List<BufferedImage> images, int columns, int scale) {
        int cell = images.get(0).getWidth() * scale;
        int rows = (images.size() + columns - 1) / columns;
        BufferedImage sheet = new BufferedImage(columns * cell, rows * cell, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        for (int i = 0; i < images.size(); i++) {
            g.drawImage(images.get(i), (i % columns) * cell, (i / columns) * cell, cell, cell, null);
        }
        g.dispose();
        return sheet;
    }

    /**
     * Writes preview grids of both procedural data sets (8 x 8 images at 64 and 32 pixels, enlarged,
     * plus unscaled 64-pixel sheets): {@code args[0]} is the output folder (default /tmp/proc-preview),
     * {@code args[1]} the seed (default 1).
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/proc-preview");
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Files.createDirectories(dir);
        RoomGenerator rooms = new RoomGenerator(seed);
        FaceGenerator faces = new FaceGenerator(seed);
        for (int size : new int[] {64, 32}) {
            List<BufferedImage> roomImages = new ArrayList<>();
            List<BufferedImage> faceImages = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                roomImages.add(rooms.generate(i, size).image());
                faceImages.add(faces.generate(i, size).image());
            }
            int scale = 128 / size;
            ImageIO.write(grid(roomImages, 8, scale), "png",
                    dir.resolve("rooms-" + size + ".png").toFile());
            ImageIO.write(grid(faceImages, 8, scale), "png", dir.resolve("faces-" + size + ".png").toFile());
            if (size == 64) {
                // Unscaled 512 x 512 sheets for the README (assets/readme/).
                ImageIO.write(grid(roomImages, 8, 1), "png", dir.resolve("rooms-grid.png").toFile());
                ImageIO.write(grid(faceImages, 8, 1), "png", dir.resolve("faces-grid.png").toFile());
            }
        }
    }
}
