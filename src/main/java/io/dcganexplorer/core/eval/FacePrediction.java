package io.dcganexplorer.core.eval;

/**
 * What a {@link FaceAttributeClassifier} sees in one face: probabilities for the binary attributes and
 * an estimate of the head's turn.
 *
 * @param glasses probability of glasses
 * @param smile   probability of a smile
 * @param beard   probability of a beard
 * @param man     probability of the "man" presentation (the paper's man / woman arithmetic)
 * @param yaw     estimated yaw in [-1, 1]: -1 looking to the image's left, 1 to its right
 */
public record FacePrediction(double glasses, double smile, double beard, double man, double yaw) {

    /** Whether glasses are more likely than not. */
    public boolean hasGlasses() {
        return glasses > 0.5;
    }

    /** Whether a smile is more likely than not. */
    public boolean isSmiling() {
        return smile > 0.5;
    }

    /** Whether a beard is more likely than not. */
    public boolean hasBeard() {
        return beard > 0.5;
    }

    /** Whether the man presentation is more likely than not. */
    public boolean isMan() {
        return man > 0.5;
    }
}
