package io.dcganexplorer.data.procedural;

import io.dcganexplorer.data.procedural.FaceAttributes.Presentation;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Paints one face. The head is treated as a vertical cylinder for turning: a feature at horizontal
 * offset dx from the face's midline lands at hx + r sin(asin(dx / r) + yaw angle), which both moves
 * the features sideways and foreshortens the far half of the face, as a real head turn does.
 */
final class FacePainter {

    /** Head rotation at |yaw| = 1, in radians (about 35 degrees: both eyes stay visible). */
    private static final double MAX_TURN = 0.6;

    private static final Color[] SKIN = {
        Colors.rgb(255, 224, 200), Colors.rgb(238, 196, 164), Colors.rgb(206, 154, 116),
        Colors.rgb(160, 108, 74), Colors.rgb(104, 68, 46),
    };
    private static final Color[] HAIR = {
        Colors.rgb(28, 24, 24), Colors.rgb(96, 60, 34), Colors.rgb(222, 186, 112),
        Colors.rgb(172, 72, 30), Colors.rgb(176, 176, 176),
    };
    private static final Color[] IRIS = {
        Colors.rgb(70, 44, 26), Colors.rgb(60, 110, 160), Colors.rgb(70, 110, 70), Colors.rgb(40, 30, 24),
    };
    private static final Color[] SHIRTS = {
        Colors.rgb(50, 70, 120), Colors.rgb(160, 50, 50), Colors.rgb(60, 120, 90), Colors.rgb(230, 230, 226),
        Colors.rgb(40, 40, 44), Colors.rgb(210, 170, 80), Colors.rgb(120, 90, 140), Colors.rgb(90, 150, 190),
    };
    private static final Color[] FRAMES = {
        Colors.rgb(16, 16, 18), Colors.rgb(16, 16, 18), Colors.rgb(70, 36, 22), Colors.rgb(20, 30, 70),
    };

    private final FaceAttributes a;
    private final BufferedImage image;
    private final Graphics2D g;
    private final boolean man;

    private final double hx;
    private final double hy;
    private final double rx;
    private final double ry;
    private final double turn;
    private final double eyeY;
    private final double eyeDx;
    private final double eyeW;
    private final double noseY;
    private final double mouthY;
    private final double mouthW;
    private final Color skin;
    private final Color hairColor;
    private final Color iris;
    private final Color shirt;
    private final Color frame;
    private final Color lips;

    FacePainter(FaceAttributes attributes, SplittableRandom rng, int size) {
        this.a = attributes;
        this.image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        this.g = Java2d.unitGraphics(image, true);
        this.man = attributes.presentation() == Presentation.MAN;
        // Every style value is drawn unconditionally and in a fixed order, so changing one attribute
        // never shifts the random stream for the others.
        double headScale = Colors.uniform(rng, 0.95, 1.05);
        double aspect = Colors.uniform(rng, 0.95, 1.05);
        double eyeScale = Colors.uniform(rng, 0.92, 1.1);
        double spacing = Colors.uniform(rng, 0.94, 1.06);
        double lower = Colors.uniform(rng, 0.96, 1.04);
        double mouthScale = Colors.uniform(rng, 0.9, 1.1);
        iris = Colors.pick(rng, IRIS, 10);
        shirt = Colors.pick(rng, SHIRTS, 16);
        frame = Colors.pick(rng, FRAMES, 4);
        Color lipstick = Colors.pick(rng, new Color[] {Colors.rgb(190, 40, 60), Colors.rgb(200, 80, 100),
            Colors.rgb(150, 40, 50)}, 10);
        double skinJitter = Colors.uniform(rng, -0.03, 0.03);

        hx = 0.5;
        hy = 0.45;
        rx = 0.205 * headScale * (man ? 1.05 : 0.97);
        ry = 0.265 * headScale * aspect;
        turn = attributes.yaw() * MAX_TURN;
        eyeY = hy + ry * 0.02;
        eyeDx = 0.088 * spacing * headScale;
        eyeW = 0.078 * eyeScale * headScale * (man ? 1.0 : 1.08);
        noseY = hy + ry * 0.36 * lower;
        mouthY = hy + ry * 0.62 * lower;
        mouthW = 0.12 * mouthScale * headScale;
        skin = skinColor(Math.max(0, Math.min(1, attributes.skinTone() + skinJitter)));
        hairColor = HAIR[attributes.hairColor().ordinal()];
        lips = man ? Colors.lerp(skin, Colors.rgb(150, 60, 60), 0.45) : lipstick;
    }

