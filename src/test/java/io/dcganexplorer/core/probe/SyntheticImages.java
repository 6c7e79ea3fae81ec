package io.dcganexplorer.core.probe;

import io.dcganexplorer.data.InMemoryImageDataset;
import java.util.List;
import java.util.SplittableRandom;

/** Tiny labelled image sets for tests: noisy 16x16 shapes, one class per shape. */
public final class SyntheticImages {

    private SyntheticImages() {
    }

    /**
     * {@code count} 16x16 grayscale images of four classes (square, plus, horizontal bar, vertical bar),
     * shifted by up to 2 pixels and with pixel noise, so that pixels alone are not trivially separable.
     */
    public static InMemoryImageDataset shapes(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] images = new byte[count][256];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = i % 4;
            labels[i] = label;
            int dx = random.nextInt(5) - 2;
            int dy = random.nextInt(5) - 2;
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    int sx = x - dx;
                    int sy = y - dy;
                    boolean on = switch (label) {
                        case 0 -> sx >= 4 && sx < 12 && sy >= 4 && sy < 12;
                        case 1 -> (sx >= 7 && sx < 9 && sy >= 3 && sy < 13) || (sy >= 7 && sy < 9 && sx >= 3 && sx < 13);
                        case 2 -> sy >= 6 && sy < 10 && sx >= 2 && sx < 14;
                        default -> sx >= 6 && sx < 10 && sy >= 2 && sy < 14;
                    };
                    int value = (on ? 200 : 40) + random.nextInt(50) - 25;
                    images[i][y * 16 + x] = (byte) Math.max(0, Math.min(255, value));
                }
            }
        }
        return new InMemoryImageDataset("synthetic shapes", 16, 1, images, labels,
                List.of("square", "plus", "horizontal bar", "vertical bar"));
    }
}
