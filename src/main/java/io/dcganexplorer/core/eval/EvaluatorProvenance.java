package io.dcganexplorer.core.eval;

/**
 * How an evaluator was made, saved next to its network so a score can be traced to its training.
 *
 * @param imageSize       width and height of the images it was trained on and judges
 * @param seed            seed of the procedural images, the weights and the minibatch order
 * @param trainImages     procedural images 0 .. trainImages - 1 of that seed were the training set
 * @param epochs          passes over the training set
 * @param heldOutImages   images trainImages .. trainImages + heldOutImages - 1 (never trained on) gave the
 *                        held-out metrics
 * @param trainingSeconds wall-clock time of training, rendering the images included
 * @param library         the DL4J version it was trained with
 * @param created         when training finished, ISO-8601
 */
public record EvaluatorProvenance(int imageSize, long seed, int trainImages, int epochs, int heldOutImages,
                                  double trainingSeconds, String library, String created) {
}
