package io.dcganexplorer.core.gan;

/**
 * The discriminator's targets. Real images are labelled 1 and generated ones 0, as in Goodfellow et
 * al. (2014); the generator is trained towards {@link #REAL} (the "non-saturating" loss).
 */
public final class GanLabels {

    /** Target for images from the data set. */
    public static final float REAL = 1f;
    /** Target for images from the generator, in the discriminator's step. */
    public static final float FAKE = 0f;

    private GanLabels() {
    }
}