    private static Color skinColor(double tone) {
        double t = tone * (SKIN.length - 1);
        int i = Math.min(SKIN.length - 2, (int) t);
        return Colors.lerp(SKIN[i], SKIN[i + 1], t - i);
    }

    /** Screen x of a point at horizontal offset dx from the face's midline (cylinder model). */
    private double px(double dx) {
        double theta = Math.asin(Math.max(-1, Math.min(1, dx / rx)));
        return hx + rx * Math.sin(theta + turn);
    }

    /** How much a feature at dx is narrowed by the turn (1 = facing the camera). */
    private double foreshortening(double dx) {
        double theta = Math.asin(Math.max(-1, Math.min(1, dx / rx)));
        return Math.max(0.15, Math.cos(theta + turn) / Math.cos(theta));
    }

    BufferedImage paint() {
        g.setPaint(new GradientPaint(0f, 0f, Colors.shade(a.background(), 1.06), 0f, 1f,
                Colors.shade(a.background(), 0.9)));
        g.fill(new Rectangle2D.Double(0, 0, 1, 1));
        paintShoulders();
        if (a.hair() == FaceAttributes.HairStyle.LONG) {
            paintLongHairBack();
        }
        Shape head = headShape();
        paintEars(head, false);
        g.setColor(skin);
        g.fill(head);
        paintEars(head, true);
        paintCheekShade(head);
        if (a.beard()) {
            paintBeard(head);
        }
        paintEyes();
        paintBrows();
        paintNose();
        paintMouth();
        if (a.hair() != FaceAttributes.HairStyle.NONE) {
            paintHairTop(head);
        }
        if (a.glasses()) {
            paintGlasses();
        }
        g.dispose();
        return image;
    }

    private void paintShoulders() {
        double neckX = hx + 0.02 * a.yaw();
        double neckW = man ? 0.085 : 0.07;
        g.setColor(Colors.shade(skin, 0.82));
        g.fill(new Rectangle2D.Double(neckX - neckW, hy + ry * 0.5, 2 * neckW, 0.4));
        g.setColor(shirt);
        double shoulderW = man ? 0.46 : 0.4;
        g.fill(new RoundRectangle2D.Double(hx - shoulderW, 0.83, 2 * shoulderW, 0.5, 0.3, 0.3));
        // A V-neck shows the neck continuing into the chest.
        Path2D.Double v = new Path2D.Double();
        v.moveTo(neckX - neckW, 0.83);
        v.lineTo(neckX + neckW, 0.83);
        v.lineTo(neckX, 0.93);
        v.closePath();
        g.setColor(Colors.shade(skin, 0.82));
        g.fill(v);
    }

    private Shape headShape() {
        // A superellipse: squarer jaw for the man presentation, rounder for the woman, and the chin
        // follows the turn.
        double lowerExponent = man ? 2.8 : 2.1;
        double squeeze = 1 - 0.08 * Math.abs(a.yaw());
        double chinShift = rx * Math.sin(turn) * 0.5;
        Path2D.Double p = new Path2D.Double();
        int n = 48;
        for (int i = 0; i < n; i++) {
            double s = 2 * Math.PI * i / n;
            double c = Math.cos(s);
            double sn = Math.sin(s);
            double e = sn > 0 ? lowerExponent : 2.0;
            double x = Math.signum(c) * Math.pow(Math.abs(c), 2 / e) * rx * squeeze;
            double y = Math.signum(sn) * Math.pow(Math.abs(sn), 2 / e) * ry;
            if (sn > 0) {
                x = x * (1 - (man ? 0.12 : 0.22) * sn * sn) + chinShift * sn * sn;
            }
            if (i == 0) {
                p.moveTo(hx + x, hy + y);
            } else {
                p.lineTo(hx + x, hy + y);
            }
        }
        p.closePath();
        return p;
    }

    /** An ear on the visible side of the turned head is drawn over the head, the other behind it. */
    private void paintEars(Shape head, boolean front) {
        for (int side = -1; side <= 1; side += 2) {
            double angle = side * Math.PI / 2 + turn;
            boolean visibleSide = Math.cos(angle) > 0.2;
            if (visibleSide != front) {
                continue;
            }
            double ex = hx + rx * (1 - 0.08 * Math.abs(a.yaw())) * Math.sin(angle);
            double w = 0.06 * (front ? 0.6 + 0.4 * Math.cos(angle) : 1);
            double h = 0.1;
            g.setColor(Colors.shade(skin, 0.93));
            g.fill(new Ellipse2D.Double(ex - w / 2, eyeY - 0.02, w, h));
            g.setColor(Colors.shade(skin, 0.75));
            g.fill(new Ellipse2D.Double(ex - w / 4, eyeY + 0.005, w / 2, h * 0.5));
        }
    }

