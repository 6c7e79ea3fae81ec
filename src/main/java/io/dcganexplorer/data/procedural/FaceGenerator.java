package io.dcganexplorer.data.procedural;

import io.dcganexplorer.data.procedural.FaceAttributes.HairColor;
import io.dcganexplorer.data.procedural.FaceAttributes.HairStyle;
import io.dcganexplorer.data.procedural.FaceAttributes.Presentation;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Renders stylised faces with known attributes, a stand-in for the face data of the DCGAN paper
 * (Radford, Metz and Chintala 2015, section 6.3: vector arithmetic on face samples and a "turn" vector
 * from faces looking left and right).
 *
 * <p>Sampling: glasses (p = 0.4), smile (0.5), presentation (0.5), hair colour, skin tone (uniform),
 * yaw (uniform in [-1, 1]) and background are independent. Two attributes are restricted to plausible
 * combinations: a beard (p = 0.4) and a bald head (one in four) only occur with the man presentation,
 * otherwise short and long hair are equally likely. So beard and baldness depend on presentation,
 * every other pair is independent.
 */
public final class FaceGenerator {

    /** Salt that separates the drawing details' random stream from the attributes' stream. */
    private static final long STYLE_SALT = 0x5DEECE66DL;

    private static final Color[] BACKGROUNDS = {
        Colors.rgb(196, 210, 224), Colors.rgb(222, 214, 196), Colors.rgb(180, 200, 186), Colors.rgb(226, 200, 200),
        Colors.rgb(120, 140, 160), Colors.rgb(210, 206, 226), Colors.rgb(90, 96, 110), Colors.rgb(236, 232, 220),
    };

    private final long seed;

    /** A generator whose faces are all determined by {@code seed}. */
    public FaceGenerator(long seed) {
        this.seed = seed;
    }

    /** The seed this generator's faces derive from. */
    public long seed() {
        return seed;
    }

    /** The attributes of face {@code index}, without rendering it. */
    public FaceAttributes attributes(long index) {
        SplittableRandom rng = Seeds.forImage(seed, index);
        boolean glasses = rng.nextDouble() < 0.4;
        boolean smile = rng.nextDouble() < 0.5;
        Presentation presentation = rng.nextBoolean() ? Presentation.MAN : Presentation.WOMAN;
        double hairDraw = rng.nextDouble();
        double beardDraw = rng.nextDouble();
        HairColor hairColor = HairColor.values()[rng.nextInt(HairColor.values().length)];
        double skinTone = rng.nextDouble();
        double yaw = rng.nextDouble() * 2 - 1;
        Color background = Colors.pick(rng, BACKGROUNDS, 14);
        boolean man = presentation == Presentation.MAN;
        HairStyle hair = man && hairDraw < 0.25 ? HairStyle.NONE
                : (man ? (hairDraw - 0.25) / 0.75 : hairDraw) < 0.5 ? HairStyle.SHORT : HairStyle.LONG;
        boolean beard = man && beardDraw < 0.4;
        return new FaceAttributes(glasses, smile, presentation, hair, hairColor, beard, skinTone, yaw, background);
    }

    /** Renders face {@code index} at {@code size} x {@code size} pixels. */
    public FaceSample generate(long index, int size) {
        FaceAttributes attributes = attributes(index);
        return new FaceSample(render(attributes, Seeds.mix(seed, index) ^ STYLE_SALT, size), attributes);
    }

    /**
     * Renders a chosen attribute combination. {@code seed} fixes the details that are not attributes
     * (face proportions, eye and shirt colour, frame colour), so two calls that differ in one attribute
     * differ only where that attribute is drawn.
     */
    public static BufferedImage render(FaceAttributes attributes, long seed, int size) {
        if (size < 8) {
            throw new IllegalArgumentException("size must be at least 8, was " + size);
        }
        return new FacePainter(attributes, new SplittableRandom(seed), size).paint();
    }
}
