package io.dcganexplorer.data.procedural;

import java.awt.image.BufferedImage;
import java.util.Objects;

/** A rendered procedural face and the attributes it was drawn with. The image is not copied. */
public record FaceSample(BufferedImage image, FaceAttributes attributes) {

    /** Rejects missing parts. */
    public FaceSample {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(attributes, "attributes");
    }
}
