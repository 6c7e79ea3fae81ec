package io.dcganexplorer.data.procedural;

/**
 * Renders procedural bedrooms with ground truth, a stand-in for the LSUN bedrooms of the DCGAN paper
 * (Radford, Metz and Chintala 2015, section 6.2: "forgetting to draw certain objects", where window
 * feature maps of the generator are found with a logistic-regression probe on window boxes and then
 * dropped).
 *
 * <p>Each room is a perspective box with a back wall, two side walls, floor and ceiling; zero to three
 * windows showing a day, dusk or night sky; a bed; and some of door, lamp, picture, rug, wardrobe and
 * nightstands. Room {@code index} of a generator with a given seed is always the same picture.
 */
public final class RoomGenerator {

    private final long seed;

    /** A generator whose rooms are all determined by {@code seed}. */
    public RoomGenerator(long seed) {
        this.seed = seed;
    }

    /** The seed this generator's rooms derive from. */
    public long seed() {
        return seed;
    }

    /**
     * Renders room {@code index} at {@code size} x {@code size} pixels, with its window mask and object
     * boxes. The same index gives the same room layout at every size.
     */
    public RoomScene generate(long index, int size) {
        if (size < 8) {
            throw new IllegalArgumentException("size must be at least 8, was " + size);
        }
        return new RoomPainter(Seeds.forImage(seed, index), size).paint();
    }
}
