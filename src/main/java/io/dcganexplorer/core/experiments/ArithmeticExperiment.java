package io.dcganexplorer.core.experiments;

import io.dcganexplorer.core.eval.FacePrediction;
import io.dcganexplorer.core.latent.ConceptArithmetic;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.core.latent.Lesson;
import io.dcganexplorer.core.latent.TurnVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Puts numbers on the paper's face demonstrations (Radford, Metz and Chintala 2015, section 6.3): figure 7's
 * vector arithmetic on three-exemplar concept means, done in Z space and, for contrast, on the images
 * themselves; and figure 8's "turn" vector.
 *
 * <p>Arithmetic: a pool of generated faces is judged by an attribute classifier; each concept of a lesson
 * gets as candidates the pool faces that confidently show its attributes. Each trial draws three random
 * exemplars per concept, forms Y = sum of sign * mean(z) and judges G(Y); the pixel-space trial sums the
 * exemplars' images instead (clamped to [-1, 1]). A trial succeeds when the result shows every attribute
 * the concepts imply (e.g. glasses, woman, no beard), and separately when it shows the target attribute
 * (glasses). As a control, the same is measured on G(mean of the last concept): the face before editing.
 *
 * <p>Turn: the turn vector comes from the pool's most left- and right-looking faces; fresh faces are
 * walked along it, and the Spearman rank correlation between the step and the judged yaw says how
 * steadily they turn (1: always further right), with the fraction of strictly increasing sequences.
 */
public final class ArithmeticExperiment {

    /** Largest batch the generator and the classifier get at once. */
    static final int BATCH = 64;
    /** Where the turn test's fresh faces start in the sampling stream: after any pool size used here. */
    static final long TURN_FIRST_INDEX = 1_000_000;

    /**
     * What to run.
     *
     * @param pool generated faces judged to find exemplars (indices 0 .. pool - 1 of the sampling stream)
     * @param trials random exemplar choices per lesson
     * @param exemplars exemplars per concept (the paper's three)
     * @param confidence how sure the classifier must be that an exemplar shows its concept's attributes
     * @param turnSamples fresh faces walked along the turn vector
     * @param turnSteps images per walk, t evenly from -1 to 1
     * @param turnPerSide faces averaged on each side for the turn vector
     * @param turnStrength how far a walk goes: z + t * strength * turn
     * @param seed the pool's z seed and the trials' random choices
     */
    public record Settings(int pool, int trials, int exemplars, double confidence, int turnSamples, int turnSteps,
                           int turnPerSide, double turnStrength, long seed) {

        public Settings {
            require(pool >= 2, "pool", pool, "at least 2");
            require(trials >= 1, "trials", trials, "at least 1");
            require(exemplars >= 1, "exemplars", exemplars, "at least 1");
            require(confidence >= 0.5 && confidence < 1, "confidence", confidence, "in [0.5, 1)");
            require(turnSamples >= 1, "turnSamples", turnSamples, "at least 1");
            require(turnSteps >= 2, "turnSteps", turnSteps, "at least 2");
            require(turnPerSide >= 1 && 2 * turnPerSide <= pool, "turnPerSide", turnPerSide, "between 1 and pool / 2");
            require(turnStrength > 0, "turnStrength", turnStrength, "positive");
        }

        /** The figures in docs/ARITHMETIC.md: 200 trials, a pool of 2000, 100 walks of 9 steps. */
        public static Settings defaults(long seed) {
            return new Settings(2000, 200, 3, 0.8, 100, 9, 100, 1.0, seed);
        }

        private static void require(boolean ok, String name, Object value, String rule) {
            if (!ok) {
                throw new IllegalArgumentException(name + " = " + value + ": must be " + rule);
            }
        }
    }

    /**
     * A success count with its binomial standard error.
     *
     * @param successes trials that succeeded
     * @param trials trials run
     */
    public record Rate(int successes, int trials) {

        public double value() {
            return trials == 0 ? Double.NaN : successes / (double) trials;
        }

        /** sqrt(p (1 - p) / n). */
        public double standardError() {
            double p = value();
            return trials == 0 ? Double.NaN : Math.sqrt(p * (1 - p) / trials);
        }

        /** "62.5 ± 3.4 %". */
        public String format() {
            return trials == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f ± %.1f %%", 100 * value(), 100 * standardError());
        }
    }

