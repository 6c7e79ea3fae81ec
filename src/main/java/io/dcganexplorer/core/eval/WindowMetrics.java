package io.dcganexplorer.core.eval;

/**
 * How well a {@link WindowDetector} finds window pixels on images with known masks. Pixel counts are
 * pooled over all images (a pixel is "detected" when its probability is above 0.5).
 *
 * @param images        images judged
 * @param precision     detected window pixels that are window / all detected pixels
 * @param recall        window pixels detected / all window pixels
 * @param f1            harmonic mean of precision and recall
 * @param iou           intersection over union of detected and true window pixels
 * @param meanAreaError mean over images of |detected window fraction - true window fraction|
 * @param maxAreaError  the largest such error of one image
 * @param meanWindowFraction mean true window fraction, to read the area errors against
 */
public record WindowMetrics(int images, double precision, double recall, double f1, double iou,
                            double meanAreaError, double maxAreaError, double meanWindowFraction) {

    /** Metrics from pooled pixel counts and per-image area errors. */
    static WindowMetrics of(int images, long truePositives, long falsePositives, long falseNegatives,
                            double areaErrorSum, double maxAreaError, double windowFractionSum) {
        double precision = ratio(truePositives, truePositives + falsePositives);
        double recall = ratio(truePositives, truePositives + falseNegatives);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double iou = ratio(truePositives, truePositives + falsePositives + falseNegatives);
        return new WindowMetrics(images, precision, recall, f1, iou, areaErrorSum / images, maxAreaError,
                windowFractionSum / images);
    }

    /** 0/0 is counted as 0: no detections and no windows says nothing about precision. */
    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
