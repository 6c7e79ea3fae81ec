package io.dcganexplorer.core.gan;

/**
 * The numbers one GAN step produced.
 *
 * @param iteration the step's number, counted from 0 over the whole run
 * @param lossD discriminator loss: BCE on the real batch plus BCE on the generated batch
 * @param lossG generator loss: BCE(D(G(z)), REAL), measured after the discriminator's update
 * @param dReal mean D(x) on the real batch, before D's update
 * @param dFakeBefore mean D(G(z)) before D's update
 * @param dFakeAfter mean D(G(z)) after D's update (the value the generator trains against)
 */
public record StepResult(long iteration, double lossD, double lossG, double dReal, double dFakeBefore,
                         double dFakeAfter) {

    /** True when every loss and probability is a finite number. */
    public boolean isFinite() {
        return Double.isFinite(lossD) && Double.isFinite(lossG) && Double.isFinite(dReal)
                && Double.isFinite(dFakeBefore) && Double.isFinite(dFakeAfter);
    }
}