    /**
     * One lesson's figures.
     *
     * @param lesson the lesson's name
     * @param expected every attribute the result should show
     * @param target the attributes the arithmetic is meant to change
     * @param candidates pool faces that qualified as exemplars, per concept
     * @param zAll Z space: results with every expected attribute
     * @param zTarget Z space: results with the target attributes
     * @param pixelAll pixel space: every expected attribute
     * @param pixelTarget pixel space: the target attributes
     * @param baseTarget control: G(mean of the last concept) with the target attributes
     * @param zRealism mean D(x) of the Z-space results (NaN without a discriminator)
     * @param pixelRealism mean D(x) of the pixel-space results
     */
    public record LessonResult(String lesson, Map<String, Boolean> expected, Map<String, Boolean> target,
                               List<Integer> candidates, Rate zAll, Rate zTarget, Rate pixelAll, Rate pixelTarget,
                               Rate baseTarget, double zRealism, double pixelRealism) {
    }

    /**
     * The turn vector's figures.
     *
     * @param turn the vector and its two groups
     * @param samples faces walked
     * @param steps images per walk
     * @param meanSpearman rank correlation between step and judged yaw, averaged over walks
     * @param monotonic fraction of walks whose judged yaw rises strictly at every step
     * @param meanYawStart judged yaw at t = -1, averaged
     * @param meanYawEnd judged yaw at t = 1, averaged
     */
    public record TurnResult(TurnVector turn, int samples, int steps, double meanSpearman, double monotonic,
                             double meanYawStart, double meanYawEnd) {
    }

    /**
     * Everything measured.
     *
     * @param settings what was run
     * @param lessons one result per lesson
     * @param turn the turn vector's figures
     * @param poolRealism mean D(x) of the pool's generated faces, for reading the realism columns
     */
    public record Report(Settings settings, List<LessonResult> lessons, TurnResult turn, double poolRealism) {

