package io.dcganexplorer.data.procedural;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples and paints one bedroom. The room is a real 3-D box seen through a pinhole camera, so walls,
 * windows and furniture share one perspective; furniture is painted back to front (painter's algorithm)
 * and every opaque shape also updates the window mask in {@link SceneCanvas}.
 *
 * <p>World coordinates are metres: x to the right (walls at +-width/2), y up from the floor, z away
 * from the camera (camera at z = 0, back wall at z = depth).
 */
final class RoomPainter {

    /** Nearest depth drawn: walls are cut here so their projections stay finite. */
    private static final double NEAR = 0.3;

    private enum Wall { BACK, LEFT, RIGHT }

    private enum TimeOfDay { DAY, DUSK, NIGHT }

    /** An axis-aligned box in world coordinates. */
    private record Box3(double x0, double x1, double y0, double y1, double z0, double z1) {
        boolean footprintOverlaps(Box3 o, double margin) {
            return x0 < o.x1 + margin && o.x0 < x1 + margin && z0 < o.z1 + margin && o.z0 < z1 + margin;
        }
    }

    /** A rectangle on a wall: b along the wall, y up. */
    private record Opening(Wall wall, double b0, double b1, double y0, double y1) {
    }

    /** Something standing on the floor, painted in depth order. */
    private record Furniture(Box3 footprint, Runnable painter) {
    }

    private static final Color[] WALLS = {
        Colors.rgb(236, 226, 208), Colors.rgb(222, 208, 188), Colors.rgb(212, 202, 190),
        Colors.rgb(200, 214, 226), Colors.rgb(210, 226, 206), Colors.rgb(236, 212, 210),
        Colors.rgb(224, 218, 236), Colors.rgb(242, 238, 230), Colors.rgb(200, 180, 154),
        Colors.rgb(172, 192, 204), Colors.rgb(238, 222, 180),
    };
    private static final Color[] WOOD_FLOORS = {
        Colors.rgb(150, 100, 60), Colors.rgb(176, 128, 82), Colors.rgb(120, 80, 50),
        Colors.rgb(196, 156, 110), Colors.rgb(96, 64, 42),
    };
    private static final Color[] CARPETS = {
        Colors.rgb(170, 160, 150), Colors.rgb(140, 132, 126), Colors.rgb(190, 178, 160), Colors.rgb(120, 130, 140),
    };
    private static final Color[] WOODS = {
        Colors.rgb(110, 74, 48), Colors.rgb(140, 98, 66), Colors.rgb(84, 60, 44), Colors.rgb(176, 134, 92),
    };
    private static final Color[] FABRICS = {
        Colors.rgb(70, 98, 150), Colors.rgb(170, 62, 60), Colors.rgb(90, 130, 100), Colors.rgb(216, 186, 120),
        Colors.rgb(196, 198, 206), Colors.rgb(120, 80, 130), Colors.rgb(226, 146, 116), Colors.rgb(60, 70, 90),
        Colors.rgb(150, 170, 200),
    };
    private static final Color[] PAINTED = {
        Colors.rgb(244, 244, 240), Colors.rgb(236, 232, 222), Colors.rgb(60, 62, 66), Colors.rgb(200, 206, 210),
    };

    private final SplittableRandom rng;
    private final SceneCanvas canvas;

    private final double width;
    private final double height;
    private final double depth;
    private final double camX;
    private final double camY;
    private final double focal;
    private final double centreU;
    private final double centreV;
    private final TimeOfDay time;

    private final Color wallColor;
    private final Color floorColor;
    private final boolean woodFloor;
    private final Color trimColor;

    private final List<Opening> windows = new ArrayList<>();
    private final List<Opening> wallUse = new ArrayList<>();
    private final List<Box3> footprints = new ArrayList<>();
    private final List<Furniture> furniture = new ArrayList<>();
    private final List<Runnable> wallDecor = new ArrayList<>();
    private boolean lampPlanned;
    private Point2D.Double lampGlow;
    private double lampGlowRadius;

    RoomPainter(SplittableRandom rng, int size) {
        this.rng = rng;
        this.canvas = new SceneCanvas(size);
        width = Colors.uniform(rng, 3.4, 4.6);
        height = Colors.uniform(rng, 2.5, 2.8);
        depth = Colors.uniform(rng, 3.4, 4.4);
        camX = Colors.uniform(rng, -0.22, 0.22) * width;
        camY = Colors.uniform(rng, 1.15, 1.55);
        // The back wall takes 48-64 % of the image width, as in wide-angle bedroom photos.
        focal = Colors.uniform(rng, 0.48, 0.64) * depth / width;
        centreU = 0.5 + Colors.uniform(rng, -0.06, 0.06);
        centreV = 0.5 + Colors.uniform(rng, -0.06, 0.04);
        double t = rng.nextDouble();
        time = t < 0.6 ? TimeOfDay.DAY : t < 0.8 ? TimeOfDay.DUSK : TimeOfDay.NIGHT;
        wallColor = Colors.pick(rng, WALLS, 8);
        woodFloor = rng.nextDouble() < 0.7;
        floorColor = woodFloor ? Colors.pick(rng, WOOD_FLOORS, 10) : Colors.pick(rng, CARPETS, 10);
        trimColor = rng.nextDouble() < 0.7 ? Colors.rgb(246, 244, 238) : Colors.shade(wallColor, 0.8);
    }

    RoomScene paint() {
        planBed();
        planWindows();
        planDoor();
        planWardrobe();
        planPicture();
        Runnable rug = planRug();
        planFloorLamp();

        paintShell();
        wallDecor.forEach(Runnable::run);
        paintSunPatches();
        if (rug != null) {
            rug.run();
        }
        for (Furniture f : depthOrder(furniture)) {
            f.painter().run();
        }
        paintLampGlow();
        applyLighting();
        return canvas.finish(windows.size());
    }

    // ---- camera -------------------------------------------------------------------------------------

    private Point2D.Double project(double x, double y, double z) {
        return new Point2D.Double(centreU + focal * (x - camX) / z, centreV - focal * (y - camY) / z);
    }

    private Path2D quad(double[]... xyz) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < xyz.length; i++) {
            Point2D.Double q = project(xyz[i][0], xyz[i][1], xyz[i][2]);
            if (i == 0) {
                p.moveTo(q.x, q.y);
            } else {
                p.lineTo(q.x, q.y);
            }
        }
        p.closePath();
        return p;
    }

    /** World point at distance a from a wall, height y, position b along it. */
    private double[] onWall(Wall w, double a, double y, double b) {
        return switch (w) {
            case BACK -> new double[] {b, y, depth - a};
            case LEFT -> new double[] {-width / 2 + a, y, b};
            case RIGHT -> new double[] {width / 2 - a, y, b};
        };
    }

    /** A rectangle parallel to wall w at distance a from it. */
    private Path2D wallRect(Wall w, double a, double b0, double b1, double y0, double y1) {
        return quad(onWall(w, a, y0, b0), onWall(w, a, y0, b1), onWall(w, a, y1, b1), onWall(w, a, y1, b0));
    }

    private Box3 boxOnWall(Wall w, double a0, double a1, double y0, double y1, double b0, double b1) {
        double[] p = onWall(w, a0, y0, b0);
        double[] q = onWall(w, a1, y1, b1);
        return new Box3(Math.min(p[0], q[0]), Math.max(p[0], q[0]), y0, y1, Math.min(p[2], q[2]),
                Math.max(p[2], q[2]));
    }

    /** Paints the faces of a box that the camera can see (at most three, and they never overlap). */
    private void paintBox(Box3 b, Color c, int windowId) {
        if (camX < b.x0()) {
            fill(quad(new double[] {b.x0(), b.y0(), b.z0()}, new double[] {b.x0(), b.y0(), b.z1()},
                    new double[] {b.x0(), b.y1(), b.z1()}, new double[] {b.x0(), b.y1(), b.z0()}),
                    Colors.shade(c, 0.78), windowId);
        } else if (camX > b.x1()) {
            fill(quad(new double[] {b.x1(), b.y0(), b.z0()}, new double[] {b.x1(), b.y0(), b.z1()},
                    new double[] {b.x1(), b.y1(), b.z1()}, new double[] {b.x1(), b.y1(), b.z0()}),
                    Colors.shade(c, 0.78), windowId);
        }
        if (camY > b.y1()) {
            fill(quad(new double[] {b.x0(), b.y1(), b.z0()}, new double[] {b.x1(), b.y1(), b.z0()},
                    new double[] {b.x1(), b.y1(), b.z1()}, new double[] {b.x0(), b.y1(), b.z1()}),
                    Colors.shade(c, 1.06), windowId);
        }
        fill(quad(new double[] {b.x0(), b.y0(), b.z0()}, new double[] {b.x1(), b.y0(), b.z0()},
                new double[] {b.x1(), b.y1(), b.z0()}, new double[] {b.x0(), b.y1(), b.z0()}),
                Colors.shade(c, 0.9), windowId);
    }

    private void paintBox(Wall w, double a0, double a1, double y0, double y1, double b0, double b1, Color c) {
        paintBox(boxOnWall(w, a0, a1, y0, y1, b0, b1), c, 0);
    }

    private void fill(Shape s, Color c, int windowId) {
        if (windowId == 0) {
            canvas.fill(s, c);
        } else {
            canvas.fillWindow(s, c, windowId);
        }
    }

    // ---- layout -------------------------------------------------------------------------------------

    private double wallStart(Wall w) {
        return switch (w) {
            case BACK -> -width / 2 + 0.05;
            // From where the side wall enters the picture, so nothing is placed out of view.
            case LEFT -> Math.max(1.0, focal * (width / 2 + camX) / centreU + 0.2);
            case RIGHT -> Math.max(1.0, focal * (width / 2 - camX) / (1 - centreU) + 0.2);
        };
    }

    private double wallEnd(Wall w) {
        return w == Wall.BACK ? width / 2 - 0.05 : depth - 0.05;
    }

    private Wall randomWall(double backWeight) {
        double t = rng.nextDouble();
        return t < backWeight ? Wall.BACK : t < (1 + backWeight) / 2 ? Wall.LEFT : Wall.RIGHT;
    }

    /**
     * Finds where along wall w a thing of width {@code span} fits: clear of other wall openings when
     * {@code high}, and with a free floor area {@code reach} deep in front of it when reach > 0.
     */
    private double place(Wall w, double span, double reach, boolean high, double lo, double hi) {
        double from = Math.max(lo, wallStart(w));
        double to = Math.min(hi, wallEnd(w)) - span;
        for (int attempt = 0; attempt < 12 && to > from; attempt++) {
            double b0 = Colors.uniform(rng, from, to);
            if (high && wallUse.stream().anyMatch(o -> o.wall() == w && o.b0() < b0 + span + 0.1
                    && b0 < o.b1() + 0.1)) {
                continue;
            }
            if (reach > 0) {
                Box3 fp = boxOnWall(w, 0, reach, 0, 1, b0, b0 + span);
                if (footprints.stream().anyMatch(f -> f.footprintOverlaps(fp, 0.05))) {
                    continue;
                }
            }
            return b0;
        }
        return Double.NaN;
    }

    private double place(Wall w, double span, double reach, boolean high) {
        return place(w, span, reach, high, -1e9, 1e9);
    }

    private void planBed() {
        boolean twin = rng.nextDouble() < 0.25;
        double bedWidth = twin ? Colors.uniform(rng, 0.9, 1.1) : Colors.uniform(rng, 1.4, 1.85);
        double length = Colors.uniform(rng, 1.95, 2.15);
        Wall w = randomWall(0.7);
        double b0 = place(w, bedWidth, length, false);
        if (Double.isNaN(b0)) {
            w = Wall.BACK;
            b0 = place(w, bedWidth, length, false);
        }
        if (Double.isNaN(b0)) {
            return;
        }
        Wall wall = w;
        double start = b0;
        Box3 fp = boxOnWall(w, 0, length, 0, 1.2, b0, b0 + bedWidth);
        footprints.add(fp);
        BedStyle style = new BedStyle(Colors.pick(rng, WOODS, 12), Colors.pick(rng, FABRICS, 14),
                rng.nextDouble() < 0.5 ? Colors.pick(rng, WOODS, 12) : Colors.pick(rng, FABRICS, 14),
                Colors.uniform(rng, 0.9, 1.3), Colors.uniform(rng, 0.55, 0.9));
        furniture.add(new Furniture(fp, () -> paintBed(wall, start, start + bedWidth, length, style)));
        planNightstands(w, b0, b0 + bedWidth);
    }

    private record BedStyle(Color frame, Color blanket, Color headboard, double headboardHeight, double fold) {
    }

    private void planNightstands(Wall w, double b0, double b1) {
        boolean lampPlaced = false;
        for (int side = 0; side < 2; side++) {
            if (rng.nextDouble() > 0.6) {
                continue;
            }
            double span = Colors.uniform(rng, 0.4, 0.5);
            double lo = side == 0 ? b0 - span - 0.06 : b1 + 0.06;
            double at = place(w, span, 0.45, false, lo, lo + span);
            if (Double.isNaN(at)) {
                continue;
            }
            Box3 fp = boxOnWall(w, 0, 0.42, 0, 0.55, at, at + span);
            footprints.add(fp);
            boolean lamp = !lampPlaced && rng.nextDouble() < 0.75;
            lampPlaced |= lamp;
            lampPlanned |= lamp;
            Color wood = Colors.pick(rng, WOODS, 12);
            Color shadeColor = lampShadeColor();
            furniture.add(new Furniture(fp, () -> paintNightstand(w, at, at + span, fp, wood, lamp, shadeColor)));
        }
    }

    private Color lampShadeColor() {
        return Colors.pick(rng, new Color[] {Colors.rgb(246, 236, 210), Colors.rgb(250, 246, 236),
            Colors.rgb(232, 210, 170)}, 6);
    }

    private void planWindows() {
        double t = rng.nextDouble();
        int count = t < 0.15 ? 0 : t < 0.5 ? 1 : t < 0.82 ? 2 : 3;
        for (int i = 0; i < count; i++) {
            Wall w = randomWall(0.55);
            double span = Colors.uniform(rng, 0.8, w == Wall.BACK ? 1.7 : 1.3);
            double b0 = place(w, span, 0, true);
            if (Double.isNaN(b0)) {
                continue;
            }
            double sill = Colors.uniform(rng, 0.75, 1.05);
            double top = Math.min(height - 0.15, sill + Colors.uniform(rng, 1.0, 1.5));
            Opening o = new Opening(w, b0, b0 + span, sill, top);
            windows.add(o);
            wallUse.add(o);
            int id = windows.size();
            WindowStyle style = new WindowStyle(rng.nextDouble() < 0.75 ? Colors.rgb(244, 244, 240)
                    : Colors.pick(rng, WOODS, 10), rng.nextInt(3), rng.nextDouble() < 0.45,
                    Colors.pick(rng, FABRICS, 16), rng.nextLong());
            wallDecor.add(() -> paintWindow(o, id, style));
        }
    }

    private record WindowStyle(Color frame, int mullions, boolean curtains, Color curtain, long skySeed) {
    }

    private void planDoor() {
        if (rng.nextDouble() > 0.55) {
            return;
        }
        Wall w = randomWall(0.4);
        double span = Colors.uniform(rng, 0.8, 0.92);
        double b0 = place(w, span, 0.8, true);
        if (Double.isNaN(b0)) {
            return;
        }
        double top = Math.min(height - 0.1, Colors.uniform(rng, 2.0, 2.15));
        Opening o = new Opening(w, b0, b0 + span, 0, top);
        wallUse.add(o);
        footprints.add(boxOnWall(w, 0, 0.8, 0, top, b0, b0 + span));
        Color door = rng.nextDouble() < 0.5 ? Colors.pick(rng, WOODS, 10) : Colors.pick(rng, PAINTED, 6);
        wallDecor.add(() -> paintDoor(o, door));
    }

    private void planWardrobe() {
        if (rng.nextDouble() > 0.4) {
            return;
        }
        Wall w = randomWall(0.3);
        double span = Colors.uniform(rng, 0.9, 1.6);
        double b0 = place(w, span, 0.62, true);
        if (Double.isNaN(b0)) {
            return;
        }
        double top = Math.min(height - 0.1, Colors.uniform(rng, 1.8, 2.3));
        wallUse.add(new Opening(w, b0, b0 + span, 0, top));
        Box3 fp = boxOnWall(w, 0, 0.6, 0, top, b0, b0 + span);
        footprints.add(fp);
        Color c = rng.nextDouble() < 0.6 ? Colors.pick(rng, WOODS, 10) : Colors.pick(rng, PAINTED, 6);
        furniture.add(new Furniture(fp, () -> paintWardrobe(w, b0, b0 + span, top, c)));
    }

    private void planPicture() {
        if (rng.nextDouble() > 0.55) {
            return;
        }
        Wall w = randomWall(0.6);
        double span = Colors.uniform(rng, 0.45, 1.0);
        double b0 = place(w, span, 0, true);
        if (Double.isNaN(b0)) {
            return;
        }
        double y0 = Colors.uniform(rng, 1.35, 1.6);
        double y1 = Math.min(height - 0.2, y0 + span * Colors.uniform(rng, 0.6, 0.9));
        Opening o = new Opening(w, b0, b0 + span, y0, y1);
        wallUse.add(o);
        Color frame = Colors.pick(rng, new Color[] {Colors.rgb(40, 36, 34), Colors.rgb(180, 150, 80),
            Colors.rgb(240, 240, 236), Colors.rgb(120, 84, 56)}, 8);
        Color a = Colors.pick(rng, FABRICS, 30);
        Color b = Colors.pick(rng, FABRICS, 30);
        wallDecor.add(() -> paintPicture(o, frame, a, b));
    }

    private Runnable planRug() {
        if (rng.nextDouble() > 0.5) {
            return null;
        }
        double rw = Colors.uniform(rng, 1.2, 2.2);
        double rd = Colors.uniform(rng, 0.9, 1.6);
        double x0 = Colors.uniform(rng, -width / 2 + 0.3, width / 2 - 0.3 - rw);
        double z0 = Colors.uniform(rng, Math.max(1.3, wallStart(Wall.LEFT) - 0.5), depth - rd - 0.3);
        Color outer = Colors.pick(rng, FABRICS, 20);
        Color inner = Colors.lerp(Colors.pick(rng, FABRICS, 20), Colors.rgb(230, 220, 200), 0.4);
        return () -> paintRug(x0, x0 + rw, z0, z0 + rd, outer, inner);
    }

    private void planFloorLamp() {
        if (lampPlanned || rng.nextDouble() > 0.35) {
            return;
        }
        Wall w = randomWall(0.5);
        double b0 = place(w, 0.35, 0.35, false);
        if (Double.isNaN(b0)) {
            return;
        }
        Box3 fp = boxOnWall(w, 0.05, 0.4, 0, 1.6, b0, b0 + 0.35);
        footprints.add(fp);
        Color shadeColor = lampShadeColor();
        furniture.add(new Furniture(fp, () -> paintLamp((fp.x0() + fp.x1()) / 2, 0, (fp.z0() + fp.z1()) / 2,
                Colors.uniform(rng, 1.35, 1.6), shadeColor)));
    }

    /**
     * Painter's order for boxes with disjoint footprints: a box goes first when it lies entirely
     * beyond another in depth, or, beside it, farther from the camera's line of sight.
     */
    private List<Furniture> depthOrder(List<Furniture> items) {
        List<Furniture> left = new ArrayList<>(items);
        List<Furniture> ordered = new ArrayList<>();
        while (!left.isEmpty()) {
            Furniture next = left.get(0);
            for (Furniture candidate : left) {
                boolean blocked = left.stream().anyMatch(o -> o != candidate && mustPrecede(o.footprint(),
                        candidate.footprint()));
                if (!blocked) {
                    next = candidate;
                    break;
                }
            }
            left.remove(next);
            ordered.add(next);
        }
        return ordered;
    }

    private boolean mustPrecede(Box3 a, Box3 b) {
        if (a.z0() >= b.z1() - 1e-9) {
            return true;
        }
        if (b.z0() >= a.z1() - 1e-9) {
            return false;
        }
        if (a.x1() <= b.x0() && b.x0() <= camX) {
            return true;
        }
        return a.x0() >= b.x1() && b.x1() >= camX;
    }

    // ---- painting -----------------------------------------------------------------------------------

    private void paintShell() {
        double w = width / 2;
        Color ceiling = Colors.lerp(wallColor, Colors.rgb(250, 250, 248), 0.7);
        canvas.fill(new Rectangle2D.Double(0, 0, 1, 1), ceiling);
        canvas.fill(quad(new double[] {-w, height, NEAR}, new double[] {w, height, NEAR},
                new double[] {w, height, depth}, new double[] {-w, height, depth}), Colors.shade(ceiling, 0.96));
        Path2D floor = quad(new double[] {-w, 0, NEAR}, new double[] {w, 0, NEAR}, new double[] {w, 0, depth},
                new double[] {-w, 0, depth});
        Point2D.Double far = project(0, 0, depth);
        canvas.fill(floor, new GradientPaint((float) far.x, (float) far.y, Colors.shade(floorColor, 0.92),
                (float) far.x, 1f, Colors.shade(floorColor, 1.08)));
        if (woodFloor) {
            double plank = Colors.uniform(rng, 0.14, 0.22);
            Color seam = Colors.withAlpha(Colors.shade(floorColor, 0.6), 0.55);
            for (double x = -w + plank; x < w; x += plank) {
                canvas.light(quad(new double[] {x - 0.008, 0, NEAR}, new double[] {x + 0.008, 0, NEAR},
                        new double[] {x + 0.008, 0, depth}, new double[] {x - 0.008, 0, depth}), seam);
            }
        }
        canvas.fill(wallRect(Wall.BACK, 0, -w, w, 0, height), wallColor);
        paintSideWall(Wall.LEFT, 0.86);
        paintSideWall(Wall.RIGHT, 0.92);
        for (Wall wall : Wall.values()) {
            double from = wall == Wall.BACK ? -w : NEAR;
            double to = wall == Wall.BACK ? w : depth;
            canvas.fill(wallRect(wall, 0, from, to, 0, 0.09), trimColor);
        }
    }

    private void paintSideWall(Wall wall, double shade) {
        Path2D shape = wallRect(wall, 0, NEAR, depth, 0, height);
        Point2D.Double far = project(wall == Wall.LEFT ? -width / 2 : width / 2, camY, depth);
        Point2D.Double near = project(wall == Wall.LEFT ? -width / 2 : width / 2, camY, Math.max(NEAR, 1.2));
        canvas.fill(shape, new GradientPaint((float) far.x, (float) far.y, Colors.shade(wallColor, shade),
                (float) near.x, (float) near.y, Colors.shade(wallColor, shade - 0.1)));
    }

    private void paintWindow(Opening o, int id, WindowStyle style) {
        SplittableRandom sky = new SplittableRandom(style.skySeed());
        double t = 0.055;
        Wall w = o.wall();
        paintBox(boxOnWall(w, 0, 0.07, o.y0() - 0.05, o.y0(), o.b0() - 0.06, o.b1() + 0.06),
                style.frame(), id);
        fill(wallRect(w, 0.005, o.b0(), o.b1(), o.y0(), o.y1()), style.frame(), id);
        Path2D glass = wallRect(w, 0.006, o.b0() + t, o.b1() - t, o.y0() + t, o.y1() - t);
        Point2D.Double top = project(onWall(w, 0, o.y1(), (o.b0() + o.b1()) / 2)[0], o.y1(),
                onWall(w, 0, o.y1(), (o.b0() + o.b1()) / 2)[2]);
        Point2D.Double bottom = project(onWall(w, 0, o.y0(), (o.b0() + o.b1()) / 2)[0], o.y0(),
                onWall(w, 0, o.y0(), (o.b0() + o.b1()) / 2)[2]);
        Color[] colours = switch (time) {
            case DAY -> new Color[] {Colors.rgb(70, 136, 222), Colors.rgb(196, 226, 250), Colors.rgb(86, 128, 80)};
            case DUSK -> new Color[] {Colors.rgb(84, 70, 140), Colors.rgb(252, 168, 96), Colors.rgb(60, 44, 70)};
            case NIGHT -> new Color[] {Colors.rgb(8, 12, 36), Colors.rgb(34, 46, 92), Colors.rgb(10, 12, 20)};
        };
        canvas.fillWindow(glass, new GradientPaint((float) top.x, (float) top.y, colours[0], (float) bottom.x,
                (float) bottom.y, colours[1]), id);
        Path2D glassArea = glass;
        double h = bottom.y - top.y;
        double span = glassArea.getBounds2D().getWidth();
        double left = glassArea.getBounds2D().getMinX();
        if (time == TimeOfDay.NIGHT) {
            for (int i = 0; i < 4; i++) {
                double sx = left + sky.nextDouble() * span;
                double sy = top.y + sky.nextDouble() * h * 0.6;
                clippedWindowFill(glassArea, new Ellipse2D.Double(sx, sy, 0.008, 0.008),
                        Colors.rgb(240, 240, 220), id);
            }
            if (sky.nextDouble() < 0.6) {
                double r = Math.max(0.025, h * 0.14);
                clippedWindowFill(glassArea, new Ellipse2D.Double(left + sky.nextDouble() * (span - r),
                        top.y + h * 0.15, r, r), Colors.rgb(244, 240, 210), id);
            }
        } else if (sky.nextDouble() < 0.7) {
            Color cloud = time == TimeOfDay.DAY ? Colors.rgb(250, 252, 255) : Colors.rgb(250, 200, 170);
            double cx = left + sky.nextDouble() * span;
            double cy = top.y + h * Colors.uniform(sky, 0.2, 0.45);
            double cw = span * Colors.uniform(sky, 0.4, 0.7);
            clippedWindowFill(glassArea, new Ellipse2D.Double(cx - cw / 2, cy, cw, h * 0.12), cloud, id);
            clippedWindowFill(glassArea, new Ellipse2D.Double(cx - cw / 4, cy - h * 0.06, cw / 2, h * 0.14),
                    cloud, id);
        }
        // Distant hills or trees: the lower part of the view outside.
        double hillTop = bottom.y - h * Colors.uniform(sky, 0.15, 0.3);
        for (int i = 0; i < 3; i++) {
            double hx = left + span * (i / 2.0) + Colors.uniform(sky, -0.2, 0.2) * span;
            double hw = span * Colors.uniform(sky, 0.5, 0.9);
            double hy = hillTop + h * Colors.uniform(sky, -0.05, 0.08);
            clippedWindowFill(glassArea, new Ellipse2D.Double(hx - hw / 2, hy, hw, h * 0.6),
                    Colors.shade(colours[2], 0.9 + 0.1 * i), id);
        }
        double mid = (o.b0() + o.b1()) / 2;
        if (style.mullions() >= 1) {
            fill(wallRect(w, 0.007, mid - 0.022, mid + 0.022, o.y0(), o.y1()), style.frame(), id);
        }
        if (style.mullions() == 2) {
            double ym = o.y0() + (o.y1() - o.y0()) * 0.62;
            fill(wallRect(w, 0.007, o.b0(), o.b1(), ym - 0.022, ym + 0.022), style.frame(), id);
        }
        if (style.curtains()) {
            double cw = Colors.uniform(sky, 0.2, 0.32);
            double cy0 = Math.max(0.1, o.y0() - 0.35);
            double cy1 = Math.min(height - 0.02, o.y1() + 0.12);
            fill(wallRect(w, 0.03, o.b0() - cw + 0.06, o.b0() + 0.08, cy0, cy1), style.curtain(), 0);
            fill(wallRect(w, 0.03, o.b1() - 0.08, o.b1() + cw - 0.06, cy0, cy1), Colors.shade(style.curtain(),
                    0.92), 0);
        }
    }

    private void clippedWindowFill(Shape glass, Shape shape, Color c, int id) {
        canvas.clip(glass);
        canvas.fillWindow(shape, c, id);
        canvas.clip(null);
    }

    private void paintDoor(Opening o, Color door) {
        Wall w = o.wall();
        canvas.beginObject();
        fill(wallRect(w, 0.004, o.b0() - 0.06, o.b1() + 0.06, 0, o.y1() + 0.06), trimColor, 0);
        fill(wallRect(w, 0.006, o.b0(), o.b1(), 0, o.y1()), door, 0);
        Color panel = Colors.shade(door, 0.9);
        double pw = (o.b1() - o.b0());
        fill(wallRect(w, 0.008, o.b0() + pw * 0.15, o.b1() - pw * 0.15, o.y1() * 0.55, o.y1() * 0.92), panel, 0);
        fill(wallRect(w, 0.008, o.b0() + pw * 0.15, o.b1() - pw * 0.15, o.y1() * 0.08, o.y1() * 0.45), panel, 0);
        double knobB = o.b0() + pw * 0.86;
        fill(wallRect(w, 0.01, knobB - 0.03, knobB + 0.03, 0.98, 1.04), Colors.rgb(200, 170, 90), 0);
        canvas.endObject(ObjectKind.DOOR);
    }

    private void paintPicture(Opening o, Color frame, Color a, Color b) {
        Wall w = o.wall();
        canvas.beginObject();
        fill(wallRect(w, 0.01, o.b0(), o.b1(), o.y0(), o.y1()), frame, 0);
        double t = 0.04;
        double ym = o.y0() + (o.y1() - o.y0()) * 0.45;
        fill(wallRect(w, 0.012, o.b0() + t, o.b1() - t, ym, o.y1() - t), a, 0);
        fill(wallRect(w, 0.012, o.b0() + t, o.b1() - t, o.y0() + t, ym), b, 0);
        canvas.endObject(ObjectKind.PICTURE);
    }

    private void paintRug(double x0, double x1, double z0, double z1, Color outer, Color inner) {
        canvas.beginObject();
        fill(quad(new double[] {x0, 0.005, z0}, new double[] {x1, 0.005, z0}, new double[] {x1, 0.005, z1},
                new double[] {x0, 0.005, z1}), outer, 0);
        double m = 0.12;
        fill(quad(new double[] {x0 + m, 0.006, z0 + m}, new double[] {x1 - m, 0.006, z0 + m},
                new double[] {x1 - m, 0.006, z1 - m}, new double[] {x0 + m, 0.006, z1 - m}), inner, 0);
        canvas.endObject(ObjectKind.RUG);
    }

    private void paintBed(Wall w, double b0, double b1, double length, BedStyle s) {
        canvas.beginObject();
        Color sheet = Colors.rgb(244, 242, 236);
        paintBox(w, 0, 0.07, 0, s.headboardHeight(), b0 - 0.04, b1 + 0.04, s.headboard());
        paintBox(w, 0.07, length, 0.05, 0.3, b0, b1, s.frame());
        paintBox(w, 0.08, length - 0.02, 0.3, 0.52, b0 + 0.02, b1 - 0.02, sheet);
        double span = b1 - b0;
        int pillows = span > 1.2 ? 2 : 1;
        for (int i = 0; i < pillows; i++) {
            double p0 = b0 + 0.06 + i * (span - 0.12) / pillows;
            double p1 = p0 + (span - 0.12) / pillows - 0.05;
            paintBox(w, 0.1, 0.48, 0.52, 0.66, p0, p1, Colors.rgb(250, 250, 246));
        }
        double fold = s.fold();
        paintBox(w, fold, length + 0.03, 0.26, 0.56, b0 - 0.035, b1 + 0.035, s.blanket());
        paintBox(w, fold - 0.001, fold + 0.12, 0.26, 0.565, b0 - 0.036, b1 + 0.036, sheet);
        canvas.endObject(ObjectKind.BED);
    }

    private void paintNightstand(Wall w, double b0, double b1, Box3 fp, Color wood, boolean lamp, Color shade) {
        canvas.beginObject();
        paintBox(fp, wood, 0);
        fill(wallRect(w, 0.425, b0 + 0.04, b1 - 0.04, 0.33, 0.35), Colors.shade(wood, 0.6), 0);
        canvas.endObject(ObjectKind.NIGHTSTAND);
        if (lamp) {
            paintLamp((fp.x0() + fp.x1()) / 2, 0.55, (fp.z0() + fp.z1()) / 2, 0.55, shade);
        }
    }

    /** A lamp standing at (x, y, z): stem, then a shade drawn as a lit trapezoid, then its glow later. */
    private void paintLamp(double x, double y, double z, double tall, Color shade) {
        canvas.beginObject();
        double shadeH = tall > 1 ? 0.34 : 0.26;
        double stemTop = y + tall - shadeH;
        Color metal = Colors.rgb(70, 60, 50);
        paintBox(new Box3(x - 0.02, x + 0.02, y, stemTop + 0.02, z - 0.02, z + 0.02), metal, 0);
        paintBox(new Box3(x - 0.08, x + 0.08, y, y + 0.03, z - 0.08, z + 0.08), metal, 0);
        double rb = tall > 1 ? 0.22 : 0.17;
        double rt = rb * 0.65;
        Point2D.Double bl = project(x - rb, stemTop, z - rb);
        Point2D.Double br = project(x + rb, stemTop, z - rb);
        Point2D.Double tr = project(x + rt, stemTop + shadeH, z - rb);
        Point2D.Double tl = project(x - rt, stemTop + shadeH, z - rb);
        Path2D.Double p = new Path2D.Double();
        p.moveTo(bl.x, bl.y);
        p.lineTo(br.x, br.y);
        p.lineTo(tr.x, tr.y);
        p.lineTo(tl.x, tl.y);
        p.closePath();
        canvas.fill(p, new GradientPaint((float) tl.x, (float) tl.y, Colors.shade(shade, 0.92), (float) bl.x,
                (float) bl.y, Colors.shade(shade, 1.08)));
        canvas.endObject(ObjectKind.LAMP);
        lampGlow = new Point2D.Double((bl.x + tr.x) / 2, (bl.y + tr.y) / 2);
        lampGlowRadius = focal * 1.1 / z;
    }

    private void paintWardrobe(Wall w, double b0, double b1, double top, Color c) {
        canvas.beginObject();
        paintBox(w, 0, 0.6, 0, top, b0, b1, c);
        double mid = (b0 + b1) / 2;
        Color line = Colors.shade(c, 0.55);
        fill(wallRect(w, 0.601, mid - 0.01, mid + 0.01, 0.08, top - 0.06), line, 0);
        fill(wallRect(w, 0.602, mid - 0.08, mid - 0.05, top * 0.45, top * 0.55), Colors.rgb(190, 170, 120), 0);
        fill(wallRect(w, 0.602, mid + 0.05, mid + 0.08, top * 0.45, top * 0.55), Colors.rgb(190, 170, 120), 0);
        canvas.endObject(ObjectKind.WARDROBE);
    }

    /** Sunlight through each window lands on the floor as a bright parallelogram. */
    private void paintSunPatches() {
        if (time == TimeOfDay.NIGHT) {
            return;
        }
        double k = Colors.uniform(rng, 0.5, 1.0);
        double m = Colors.uniform(rng, -0.4, 0.4);
        Color sun = time == TimeOfDay.DAY ? Colors.rgb(255, 246, 220) : Colors.rgb(255, 190, 130);
        Color light = Colors.withAlpha(sun, 0.28);
        for (Opening o : windows) {
            double[][] corners = new double[4][];
            double[] ys = {o.y0(), o.y0(), o.y1(), o.y1()};
            double[] bs = {o.b0(), o.b1(), o.b1(), o.b0()};
            for (int i = 0; i < 4; i++) {
                double[] p = onWall(o.wall(), k * ys[i], 0.004, bs[i] + m * ys[i]);
                p[0] = Math.max(-width / 2, Math.min(width / 2, p[0]));
                p[2] = Math.max(NEAR, Math.min(depth, p[2]));
                corners[i] = p;
            }
            canvas.light(quad(corners), light);
        }
    }

    private void paintLampGlow() {
        if (lampGlow == null) {
            return;
        }
        float r = (float) lampGlowRadius;
        double strength = time == TimeOfDay.NIGHT ? 0.5 : 0.22;
        Color warm = Colors.rgb(255, 214, 150);
        canvas.light(new Ellipse2D.Double(lampGlow.x - r, lampGlow.y - r, 2 * r, 2 * r),
                new RadialGradientPaint(lampGlow, r, new float[] {0f, 1f},
                        new Color[] {Colors.withAlpha(warm, strength), Colors.withAlpha(warm, 0)},
                        MultipleGradientPaint.CycleMethod.NO_CYCLE));
    }

    /**
     * Global exposure, colour of the light and falloff away from the main light source. Windows are
     * left alone: the sky outside is not lit by the room.
     */
    private void applyLighting() {
        double exposure;
        double[] tint;
        switch (time) {
            case DAY -> {
                exposure = Colors.uniform(rng, 0.92, 1.1);
                tint = new double[] {1.0, 1.0, 1.0};
            }
            case DUSK -> {
                exposure = Colors.uniform(rng, 0.78, 0.92);
                tint = new double[] {1.06, 0.94, 0.84};
            }
            default -> {
                exposure = Colors.uniform(rng, lampGlow != null ? 0.62 : 0.5, lampGlow != null ? 0.75 : 0.6);
                tint = new double[] {1.0, 0.9, 0.74};
            }
        }
        double lu = 0.5;
        double lv = 0.45;
        if (time == TimeOfDay.NIGHT && lampGlow != null) {
            lu = lampGlow.x;
            lv = lampGlow.y;
        }
        double falloff = Colors.uniform(rng, 0.25, 0.6);
        int[] px = canvas.pixels();
        int[] ids = canvas.windowIds();
        int n = (int) Math.round(Math.sqrt(px.length));
        for (int i = 0; i < px.length; i++) {
            if ((ids[i] & 0xFF) != 0) {
                continue;
            }
            double du = ((i % n) + 0.5) / n - lu;
            double dv = ((i / n) + 0.5) / n - lv;
            double k = exposure * Math.max(0.35, 1 - falloff * (du * du + dv * dv) * 2);
            int c = px[i];
            int r = (int) Math.min(255, ((c >> 16) & 0xFF) * k * tint[0]);
            int g = (int) Math.min(255, ((c >> 8) & 0xFF) * k * tint[1]);
            int b = (int) Math.min(255, (c & 0xFF) * k * tint[2]);
            px[i] = (r << 16) | (g << 8) | b;
        }
    }
}
