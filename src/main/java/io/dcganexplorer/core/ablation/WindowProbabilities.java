package io.dcganexplorer.core.ablation;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-pixel window probabilities for generated images: what the ablation experiment measures with.
 * {@code io.dcganexplorer.core.eval.WindowDetector::windowProbabilities} is one.
 */
@FunctionalInterface
public interface WindowProbabilities {

    /** Probability above which a pixel counts as window (the detector's own threshold). */
    double THRESHOLD = 0.5;

    /**
     * @param images [N, 3, H, W] RGB in [-1, 1], as the generator outputs them
     * @return [N, H, W] probabilities in [0, 1]
     */
    INDArray windowProbabilities(INDArray images);
}