        /** The two tables of docs/ARITHMETIC.md. */
        public String markdown() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "Vector arithmetic, %d trials per lesson, %d exemplars per concept "
                    + "drawn from a pool of %d generated faces (classifier confidence >= %.2f):%n%n",
                    settings.trials(), settings.exemplars(), settings.pool(), settings.confidence()));
            sb.append("| lesson | intended result | candidates per concept | Z space: target | Z space: all attributes "
                    + "| pixel space: target | pixel space: all attributes | before editing: target "
                    + "| mean D(x): Z space | mean D(x): pixel space |\n");
            sb.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (LessonResult r : lessons) {
                sb.append("| ").append(r.lesson()).append(" | ").append(FaceCriteria.describe(r.expected()))
                        .append(" (target: ").append(FaceCriteria.describe(r.target())).append(") | ")
                        .append(r.candidates().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(""))
                        .append(" | ").append(r.zTarget().format()).append(" | ").append(r.zAll().format())
                        .append(" | ").append(r.pixelTarget().format()).append(" | ").append(r.pixelAll().format())
                        .append(" | ").append(r.baseTarget().format())
                        .append(String.format(Locale.ROOT, " | %.3f | %.3f |%n", r.zRealism(), r.pixelRealism()));
            }
            sb.append(String.format(Locale.ROOT, "%nD(x) is the GAN's own discriminator: the probability it gives "
                    + "that an image is a real training face (mean over the pool's generated faces: %.3f).%n",
                    poolRealism));
            TurnResult t = turn;
            sb.append(String.format(Locale.ROOT, "%nTurn vector: mean z of the %d most right-looking minus the %d most "
                    + "left-looking faces of the pool (judged yaw %.2f vs %.2f); %d fresh faces walked along "
                    + "z + t * %.2f * turn, t in [-1, 1], %d steps:%n%n", t.turn().right(), t.turn().left(),
                    t.turn().meanYawRight(), t.turn().meanYawLeft(), t.samples(), settings.turnStrength(), t.steps()));
            sb.append("| mean Spearman(t, yaw) | strictly monotonic walks | mean yaw at t = -1 | mean yaw at t = 1 |\n");
            sb.append("| ---: | ---: | ---: | ---: |\n");
            sb.append(String.format(Locale.ROOT, "| %.3f | %.1f %% | %.2f | %.2f |%n", t.meanSpearman(),
                    100 * t.monotonic(), t.meanYawStart(), t.meanYawEnd()));
            return sb.toString();
        }
    }

    private ArithmeticExperiment() {
    }

    /**
     * Runs the lessons and the turn test on a generator. Only the lessons' attributes are used; their
     * exemplar indices are replaced by random draws from the classifier's candidates.
     *
     * @param generator used in inference mode on the calling thread
     * @throws IllegalStateException when a concept has fewer candidates in the pool than exemplars
     */
    public static Report run(MultiLayerNetwork generator, LatentSampler sampler, FaceJudge judge, List<Lesson> lessons,
                             Settings settings) {
        return run(generator, null, sampler, judge, lessons, settings);
    }

    /**
     * As {@link #run(MultiLayerNetwork, LatentSampler, FaceJudge, List, Settings)}, and with the GAN's
     * discriminator (or null) also the mean D(x) of each space's results: the classifier only asks whether an
     * attribute is there, D whether the picture looks like a face at all, which is where pixel sums fail.
     */
    public static Report run(MultiLayerNetwork generator, MultiLayerNetwork discriminator, LatentSampler sampler,
                             FaceJudge judge, List<Lesson> lessons, Settings settings) {
        List<float[]> poolZ = new ArrayList<>(settings.pool());
        for (int i = 0; i < settings.pool(); i++) {
            poolZ.add(sampler.vector(settings.seed(), LatentSampler.SAMPLING_STREAM, i));
        }
        INDArray poolImages = generate(generator, poolZ);
        List<FacePrediction> poolJudged = judge(judge, poolImages);
        SplittableRandom random = new SplittableRandom(settings.seed());
        List<LessonResult> results = new ArrayList<>();
        for (Lesson lesson : lessons) {
            results.add(runLesson(generator, discriminator, judge, lesson, settings, poolZ, poolImages, poolJudged,
                    random.split()));
        }
        return new Report(settings, results, runTurn(generator, sampler, judge, settings, poolZ, poolJudged),
                realism(discriminator, poolImages));
    }

    private static LessonResult runLesson(MultiLayerNetwork generator, MultiLayerNetwork discriminator,
                                          FaceJudge judge, Lesson lesson,
                                          Settings settings, List<float[]> poolZ, INDArray poolImages,
                                          List<FacePrediction> poolJudged, SplittableRandom random) {
        Map<String, Boolean> expected = FaceCriteria.expectedResult(lesson);
        Map<String, Boolean> target = FaceCriteria.target(lesson);
        if (target.isEmpty()) {
            throw new IllegalArgumentException("lesson '" + lesson.name() + "': its concepts' attributes imply no "
                    + "change to the last concept, so there is nothing to measure");
        }
        List<List<Integer>> candidates = new ArrayList<>();
        for (Lesson.Concept c : lesson.concepts()) {
            List<Integer> found = FaceCriteria.firstMatching(poolJudged, c.attributes(), settings.confidence(),
                    Integer.MAX_VALUE, java.util.Set.of());
            if (found.size() < settings.exemplars()) {
                throw new IllegalStateException("lesson '" + lesson.name() + "': only " + found.size() + " of "
                        + settings.pool() + " generated faces look like '" + c.name() + "' ("
                        + FaceCriteria.describe(c.attributes()) + "); use a larger pool or a lower confidence");
            }
            candidates.add(found);
        }
        int n = settings.trials();
        List<float[]> zResults = new ArrayList<>(n);
        List<float[]> bases = new ArrayList<>(n);
        int pixels = (int) (poolImages.length() / poolImages.size(0));
        float[] poolData = poolImages.dup('c').data().asFloat();
        float[] pixelResults = new float[n * pixels];
        for (int trial = 0; trial < n; trial++) {
            List<ConceptArithmetic.Term> zTerms = new ArrayList<>();
            List<ConceptArithmetic.Term> pixelTerms = new ArrayList<>();
            for (int k = 0; k < candidates.size(); k++) {
                List<Integer> chosen = drawDistinct(candidates.get(k), settings.exemplars(), random);
                int sign = lesson.concepts().get(k).sign();
                zTerms.add(new ConceptArithmetic.Term(sign, chosen.stream().map(poolZ::get).toList()));
                pixelTerms.add(new ConceptArithmetic.Term(sign, chosen.stream()
                        .map(i -> java.util.Arrays.copyOfRange(poolData, i * pixels, (i + 1) * pixels)).toList()));
            }
            zResults.add(ConceptArithmetic.combine(zTerms));
            bases.add(ConceptArithmetic.mean(zTerms.get(zTerms.size() - 1).exemplars()));
            System.arraycopy(ConceptArithmetic.combineInPixelSpace(pixelTerms), 0, pixelResults, trial * pixels, pixels);
        }
        long[] shape = poolImages.shape().clone();
        shape[0] = n;
        INDArray zImages = generate(generator, zResults);
        INDArray pixelImages = Nd4j.create(pixelResults, shape, 'c');
        List<FacePrediction> zJudged = judge(judge, zImages);
        List<FacePrediction> pixelJudged = judge(judge, pixelImages);
        List<FacePrediction> baseJudged = judge(judge, generate(generator, bases));
        return new LessonResult(lesson.name(), expected, target, candidates.stream().map(List::size).toList(),
                rate(zJudged, expected), rate(zJudged, target), rate(pixelJudged, expected), rate(pixelJudged, target),
                rate(baseJudged, target), realism(discriminator, zImages), realism(discriminator, pixelImages));
    }

    /** Mean D(x) over the images, in batches; NaN without a discriminator. */
    private static double realism(MultiLayerNetwork discriminator, INDArray images) {
        if (discriminator == null) {
            return Double.NaN;
        }
        double sum = 0;
        for (long start = 0; start < images.size(0); start += BATCH) {
            long end = Math.min(images.size(0), start + BATCH);
            sum += discriminator.output(images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end)).dup(),
                    false).sumNumber().doubleValue();
        }
        return sum / images.size(0);
    }

    private static TurnResult runTurn(MultiLayerNetwork generator, LatentSampler sampler, FaceJudge judge,
                                      Settings settings, List<float[]> poolZ, List<FacePrediction> poolJudged) {
        double[] yaws = poolJudged.stream().mapToDouble(FacePrediction::yaw).toArray();
        TurnVector turn = TurnVector.fromSamples(poolZ, yaws, settings.turnPerSide());
        double[] ts = TurnVector.steps(settings.turnSteps());
        List<float[]> walks = new ArrayList<>();
        for (int s = 0; s < settings.turnSamples(); s++) {
            float[] z = sampler.vector(settings.seed(), LatentSampler.SAMPLING_STREAM, TURN_FIRST_INDEX + s);
            walks.addAll(turn.strip(z, ts, settings.turnStrength()));
        }
        List<FacePrediction> judged = judge(judge, generate(generator, walks));
        double spearman = 0;
        int monotonic = 0;
        double start = 0;
        double end = 0;
        for (int s = 0; s < settings.turnSamples(); s++) {
            double[] yaw = new double[ts.length];
            for (int i = 0; i < ts.length; i++) {
                yaw[i] = judged.get(s * ts.length + i).yaw();
            }
            spearman += spearman(ts, yaw);
            monotonic += strictlyIncreasing(yaw) ? 1 : 0;
            start += yaw[0];
            end += yaw[yaw.length - 1];
        }
        int n = settings.turnSamples();
        return new TurnResult(turn, n, ts.length, spearman / n, monotonic / (double) n, start / n, end / n);
    }

    /** G(z) for each z, in batches, as one [N, C, H, W] array. */
    static INDArray generate(MultiLayerNetwork generator, List<float[]> zs) {
        List<INDArray> parts = new ArrayList<>();
        for (int start = 0; start < zs.size(); start += BATCH) {
            List<float[]> chunk = zs.subList(start, Math.min(zs.size(), start + BATCH));
            // dup: the network's output may live in a workspace that the next call reuses.
            parts.add(generator.output(LatentSampler.stack(chunk), false).dup());
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    private static List<FacePrediction> judge(FaceJudge judge, INDArray images) {
        List<FacePrediction> out = new ArrayList<>((int) images.size(0));
        for (long start = 0; start < images.size(0); start += BATCH) {
            long end = Math.min(images.size(0), start + BATCH);
            out.addAll(judge.predict(images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end)).dup()));
        }
        return out;
    }

    private static Rate rate(List<FacePrediction> judged, Map<String, Boolean> wanted) {
        int ok = 0;
        for (FacePrediction p : judged) {
            ok += FaceCriteria.matches(p, wanted, 0.5) ? 1 : 0;
        }
        return new Rate(ok, judged.size());
    }

    private static List<Integer> drawDistinct(List<Integer> from, int count, SplittableRandom random) {
        List<Integer> copy = new ArrayList<>(from);
        List<Integer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(copy.remove(random.nextInt(copy.size())));
        }
        return out;
    }

    /** Spearman's rank correlation, with average ranks for ties; 0 when either side is constant. */
    public static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += ra[i];
            mb += rb[i];
        }
        ma /= a.length;
        mb /= a.length;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
        double[] ranks = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    static boolean strictlyIncreasing(double[] v) {
        for (int i = 1; i < v.length; i++) {
            if (!(v[i] > v[i - 1])) {
                return false;
            }
        }
        return true;
    }
}
