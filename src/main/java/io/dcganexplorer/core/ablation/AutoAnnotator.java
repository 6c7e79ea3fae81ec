package io.dcganexplorer.core.ablation;

import io.dcganexplorer.data.procedural.PixelBox;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Window boxes found by a window detector instead of drawn by hand: the stand-in for the DCGAN paper's
 * manual annotation (Radford, Metz and Chintala 2015, section 6.2). Each connected region (4-neighbour)
 * of pixels with window probability above {@link WindowProbabilities#THRESHOLD} and at least
 * {@code minArea} pixels becomes the box around it; smaller regions are detector noise.
 */
public final class AutoAnnotator {

    /** Regions smaller than this many pixels are ignored at 32x32 (scaled with the image area). */
    public static final int MIN_AREA_32 = 6;

    private AutoAnnotator() {
    }

    /** The default minimum region size for an image size: 6 pixels at 32x32, 24 at 64x64. */
    public static int defaultMinArea(int imageSize) {
        return Math.max(2, MIN_AREA_32 * imageSize * imageSize / (32 * 32));
    }

    /**
     * Annotations of samples {@code first} .. {@code first + n - 1}.
     *
     * @param probabilities [n, H, W] window probabilities of those samples
     */
    public static WindowAnnotations annotate(INDArray probabilities, long seed, int first, int minArea) {
        int n = (int) probabilities.size(0);
        int h = (int) probabilities.size(1);
        int w = (int) probabilities.size(2);
        if (h != w) {
            throw new IllegalArgumentException("window probabilities of " + h + "x" + w + ": images must be square");
        }
        float[] p = probabilities.dup('c').data().asFloat();
        List<WindowAnnotations.Sample> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean[] mask = new boolean[h * w];
            for (int k = 0; k < mask.length; k++) {
                mask[k] = p[i * h * w + k] > WindowProbabilities.THRESHOLD;
            }
            samples.add(new WindowAnnotations.Sample(first + i, boxes(mask, w, minArea)));
        }
        return new WindowAnnotations(w, seed, samples);
    }

    /** Bounding boxes of the 4-connected regions of {@code mask} ([size * size], row-major) of at least minArea. */
    public static List<PixelBox> boxes(boolean[] mask, int size, int minArea) {
        int[] label = new int[mask.length];
        int[] stack = new int[mask.length];
        List<PixelBox> boxes = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || label[start] != 0) {
                continue;
            }
            next++;
            int top = 0;
            stack[top++] = start;
            label[start] = next;
            int area = 0;
            int x0 = size;
            int y0 = size;
            int x1 = -1;
            int y1 = -1;
            while (top > 0) {
                int k = stack[--top];
                int x = k % size;
                int y = k / size;
                area++;
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x);
                y1 = Math.max(y1, y);
                int[] neighbours = {x > 0 ? k - 1 : -1, x < size - 1 ? k + 1 : -1, y > 0 ? k - size : -1,
                        y < size - 1 ? k + size : -1};
                for (int m : neighbours) {
                    if (m >= 0 && mask[m] && label[m] == 0) {
                        label[m] = next;
                        stack[top++] = m;
                    }
                }
            }
            if (area >= minArea) {
                boxes.add(new PixelBox(x0, y0, x1 - x0 + 1, y1 - y0 + 1));
            }
        }
        return boxes;
    }
}
