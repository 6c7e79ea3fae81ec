package io.dcganexplorer.core.latent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The paper's "turn" vector (Radford et al. 2015, section 6.3, figure 8): the mean z of faces looking one
 * way minus the mean z of faces looking the other way. Added in steps to any z, it turns the face while
 * keeping who it is, which shows that pose is (nearly) a straight line in Z.
 *
 * <p>The sign is chosen so that yaw grows along the vector: {@code direction = mean(z | looking right) -
 * mean(z | looking left)} in the convention of the procedural faces (yaw -1 looks to the image's left,
 * +1 to its right), so walking t from -1 to 1 turns a face from left to right and the rank correlation
 * between t and measured yaw should be +1.
 *
 * @param direction the vector in Z
 * @param left how many samples were averaged for "looking left"
 * @param right how many for "looking right"
 * @param meanYawLeft the judged yaw of the left group, averaged
 * @param meanYawRight the judged yaw of the right group, averaged
 */
public record TurnVector(float[] direction, int left, int right, double meanYawLeft, double meanYawRight) {

    /**
     * The turn vector from judged samples: the {@code perSide} samples with the lowest yaw against the
     * {@code perSide} with the highest (extremes rather than a threshold, so a model that turns heads only a
     * little still gives a direction).
     *
     * @param zs sampled z vectors
     * @param yaws the yaw an attribute classifier reads off G(z), one per z, in [-1, 1]
     */
    public static TurnVector fromSamples(List<float[]> zs, double[] yaws, int perSide) {
        if (zs.size() != yaws.length) {
            throw new IllegalArgumentException(zs.size() + " samples but " + yaws.length + " yaw values");
        }
        if (perSide < 1 || 2 * perSide > zs.size()) {
            throw new IllegalArgumentException("perSide = " + perSide + ": must be between 1 and half of the "
                    + zs.size() + " samples");
        }
        List<Integer> order = IntStream.range(0, zs.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> yaws[i]).thenComparing(i -> i)).toList();
        List<float[]> left = new ArrayList<>();
        List<float[]> right = new ArrayList<>();
        double yawLeft = 0;
        double yawRight = 0;
        for (int k = 0; k < perSide; k++) {
            int l = order.get(k);
            int r = order.get(order.size() - 1 - k);
            left.add(zs.get(l));
            right.add(zs.get(r));
            yawLeft += yaws[l];
            yawRight += yaws[r];
        }
        float[] direction = ConceptArithmetic.combine(List.of(ConceptArithmetic.Term.plus(right),
                ConceptArithmetic.Term.minus(left)));
        return new TurnVector(direction, perSide, perSide, yawLeft / perSide, yawRight / perSide);
    }

    /** The values of t for a strip of {@code steps} images: evenly from -1 to 1. */
    public static double[] steps(int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("steps = " + steps + ": a strip needs at least 2 images");
        }
        double[] t = new double[steps];
        for (int i = 0; i < steps; i++) {
            t[i] = -1 + 2.0 * i / (steps - 1);
        }
        return t;
    }

    /**
     * A strip for one face: z + t * strength * direction for each t. Strength 0.5 walks half the distance
     * between the two groups' means either way, which keeps z near the prior's support.
     */
    public List<float[]> strip(float[] z, double[] ts, double strength) {
        List<float[]> out = new ArrayList<>(ts.length);
        for (double t : ts) {
            out.add(LatentDirections.move(z, direction, t * strength));
        }
        return out;
    }
}
