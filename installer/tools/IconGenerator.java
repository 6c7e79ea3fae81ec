import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Draws the app icon: the generator's pyramid, a 4x4 grid growing into an 8x8 grid and then a smooth
 * "image", on a rounded tile in the app's accent colour (#3b5bdb, app.css).
 *
 * <p>A single-file program, outside the Maven build: {@code java installer/tools/IconGenerator.java [root]}
 * writes under root
 * <ul>
 *   <li>{@code assets/icons/icon-N.png} (16 to 256) and {@code assets/linux/icon.png} (256, for jpackage on Linux);</li>
 *   <li>{@code assets/windows/icon.ico} (jpackage on Windows): 16, 32, 48, 64, 128 and 256 px, each entry a PNG,
 *       which Windows reads since Vista;</li>
 *   <li>{@code assets/osx/icon.icns} (jpackage on macOS): PNG chunks ic07, ic08, ic09 and ic10 (128, 256, 512
 *       and 1024 px), which macOS reads since 10.7.</li>
 * </ul>
 * Both containers are a short header, a table and the PNG bytes, so they are written here by hand rather than
 * with a library. Drawn at 1024 px and scaled down in halving steps, so the small sizes stay crisp.
 */
public final class IconGenerator {

    private static final Color ACCENT = new Color(0x3b, 0x5b, 0xdb);
    private static final Color ACCENT_DARK = new Color(0x2f, 0x4a, 0xc0);
    private static final int[] SIZES = {16, 32, 48, 64, 128, 256};
    /** ICNS chunk types that hold a PNG, with their pixel size. */
    private static final Map<String, Integer> ICNS_PNG_TYPES = new LinkedHashMap<>();

    static {
        ICNS_PNG_TYPES.put("ic07", 128);
        ICNS_PNG_TYPES.put("ic08", 256);
        ICNS_PNG_TYPES.put("ic09", 512);
        ICNS_PNG_TYPES.put("ic10", 1024);
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        BufferedImage master = draw(1024);
        Map<Integer, byte[]> png = new TreeMap<>();
        for (int size : new int[] {16, 32, 48, 64, 128, 256, 512, 1024}) {
            png.put(size, png(scale(master, size)));
        }
        Path icons = Files.createDirectories(root.resolve("assets/icons"));
        for (int size : SIZES) {
            Files.write(icons.resolve("icon-" + size + ".png"), png.get(size));
        }
        Files.write(Files.createDirectories(root.resolve("assets/linux")).resolve("icon.png"), png.get(256));
        Path ico = Files.createDirectories(root.resolve("assets/windows")).resolve("icon.ico");
        try (OutputStream out = Files.newOutputStream(ico)) {
            writeIco(out, SIZES, png);
        }
        Path icns = Files.createDirectories(root.resolve("assets/osx")).resolve("icon.icns");
        try (OutputStream out = Files.newOutputStream(icns)) {
            writeIcns(out, png);
        }
        System.out.println("wrote " + SIZES.length + " PNGs under " + icons.toAbsolutePath() + ", " + ico + " and " + icns);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /**
     * ICO: a 6-byte ICONDIR (reserved 0, type 1 = icon, count), one 16-byte ICONDIRENTRY per image (width and
     * height with 0 meaning 256, colour count 0, reserved 0, planes 1, bits per pixel 32, data size, data
     * offset), then the images. All numbers little-endian.
     */
    static void writeIco(OutputStream target, int[] sizes, Map<Integer, byte[]> png) throws IOException {
        DataOutputStream out = new DataOutputStream(target);
        out.writeShort(Short.reverseBytes((short) 0));
        out.writeShort(Short.reverseBytes((short) 1));
        out.writeShort(Short.reverseBytes((short) sizes.length));
        int offset = 6 + 16 * sizes.length;
        for (int size : sizes) {
            byte[] data = png.get(size);
            out.writeByte(size >= 256 ? 0 : size);
            out.writeByte(size >= 256 ? 0 : size);
            out.writeByte(0);
            out.writeByte(0);
            out.writeShort(Short.reverseBytes((short) 1));
            out.writeShort(Short.reverseBytes((short) 32));
            out.writeInt(Integer.reverseBytes(data.length));
            out.writeInt(Integer.reverseBytes(offset));
            offset += data.length;
        }
        for (int size : sizes) {
            out.write(png.get(size));
        }
        out.flush();
    }

    /**
     * ICNS: the magic {@code icns} and the file length, then chunks of a 4-character type, a length that counts
     * the 8-byte chunk header, and the data. All numbers big-endian, which is what DataOutputStream writes.
     */
    static void writeIcns(OutputStream target, Map<Integer, byte[]> png) throws IOException {
        int length = 8;
        for (int size : ICNS_PNG_TYPES.values()) {
            length += 8 + png.get(size).length;
        }
        DataOutputStream out = new DataOutputStream(target);
        out.writeBytes("icns");
        out.writeInt(length);
        for (Map.Entry<String, Integer> chunk : ICNS_PNG_TYPES.entrySet()) {
            byte[] data = png.get(chunk.getValue());
            out.writeBytes(chunk.getKey());
            out.writeInt(8 + data.length);
            out.write(data);
        }
        out.flush();
    }

    private static BufferedImage draw(int s) {
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);

        // Rounded tile with a soft vertical gradient.
        float m = s * 0.03f;
        RoundRectangle2D tile = new RoundRectangle2D.Float(m, m, s - 2 * m, s - 2 * m, s * 0.22f, s * 0.22f);
        g.setPaint(new GradientPaint(0, 0, ACCENT.brighter(), 0, s, ACCENT_DARK));
        g.fill(tile);

        // Three stages left to right, growing: 4x4 grid, 8x8 grid, smooth image.
        float base = s * 0.62f;                       // common bottom line
        float[] size = {s * 0.20f, s * 0.28f, s * 0.36f};
        float[] x = {s * 0.07f, s * 0.31f, s * 0.59f};
        float[] top = new float[3];
        for (int i = 0; i < 3; i++) {
            top[i] = base - size[i] + (i == 0 ? -s * 0.08f : i == 1 ? -s * 0.04f : 0);
        }
        // Connecting "upsampling" wedges behind the stages.
        g.setColor(new Color(255, 255, 255, 60));
        for (int i = 0; i < 2; i++) {
            float x0 = x[i] + size[i], x1 = x[i + 1];
            java.awt.geom.Path2D.Float wedge = new java.awt.geom.Path2D.Float();
            wedge.moveTo(x0, top[i]);
            wedge.lineTo(x1, top[i + 1]);
            wedge.lineTo(x1, top[i + 1] + size[i + 1]);
            wedge.lineTo(x0, top[i] + size[i]);
            wedge.closePath();
            g.fill(wedge);
        }
        grid(g, x[0], top[0], size[0], 4, 0.0);
        grid(g, x[1], top[1], size[1], 8, 0.35);
        smooth(g, x[2], top[2], size[2]);

        // A title bar of "latent" dots under the stages: the z vector feeding the generator.
        g.setColor(new Color(255, 255, 255, 215));
        float dot = s * 0.045f;
        int n = 7;
        float rowWidth = n * dot + (n - 1) * dot * 0.7f;
        float dx = (s - rowWidth) / 2f;
        float dy = s * 0.80f;
        for (int i = 0; i < n; i++) {
            float a = 110 + 145 * (float) Math.abs(Math.sin(i * 1.7));
            g.setColor(new Color(255, 255, 255, Math.min(255, (int) a)));
            g.fill(new java.awt.geom.Ellipse2D.Float(dx + i * dot * 1.7f, dy, dot, dot));
        }
        g.setColor(new Color(255, 255, 255, 90));
        g.setStroke(new BasicStroke(s * 0.008f));
        g.draw(new RoundRectangle2D.Float(m + s * 0.006f, m + s * 0.006f, s - 2 * m - s * 0.012f,
                s - 2 * m - s * 0.012f, s * 0.21f, s * 0.21f));
        g.dispose();
        return img;
    }

