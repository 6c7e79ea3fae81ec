package io.dcganexplorer.core.gan;

import io.dcganexplorer.accel.Accel;
import io.dcganexplorer.core.latent.LatentSampler;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One GAN training step at a time, as in Goodfellow et al. (2014) with the DCGAN settings.
 *
 * <ol>
 *   <li>G(z) once, in training mode (batch statistics), keeping G's layer inputs for its backward pass.</li>
 *   <li>D step: gradients of BCE(D(x), REAL) and BCE(D(G(z)), FAKE), each batch normalised on its own,
 *       summed, then one Adam step. G's output is a plain array here, so nothing flows into G.</li>
 *   <li>G step: the non-saturating loss BCE(D(G(z)), REAL) through the updated D. D's
 *       {@code calculateGradients} returns dLoss/dG(z) without touching D's parameters or batchnorm
 *       statistics (those only change when an updater is applied), G back-propagates that and takes
 *       one Adam step. No parameters are copied between networks.</li>
 * </ol>
 *
 * <p>Each backward pass through D says what it needs ({@link Accel#parameterGradientsOnly} in the D step,
 * {@link Accel#inputGradientOnly} in the G step); which kernels then run is {@code accel}'s business. Creating a
 * trainer tells the backend that this process trains ({@link Accel#prepareForTraining()}).
 *
 * <p>Not thread-safe: the trainer's thread owns both networks.
 */
public final class DcganTrainer {

    private final Dcgan gan;
    private final LatentSampler sampler;
    private final SigmoidCrossEntropyLoss discriminatorLoss;
    private long iteration;
    private int epoch;
    private INDArray realLabels;
    private INDArray fakeLabels;
    /** z and every G layer's output from the last training forward pass; owned here until released. */
    private java.util.List<INDArray> generatorActivations;

    /** A trainer starting at iteration 0. */
    public DcganTrainer(Dcgan gan) {
        this(gan, 0);
    }

    /** A trainer that continues a run at the given iteration (the z batches continue from there too). */
    public DcganTrainer(Dcgan gan, long startIteration) {
        this.gan = gan;
        this.sampler = new LatentSampler(gan.config().nz(), gan.config().latent());
        this.discriminatorLoss = (SigmoidCrossEntropyLoss) ((org.deeplearning4j.nn.conf.layers.BaseOutputLayer)
                gan.discriminator().getOutputLayer().conf().getLayer()).getLossFn();
        this.iteration = startIteration;
        Accel.prepareForTraining();
    }

    public Dcgan gan() {
        return gan;
    }

    /** The number of the next step. */
    public long iteration() {
        return iteration;
    }

    /** The epoch passed to the updaters (informational: Adam's schedule does not depend on it). */
    public void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    /** The z batch that step {@code iteration} uses; exposed so tests and resumes can reproduce it. */
    public INDArray latentBatch(long iteration, int batchSize) {
        return sampler.trainingBatch(gan.config().seed(), iteration, batchSize);
    }

    /**
     * One step on a batch of real images, [n, C, H, W] scaled to [-1, 1].
     *
     * @return losses and discriminator outputs of this step
     */
    public StepResult step(INDArray realImages) {
        int n = (int) realImages.size(0);
        INDArray fake = generateForTraining(n);
        double[] d = discriminatorStep(realImages, fake);
        GeneratorPhase g = generatorStep(fake, true);
        releaseGeneratorActivations();
        StepResult result = new StepResult(iteration, d[0], g.loss(), d[1], d[2], g.dFake());
        iteration++;
        return result;
    }

    /**
     * Frees G's detached activations (z, every layer's output, G(z)) once the step is done. They live outside
     * DL4J's workspaces, and the Java heap holds almost nothing else, so without this the garbage collector
     * rarely runs and native memory climbs towards JavaCPP's limit (twice -Xmx) before anything is freed:
     * 6.5 GB instead of about 1 GB at 32x32, batch 128.
     */
    private void releaseGeneratorActivations() {
        if (generatorActivations != null) {
            release(generatorActivations.toArray(new INDArray[0]));
            generatorActivations = null;
        }
    }

    /** Closes arrays this trainer allocated and no longer needs; views and workspace arrays are skipped. */
    static void release(INDArray... arrays) {
        java.util.Set<INDArray> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (INDArray a : arrays) {
            if (a != null && seen.add(a) && a.closeable()) {
                a.close();
            }
        }
    }

    /** G(z) for this iteration's z, in training mode, keeping G's layer inputs for its backward pass. */
    INDArray generateForTraining(int n) {
        MultiLayerNetwork g = gan.generator();
        ensureLabels(n);
        releaseGeneratorActivations();
        g.setInput(latentBatch(iteration, n));
        // clearInputs = false keeps each layer's input (detached from workspaces) for G's backward pass.
        generatorActivations = g.feedForward(true, false);
        return generatorActivations.get(g.getnLayers());
    }

    /** The D step; returns {lossD, mean D(x), mean D(G(z))}. */
    double[] discriminatorStep(INDArray realImages, INDArray fake) {
        MultiLayerNetwork d = gan.discriminator();
        int n = (int) realImages.size(0);
        ensureLabels(n);
        Pair<Gradient, INDArray> realStep;
        Pair<Gradient, INDArray> fakeStep;
        INDArray realGradient;
        double lossReal;
        double dReal;
        // D's input is data or a detached G(z): dLoss/dInput of either half is never read.
        Accel.Scope parametersOnly = Accel.parameterGradientsOnly(d);
        try {
            realStep = d.calculateGradients(realImages, realLabels, null, null);
            lossReal = discriminatorLoss.lastMeanLoss();
            dReal = discriminatorLoss.lastMeanProbability();
            realGradient = d.getGradientsViewArray().dup();
            fakeStep = d.calculateGradients(fake, fakeLabels, null, null);
        } finally {
            parametersOnly.close();
        }
        double lossFake = discriminatorLoss.lastMeanLoss();
        double dFake = discriminatorLoss.lastMeanProbability();
        d.getGradientsViewArray().addi(realGradient);
        applyUpdate(d, fakeStep.getFirst(), n);
        release(realGradient, realStep.getSecond(), fakeStep.getSecond());
        return new double[] {lossReal + lossFake, dReal, dFake};
    }

    /**
     * The G step through D, after {@link #generateForTraining}. With {@code apply = false} the gradient is
     * left in G's gradient view (summed over the batch) and no parameter changes: used by the gradient
     * check.
     */
    GeneratorPhase generatorStep(INDArray fake, boolean apply) {
        MultiLayerNetwork g = gan.generator();
        int n = (int) fake.size(0);
        MultiLayerNetwork d = gan.discriminator();
        // Only dLoss/dG(z) is wanted from D here; D's own gradient is thrown away.
        Pair<Gradient, INDArray> throughD;
        Accel.Scope inputOnly = Accel.inputGradientOnly(d);
        try {
            throughD = d.calculateGradients(fake, realLabels, null, null);
        } finally {
            inputOnly.close();
        }
        double lossG = discriminatorLoss.lastMeanLoss();
        double dFake = discriminatorLoss.lastMeanProbability();
        Pair<Gradient, INDArray> generatorStep = g.backpropGradient(throughD.getSecond(), LayerWorkspaceMgr.noWorkspaces());
        if (apply) {
            applyUpdate(g, generatorStep.getFirst(), n);
        }
        g.clearLayersStates();
        release(throughD.getSecond(), generatorStep.getSecond());
        return new GeneratorPhase(lossG, dFake, generatorStep.getFirst());
    }

    /** What the G step measured, and G's gradient (per parameter, summed over the batch). */
    record GeneratorPhase(double loss, double dFake, Gradient gradient) {
    }

    /**
     * The optimiser's half of {@code fit()}: the updater turns the summed gradient into an Adam step in
     * place (dividing by the batch size, except for batchnorm's running statistics), which is subtracted.
     */
    private void applyUpdate(MultiLayerNetwork net, Gradient gradient, int batchSize) {
        Updater updater = net.getUpdater();
        updater.update(net, gradient, (int) iteration, epoch, batchSize, LayerWorkspaceMgr.noWorkspaces());
        INDArray params = net.params();
        params.subi(net.getGradientsViewArray().reshape(params.shape()));
        net.setIterationCount((int) Math.min(Integer.MAX_VALUE, iteration + 1));
        net.setEpochCount(epoch);
    }

    private void ensureLabels(int n) {
        if (realLabels == null || realLabels.size(0) != n) {
            realLabels = Nd4j.valueArrayOf(new long[] {n, 1}, GanLabels.REAL);
            fakeLabels = Nd4j.valueArrayOf(new long[] {n, 1}, GanLabels.FAKE);
        }
    }
}
