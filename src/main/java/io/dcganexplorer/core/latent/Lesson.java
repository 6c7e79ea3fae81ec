package io.dcganexplorer.core.latent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A prepared vector-arithmetic exercise (Radford et al. 2015, section 6.3, figure 7): a signed list of
 * concepts, each given by three (or more) exemplars, so a teacher can hand out "man with glasses - man +
 * woman" ready to show.
 *
 * <p>Exemplars are either indices into the generated grid of {@code gridSeed} (sample i of
 * {@link LatentSampler#SAMPLING_STREAM}, the same image in the CLI and the app) or explicit z vectors,
 * which keep working when the grid changes. A concept may also say which attributes its exemplars should
 * show; with an attribute classifier at hand the app picks fresh exemplars by them.
 *
 * @param name short title shown in menus
 * @param description one or two sentences for the class
 * @param modelHint the model the exemplar indices were chosen for (e.g. "models/faces32")
 * @param gridSeed seed of the grid the indices refer to
 * @param concepts the terms of the sum, in order
 */
public record Lesson(String name, String description, String modelHint, long gridSeed, List<Concept> concepts) {

    /** Samples in a lesson's grid: indices 0 .. GRID_SIZE - 1 (an 8x8 grid in the app). */
    public static final int GRID_SIZE = 64;

    /**
     * One signed term.
     *
     * @param name what the exemplars share ("smiling woman")
     * @param sign +1 or -1
     * @param exemplars grid indices (ignored when {@code vectors} is not empty)
     * @param vectors explicit z vectors
     * @param attributes wanted attribute values ("glasses" to true, "man" to false); may be empty
     */
    public record Concept(String name, int sign, List<Integer> exemplars, List<float[]> vectors,
                          Map<String, Boolean> attributes) {

        public Concept {
            Objects.requireNonNull(name, "name");
            if (sign != 1 && sign != -1) {
                throw new IllegalArgumentException("concept '" + name + "': sign = " + sign + ", must be +1 or -1");
            }
            exemplars = exemplars == null ? List.of() : List.copyOf(exemplars);
            vectors = vectors == null ? List.of() : copyVectors(vectors);
            // Sorted, so a lesson file is written the same way every time.
            attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
            for (int i : exemplars) {
                if (i < 0) {
                    throw new IllegalArgumentException("concept '" + name + "': exemplar index " + i + " is negative");
                }
            }
        }

        /** A concept given by grid indices. */
        public static Concept ofIndices(String name, int sign, List<Integer> indices, Map<String, Boolean> attributes) {
            return new Concept(name, sign, indices, List.of(), attributes);
        }

        /** True when the concept names its exemplars (by index or by vector). */
        public boolean hasExemplars() {
            return !vectors.isEmpty() || !exemplars.isEmpty();
        }

        /** The exemplars' z vectors: the explicit ones, or the grid's samples at the indices. */
        public List<float[]> resolve(LatentSampler sampler, long gridSeed) {
            if (!vectors.isEmpty()) {
                for (float[] v : vectors) {
                    if (v.length != sampler.nz()) {
                        throw new IllegalArgumentException("concept '" + name + "' has a z of length " + v.length
                                + ", the model's nz is " + sampler.nz());
                    }
                }
                return copyVectors(vectors);
            }
            List<float[]> out = new ArrayList<>(exemplars.size());
            for (int i : exemplars) {
                out.add(sampler.vector(gridSeed, LatentSampler.SAMPLING_STREAM, i));
            }
            return out;
        }

        private static List<float[]> copyVectors(List<float[]> vectors) {
            return vectors.stream().map(float[]::clone).toList();
        }
    }

    public Lesson {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        modelHint = modelHint == null ? "" : modelHint;
        concepts = concepts == null ? List.of() : List.copyOf(concepts);
        if (concepts.isEmpty()) {
            throw new IllegalArgumentException("lesson '" + name + "' has no concepts");
        }
    }

    /** The arithmetic's terms: each concept's exemplar z's with its sign. */
    public List<ConceptArithmetic.Term> terms(LatentSampler sampler) {
        List<ConceptArithmetic.Term> terms = new ArrayList<>();
        for (Concept c : concepts) {
            if (!c.hasExemplars()) {
                throw new IllegalArgumentException("concept '" + c.name() + "' has no exemplars");
            }
            terms.add(new ConceptArithmetic.Term(c.sign(), c.resolve(sampler, gridSeed)));
        }
        return terms;
    }
}
