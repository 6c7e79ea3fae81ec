package io.dcganexplorer.core.eval;

/**
 * Receives progress while an evaluator trains, on the training thread, after every minibatch. Keep it
 * cheap; to cancel, interrupt the training thread.
 */
@FunctionalInterface
public interface TrainingProgress {

    /** Ignores all progress. */
    TrainingProgress NONE = (epoch, epochs, batch, batches, loss) -> { };

    /**
     * One minibatch has been trained.
     *
     * @param epoch   0-based epoch
     * @param epochs  epochs in total
     * @param batch   0-based minibatch within the epoch
     * @param batches minibatches per epoch
     * @param loss    the network's score (mean loss per example) on this minibatch
     */
    void onBatch(int epoch, int epochs, int batch, int batches, double loss);
}
