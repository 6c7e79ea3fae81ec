package io.dcganexplorer.core.experiments;

import io.dcganexplorer.core.eval.FacePrediction;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads face attributes off images; {@code FaceAttributeClassifier::predict} is one. An interface so the
 * experiment's tests can judge with a rule instead of a trained network.
 */
@FunctionalInterface
public interface FaceJudge {

    /** @param images [N, 3, H, W] in [-1, 1] */
    List<FacePrediction> predict(INDArray images);
}
