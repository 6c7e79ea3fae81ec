package io.dcganexplorer.core.experiments;

import io.dcganexplorer.core.eval.FacePrediction;
import io.dcganexplorer.core.latent.Lesson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute names as lessons write them ("glasses", "smile", "beard", "man") and what a lesson's
 * concepts imply for its result: with each attribute read as 0 or 1, the signed sum over the concepts
 * (1 - 1 + 0 for "man" in man with glasses - man + woman) is the value the result should show.
 */
public final class FaceCriteria {

    /** The binary attributes a lesson may name. */
    public static final List<String> ATTRIBUTES = List.of("glasses", "smile", "beard", "man");

    private FaceCriteria() {
    }

    /** The probability the prediction gives one named attribute. */
    public static double probability(FacePrediction p, String attribute) {
        return switch (attribute) {
            case "glasses" -> p.glasses();
            case "smile" -> p.smile();
            case "beard" -> p.beard();
            case "man" -> p.man();
            default -> throw new IllegalArgumentException("unknown attribute '" + attribute + "': one of " + ATTRIBUTES);
        };
    }

    /**
     * Whether a face shows every wanted attribute with at least {@code confidence} (a probability of at
     * least confidence for "yes", at most 1 - confidence for "no"). Confidence 0.5 is the plain decision.
     */
    public static boolean matches(FacePrediction p, Map<String, Boolean> wanted, double confidence) {
        for (Map.Entry<String, Boolean> e : wanted.entrySet()) {
            double prob = probability(p, e.getKey());
            boolean ok = e.getValue() ? prob >= confidence : prob <= 1 - confidence;
            if (!ok || (confidence == 0.5 && prob == 0.5)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The attributes the lesson's result should show: those every concept names, whose signed sum is 0 or
     * 1. An attribute whose sum falls outside (1 + 1, or 0 - 1) has no meaning as a face and is left out.
     */
    public static Map<String, Boolean> expectedResult(Lesson lesson) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String attribute : ATTRIBUTES) {
            int sum = 0;
            boolean named = true;
            for (Lesson.Concept c : lesson.concepts()) {
                Boolean v = c.attributes().get(attribute);
                if (v == null) {
                    named = false;
                    break;
                }
                sum += c.sign() * (v ? 1 : 0);
            }
            if (named && (sum == 0 || sum == 1)) {
                out.put(attribute, sum == 1);
            }
        }
        return out;
    }

    /**
     * The attributes the arithmetic is meant to change: expected values that differ from the last
     * concept's (the face being edited, "woman" in man with glasses - man + woman).
     */
    public static Map<String, Boolean> target(Lesson lesson) {
        Map<String, Boolean> base = lesson.concepts().get(lesson.concepts().size() - 1).attributes();
        Map<String, Boolean> out = new LinkedHashMap<>();
        expectedResult(lesson).forEach((k, v) -> {
            if (!v.equals(base.get(k))) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** "glasses, not man, no beard" for tables. */
    public static String describe(Map<String, Boolean> wanted) {
        List<String> parts = new ArrayList<>();
        wanted.forEach((k, v) -> parts.add(v ? k : (k.equals("man") ? "woman" : "no " + k)));
        return String.join(", ", parts);
    }

    /**
     * The first {@code count} candidates (in index order) that confidently show the wanted attributes,
     * skipping indices already used; fewer when the pool has fewer.
     */
    public static List<Integer> firstMatching(List<FacePrediction> predictions, Map<String, Boolean> wanted,
                                              double confidence, int count, java.util.Set<Integer> used) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < predictions.size() && out.size() < count; i++) {
            if (!used.contains(i) && matches(predictions.get(i), wanted, confidence)) {
                out.add(i);
            }
        }
        return out;
    }
}