    /** An n x n grid of cells whose brightness hints at a blob, like a low-resolution generator output. */
    private static void grid(Graphics2D g, float x, float y, float size, int n, double detail) {
        float cell = size / n;
        float gap = Math.max(1f, cell * 0.12f);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double u = (c + 0.5) / n - 0.5, v = (r + 0.5) / n - 0.5;
                double blob = Math.exp(-(u * u + v * v) * 6) + detail * 0.3 * Math.sin(u * 9) * Math.cos(v * 7);
                int level = (int) Math.max(0, Math.min(255, 120 + 135 * blob));
                g.setColor(new Color(255, 255, 255, level));
                g.fill(new java.awt.geom.Rectangle2D.Float(x + c * cell + gap / 2, y + r * cell + gap / 2,
                        cell - gap, cell - gap));
            }
        }
    }

    /** The "full resolution" stage: a smooth warm image in a white frame. */
    private static void smooth(Graphics2D g, float x, float y, float size) {
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Float(x, y, size, size, size * 0.12f, size * 0.12f));
        float in = size * 0.08f;
        g.setPaint(new java.awt.RadialGradientPaint(x + size * 0.45f, y + size * 0.42f, size * 0.55f,
                new float[] {0f, 0.45f, 1f},
                new Color[] {new Color(0xff, 0xd1, 0x66), new Color(0xf0, 0x6a, 0x5a), new Color(0x5a, 0x2f, 0x8c)}));
        g.fill(new RoundRectangle2D.Float(x + in, y + in, size - 2 * in, size - 2 * in, size * 0.08f, size * 0.08f));
    }

    private static BufferedImage scale(BufferedImage src, int target) {
        BufferedImage cur = src;
        int w = src.getWidth();
        while (w / 2 >= target) {
            w /= 2;
            cur = resize(cur, w);
        }
        return w == target ? cur : resize(cur, target);
    }

    private static BufferedImage resize(BufferedImage src, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, size, size, null);
        g.dispose();
        return out;
    }
}