    /** Shade on the side of the face turning away, so the turn reads even without features. */
    private void paintCheekShade(Shape head) {
        if (Math.abs(a.yaw()) < 0.05) {
            return;
        }
        Area shade = new Area(head);
        double edge = hx + Math.signum(a.yaw()) * rx;
        double mid = px(0) + Math.signum(a.yaw()) * rx * 0.5;
        g.setPaint(new GradientPaint((float) mid, 0f, Colors.withAlpha(Colors.shade(skin, 0.7), 0),
                (float) edge, 0f, Colors.withAlpha(Colors.shade(skin, 0.7), 0.35 * Math.abs(a.yaw()))));
        g.fill(shade);
    }

    private void paintBeard(Shape head) {
        Area beard = new Area(head);
        Area lowerFace = new Area(new Rectangle2D.Double(0, noseY + 0.015, 1, 1));
        beard.intersect(lowerFace);
        // The beard hangs a little below the jaw.
        double chin = hx + rx * Math.sin(turn) * 0.4;
        beard.add(new Area(new Ellipse2D.Double(chin - rx * 0.5, hy + ry * 0.72, rx * 1.0, ry * 0.4)));
        Area lipsHole = new Area(new Ellipse2D.Double(px(0) - mouthW * 0.55, mouthY - 0.018, mouthW * 1.1, 0.05));
        beard.subtract(lipsHole);
        g.setColor(Colors.shade(hairColor, 0.9));
        g.fill(beard);
        // Moustache.
        g.fill(new Ellipse2D.Double(px(0) - mouthW * 0.6, noseY + 0.01, mouthW * 1.2, 0.04));
    }

    private void paintEyes() {
        for (int side = -1; side <= 1; side += 2) {
            double dx = side * eyeDx;
            double x = px(dx);
            double w = eyeW * foreshortening(dx);
            double h = eyeW * 0.55;
            g.setColor(Colors.rgb(250, 250, 248));
            g.fill(new Ellipse2D.Double(x - w / 2, eyeY - h / 2, w, h));
            double r = h * 0.5;
            double ix = x + 0.25 * w * a.yaw();
            g.setColor(iris);
            g.fill(new Ellipse2D.Double(ix - r, eyeY - r, 2 * r, 2 * r));
            g.setColor(Colors.rgb(10, 10, 10));
            g.fill(new Ellipse2D.Double(ix - r * 0.45, eyeY - r * 0.45, r * 0.9, r * 0.9));
            // Upper lid: a dark line, heavier with lashes for the woman presentation.
            g.setColor(Colors.rgb(30, 20, 20));
            g.setStroke(new BasicStroke((float) (man ? 0.008 : 0.014)));
            g.draw(new Arc2D.Double(x - w / 2, eyeY - h / 2, w, h, 10, 160,
                    Arc2D.OPEN));
            if (!man) {
                double outer = x + side * w / 2;
                g.draw(new Line2D.Double(outer, eyeY - h * 0.2, outer + side * 0.018, eyeY - h * 0.65));
            }
        }
    }

