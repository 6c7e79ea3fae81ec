package io.dcganexplorer.data;

import io.dcganexplorer.data.procedural.FaceAttributes;
import io.dcganexplorer.data.procedural.FaceGenerator;
import io.dcganexplorer.data.procedural.FaceSample;
import io.dcganexplorer.data.procedural.RoomGenerator;
import io.dcganexplorer.data.procedural.RoomScene;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A procedural data set of rooms or faces, rendered on demand from (seed, index) and kept in a small
 * LRU cache of 8-bit pixels, so an epoch costs one rendering per image and memory stays bounded.
 *
 * <p>Labels: for faces, 1 = wears glasses; for rooms, 1 = at least one window is visible. The richer
 * ground truth is available through {@link #attributes(int)} and {@link #scene(int)}. Grayscale images
 * use Rec. 601 luma.
 */
public final class ProceduralDataset implements ImageDataset {

    /** Which generator the images come from. */
    public enum Kind { ROOMS, FACES }

    /** Images kept by default: 2048 images of 64 x 64 x 3 bytes are 24 MiB. */
    public static final int DEFAULT_CACHE_CAPACITY = 2048;

    private final Kind kind;
    private final int imageSize;
    private final int channels;
    private final int count;
    private final long seed;
    private final RoomGenerator rooms;
    private final FaceGenerator faces;
    private final Map<Integer, Rendered> cache;

    /** One rendered image: packed RGB bytes and its label. */
    private record Rendered(byte[] rgb, int label) {
    }

    /** A data set with the default cache size. */
    public ProceduralDataset(Kind kind, int imageSize, int channels, int count, long seed) {
        this(kind, imageSize, channels, count, seed, DEFAULT_CACHE_CAPACITY);
    }

    /** A data set keeping at most {@code cacheCapacity} rendered images (0 disables the cache). */
    public ProceduralDataset(Kind kind, int imageSize, int channels, int count, long seed, int cacheCapacity) {
        this.kind = Objects.requireNonNull(kind, "kind");
        if (imageSize < 8) {
            throw new IllegalArgumentException("imageSize must be at least 8, was " + imageSize);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
        }
        if (count <= 0 || cacheCapacity < 0) {
            throw new IllegalArgumentException("count must be positive and cacheCapacity not negative");
        }
        this.imageSize = imageSize;
        this.channels = channels;
        this.count = count;
        this.seed = seed;
        this.rooms = new RoomGenerator(seed);
        this.faces = new FaceGenerator(seed);
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Rendered> eldest) {
                return size() > cacheCapacity;
            }
        };
    }

    @Override
    public String description() {
        return "procedural " + kind.name().toLowerCase(Locale.ROOT) + ", " + imageSize + "x" + imageSize
                + ", " + channels + (channels == 1 ? " channel" : " channels") + ", " + count + " images, seed " + seed;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int imageSize() {
        return imageSize;
    }

    @Override
    public int channels() {
        return channels;
    }

    /** Which generator the images come from. */
    public Kind kind() {
        return kind;
    }

    /** The seed every image derives from. */
    public long seed() {
        return seed;
    }

    @Override
    public void writeImage(int index, float[] dest, int offset) {
        byte[] rgb = rendered(index).rgb();
        int plane = imageSize * imageSize;
        if (channels == 3) {
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < plane; p++) {
                    dest[offset + c * plane + p] = (rgb[3 * p + c] & 0xFF) / 127.5f - 1f;
                }
            }
        } else {
            for (int p = 0; p < plane; p++) {
                float luma = 0.299f * (rgb[3 * p] & 0xFF) + 0.587f * (rgb[3 * p + 1] & 0xFF)
                        + 0.114f * (rgb[3 * p + 2] & 0xFF);
                dest[offset + p] = luma / 127.5f - 1f;
            }
        }
    }

    @Override
    public int label(int index) {
        return rendered(index).label();
    }

    @Override
    public List<String> classNames() {
        return kind == Kind.FACES ? List.of("no glasses", "glasses") : List.of("no window", "window");
    }

    /** The RGB image of {@code index} at this data set's size (a fresh copy the caller may keep). */
    public BufferedImage image(int index) {
        byte[] rgb = rendered(index).rgb();
        BufferedImage image = new BufferedImage(imageSize, imageSize, BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int p = 0; p < px.length; p++) {
            px[p] = (rgb[3 * p] & 0xFF) << 16 | (rgb[3 * p + 1] & 0xFF) << 8 | rgb[3 * p + 2] & 0xFF;
        }
        return image;
    }

    /** The attributes of face {@code index}; cheap, nothing is rendered. */
    public FaceAttributes attributes(int index) {
        requireKind(Kind.FACES);
        return faces.attributes(checkIndex(index));
    }

    /** Room {@code index} with its window mask and object boxes, rendered again (deterministically). */
    public RoomScene scene(int index) {
        requireKind(Kind.ROOMS);
        return rooms.generate(checkIndex(index), imageSize);
    }

    private Rendered rendered(int index) {
        checkIndex(index);
        Rendered r = cache.get(index);
        if (r == null) {
            r = render(index);
            cache.put(index, r);
        }
        return r;
    }

    private Rendered render(int index) {
        BufferedImage image;
        int label;
        if (kind == Kind.FACES) {
            FaceSample sample = faces.generate(index, imageSize);
            image = sample.image();
            label = sample.attributes().glasses() ? 1 : 0;
        } else {
            RoomScene scene = rooms.generate(index, imageSize);
            image = scene.image();
            label = scene.windowBoxes().isEmpty() ? 0 : 1;
        }
        int[] px = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[px.length * 3];
        for (int p = 0; p < px.length; p++) {
            rgb[3 * p] = (byte) (px[p] >> 16);
            rgb[3 * p + 1] = (byte) (px[p] >> 8);
            rgb[3 * p + 2] = (byte) px[p];
        }
        return new Rendered(rgb, label);
    }

    private int checkIndex(int index) {
        return Objects.checkIndex(index, count);
    }

    private void requireKind(Kind expected) {
        if (kind != expected) {
            throw new IllegalStateException("this data set holds " + kind + ", not " + expected);
        }
    }
}
