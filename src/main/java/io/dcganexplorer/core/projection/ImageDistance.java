package io.dcganexplorer.core.projection;

import io.dcganexplorer.data.ImageDataset;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CancellationException;

/** Distances between images in [-1, 1]: PSNR, and the nearest image of a data set. */
public final class ImageDistance {

    /** PSNR of identical images, which would be infinite; reported as this many dB. */
    public static final double IDENTICAL_PSNR = 100;

    private ImageDistance() {
    }

    /**
     * The nearest image of a data set by pixel distance.
     *
     * @param index its index in the data set
     * @param psnr the query against it, in dB
     * @param searched how many images were compared
     */
    public record Nearest(int index, double psnr, int searched) {
    }

    /** Mean squared difference of two equally long arrays. */
    public static double mse(float[] a, int aOffset, float[] b, int bOffset, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double d = a[aOffset + i] - b[bOffset + i];
            sum += d * d;
        }
        return sum / length;
    }

    /** Peak signal-to-noise ratio for values in [-1, 1] (peak-to-peak 2, the same figure as 0..255 bytes give). */
    public static double psnrOfMse(double mse) {
        return mse <= 0 ? IDENTICAL_PSNR : Math.min(IDENTICAL_PSNR, 10 * Math.log10(4 / mse));
    }

    public static double psnr(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("images of " + a.length + " and " + b.length + " values");
        }
        return psnrOfMse(mse(a, 0, b, 0, a.length));
    }

    /**
     * The image of {@code data} closest to {@code image}, among its first {@code limit} images (all when
     * {@code limit} is 0).
     *
     * @throws IllegalArgumentException when the data set's images are not the image's size
     * @throws CancellationException when {@code cancelled} turns true
     */
    public static Nearest nearest(float[] image, ImageDataset data, int limit, BooleanSupplier cancelled) {
        if (data.imageLength() != image.length) {
            throw new IllegalArgumentException("the data set's images have " + data.imageLength()
                    + " values, the image " + image.length);
        }
        int n = limit <= 0 ? data.size() : Math.min(limit, data.size());
        if (n == 0) {
            throw new IllegalArgumentException("the data set has no images");
        }
        float[] buffer = new float[image.length];
        int best = -1;
        double bestMse = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            if ((i & 255) == 0 && cancelled.getAsBoolean()) {
                throw new CancellationException("the nearest-image search was cancelled");
            }
            data.writeImage(i, buffer, 0);
            double m = mse(image, 0, buffer, 0, image.length);
            if (m < bestMse) {
                bestMse = m;
                best = i;
            }
        }
        return new Nearest(best, psnrOfMse(bestMse), n);
    }
}