    private void paintBrows() {
        Color brow = a.hair() == FaceAttributes.HairStyle.NONE || a.hairColor() == FaceAttributes.HairColor.BLOND
                ? Colors.shade(hairColor, 0.7) : hairColor;
        g.setColor(brow);
        g.setStroke(new BasicStroke((float) (man ? 0.022 : 0.013), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int side = -1; side <= 1; side += 2) {
            double inner = px(side * eyeDx * 0.45);
            double outer = px(side * eyeDx * 1.5);
            double y = eyeY - eyeW * (man ? 0.62 : 0.75);
            Path2D.Double p = new Path2D.Double();
            p.moveTo(inner, y + 0.004);
            p.quadTo((inner + outer) / 2, y - (man ? 0.008 : 0.018), outer, y + 0.008);
            g.draw(p);
        }
    }

    private void paintNose() {
        double bridge = px(0);
        double tip = px(0) + 0.025 * Math.sin(turn);
        Path2D.Double p = new Path2D.Double();
        p.moveTo(bridge, eyeY + 0.02);
        p.lineTo(tip + 0.022, noseY);
        p.lineTo(tip - 0.022, noseY);
        p.closePath();
        g.setColor(Colors.withAlpha(Colors.shade(skin, 0.72), 0.55));
        g.fill(p);
        g.setColor(Colors.shade(skin, 0.55));
        g.fill(new Ellipse2D.Double(tip - 0.022, noseY - 0.008, 0.016, 0.01));
        g.fill(new Ellipse2D.Double(tip + 0.006, noseY - 0.008, 0.016, 0.01));
    }

    private void paintMouth() {
        double left = px(-mouthW / 2);
        double right = px(mouthW / 2);
        double mid = px(0);
        if (a.smile()) {
            double lift = 0.018;
            Path2D.Double p = new Path2D.Double();
            p.moveTo(left, mouthY - lift);
            p.quadTo(mid, mouthY + 0.012, right, mouthY - lift);
            p.quadTo(mid, mouthY + 0.1, left, mouthY - lift);
            p.closePath();
            g.setColor(Colors.rgb(96, 24, 30));
            g.fill(p);
            Area teeth = new Area(p);
            teeth.intersect(new Area(new Rectangle2D.Double(0, 0, 1, mouthY + 0.018)));
            g.setColor(Colors.rgb(250, 250, 244));
            g.fill(teeth);
            g.setColor(lips);
            g.setStroke(new BasicStroke((float) (man ? 0.008 : 0.012)));
            g.draw(p);
        } else {
            if (!man) {
                g.setColor(lips);
                g.fill(new Ellipse2D.Double(left, mouthY - 0.014, right - left, 0.03));
            }
            g.setColor(man ? Colors.shade(lips, 0.7) : Colors.shade(lips, 0.6));
            g.setStroke(new BasicStroke((float) 0.012, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(left, mouthY, right, mouthY));
        }
    }

    private void paintLongHairBack() {
        double shift = -0.03 * a.yaw();
        g.setColor(Colors.shade(hairColor, 0.85));
        g.fill(new RoundRectangle2D.Double(hx + shift - rx * 1.22, hy - ry * 1.05, rx * 2.44, ry * 2.45,
                rx * 1.4, rx * 1.4));
    }

    private void paintHairTop(Shape head) {
        double shift = -0.035 * a.yaw();
        boolean longHair = a.hair() == FaceAttributes.HairStyle.LONG;
        Area hair = new Area(new Ellipse2D.Double(hx + shift - rx * 1.14, hy - ry * 1.12, rx * 2.28, ry * 1.9));
        // The forehead is cut out of the cap; its curve is the hairline, which follows the turned face
        // only halfway so the far side of the head stays covered.
        double foreheadTop = hy - ry * (longHair ? 0.5 : 0.62);
        double foreheadX = (hx + px(0)) / 2;
        hair.subtract(new Area(new Ellipse2D.Double(foreheadX - rx * 0.85, foreheadTop, rx * 1.7, ry * 1.6)));
        hair.intersect(new Area(new Rectangle2D.Double(0, 0, 1, eyeY - (longHair ? -0.06 : 0.03))));
        g.setColor(hairColor);
        g.fill(hair);
    }

    private void paintGlasses() {
        double lensH = eyeW * 0.95;
        g.setStroke(new BasicStroke(0.026f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double[] inner = new double[2];
        double[] outer = new double[2];
        for (int side = -1; side <= 1; side += 2) {
            double dx = side * eyeDx;
            double x = px(dx);
            double w = eyeW * 1.5 * foreshortening(dx);
            RoundRectangle2D lens = new RoundRectangle2D.Double(x - w / 2, eyeY - lensH / 2, w, lensH,
                    lensH * 0.6, lensH * 0.6);
            g.setColor(Colors.withAlpha(Colors.rgb(200, 230, 255), 0.25));
            g.fill(lens);
            g.setColor(frame);
            g.draw(lens);
            int i = (side + 1) / 2;
            inner[i] = x - side * w / 2;
            outer[i] = x + side * w / 2;
        }
        g.draw(new Line2D.Double(inner[0], eyeY - lensH * 0.1, inner[1], eyeY - lensH * 0.1));
        // Temples run back to the ears; only the one on the visible side shows.
        for (int side = -1; side <= 1; side += 2) {
            double angle = side * Math.PI / 2 + turn;
            if (Math.cos(angle) > -0.1) {
                double ear = hx + rx * Math.sin(angle);
                g.draw(new Line2D.Double(outer[(side + 1) / 2], eyeY - lensH * 0.2, ear, eyeY - lensH * 0.05));
            }
        }
    }
}
