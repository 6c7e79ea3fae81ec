package io.dcganexplorer.data.procedural;

import java.awt.Color;
import java.util.Objects;

/**
 * What a procedural face shows. Each field is a separate visual factor, so that latent means over
 * faces sharing an attribute isolate it ("man with glasses" - "man" + "woman").
 *
 * @param glasses    dark-framed glasses over both eyes
 * @param smile      open, curved smile instead of a straight closed mouth
 * @param presentation man (square jaw, heavy brows) or woman (rounder jaw, lashes, coloured lips)
 * @param hair       hair style
 * @param hairColor  colour of hair, brows and beard
 * @param beard      a full beard and moustache
 * @param skinTone   0 = lightest to 1 = darkest, continuous
 * @param yaw        -1 = looking to the image's left, 0 = frontal, 1 = looking to the image's right
 * @param background the flat backdrop colour
 */
public record FaceAttributes(boolean glasses, boolean smile, Presentation presentation, HairStyle hair,
                             HairColor hairColor, boolean beard, double skinTone, double yaw, Color background) {

    /** Gendered presentation of the face: the attribute of the paper's "man" / "woman" arithmetic. */
    public enum Presentation { MAN, WOMAN }

    /** Hair style; NONE is a bald head. */
    public enum HairStyle { SHORT, LONG, NONE }

    /** Hair colour; also used for eyebrows and beard. */
    public enum HairColor { BLACK, BROWN, BLOND, RED, GREY }

    /** Validates the ranges of the continuous attributes. */
    public FaceAttributes {
        Objects.requireNonNull(presentation, "presentation");
        Objects.requireNonNull(hair, "hair");
        Objects.requireNonNull(hairColor, "hairColor");
        Objects.requireNonNull(background, "background");
        if (!(skinTone >= 0 && skinTone <= 1)) {
            throw new IllegalArgumentException("skinTone must be in [0, 1], was " + skinTone);
        }
        if (!(yaw >= -1 && yaw <= 1)) {
            throw new IllegalArgumentException("yaw must be in [-1, 1], was " + yaw);
        }
    }

    /** The same face with or without glasses. */
    public FaceAttributes withGlasses(boolean value) {
        return new FaceAttributes(value, smile, presentation, hair, hairColor, beard, skinTone, yaw, background);
    }

    /** The same face smiling or not. */
    public FaceAttributes withSmile(boolean value) {
        return new FaceAttributes(glasses, value, presentation, hair, hairColor, beard, skinTone, yaw, background);
    }

    /** The same face turned to {@code value}. */
    public FaceAttributes withYaw(double value) {
        return new FaceAttributes(glasses, smile, presentation, hair, hairColor, beard, skinTone, value, background);
    }

    /** The same face with another presentation; a woman loses the beard, which the sampler never pairs. */
    public FaceAttributes withPresentation(Presentation value) {
        return new FaceAttributes(glasses, smile, value, hair, hairColor, beard && value == Presentation.MAN,
                skinTone, yaw, background);
    }
}
