package io.dcganexplorer.core.projection;

import io.dcganexplorer.core.eval.FaceAttributeClassifier;
import io.dcganexplorer.core.eval.FacePrediction;
import io.dcganexplorer.core.experiments.FaceCriteria;
import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.ConceptArithmetic;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.data.ImageFile;
import io.dcganexplorer.data.procedural.FaceAttributes;
import io.dcganexplorer.data.procedural.FaceGenerator;
import io.dcganexplorer.data.procedural.FaceSample;
import io.dcganexplorer.run.ModelBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The measurements of docs/PROJECTION.md. A tool (docs/TOOLS.md), not a test.
 *
 * <pre>java -cp "$CP" io.dcganexplorer.core.projection.ProjectionBenchmark
 *     MODE MODEL [COUNT]</pre>
 *
 * <ul>
 *   <li>{@code roundtrip}: COUNT images G(z0) with fresh z0 (a stream the projector never draws from), each
 *       projected; PSNR of the reconstruction, the best random start's PSNR, seconds per projection.</li>
 *   <li>{@code heldout}: COUNT procedural faces the model never saw (training used faces 0 .. 19999 of seed 1;
 *       these are faces 1,000,000 on); the face attribute classifier of {@code models/evaluators/faces-SIZE}
 *       judges original and reconstruction (glasses, smile, beard, man kept), PSNR, and the nearest of the first
 *       {@code -Dnearest=2000} training images' PSNR as a baseline.</li>
 *   <li>{@code arithmetic}: the Glasses lesson (man with glasses - man + woman) with held-out faces as exemplars,
 *       projected: COUNT faces per concept (picked by their true attributes), 200 trials of 3 random exemplars
 *       each, the result judged by the classifier.</li>
 *   <li>{@code speed}: COUNT projections of G(z0) with the default settings: time to the first reconstruction
 *       (the best random start; folding G included) and to the end.</li>
 * </ul>
 *
 * System properties: {@code -Dsteps}, {@code -Drestarts}, {@code -Dcandidates}, {@code -DfeatureWeight},
 * {@code -Dlr} change the projection settings (defaults: {@link ProjectionSettings#defaults()}).
 */
public final class ProjectionBenchmark {

    /** Where the held-out faces start: far past the 20,000 faces the shipped models trained on. */
    static final long HELD_OUT_FIRST = 1_000_000L;
    /** A stream of the sampler the projector never draws its starting points from. */
    static final long ROUND_TRIP_STREAM = 77;

    private ProjectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ProjectionBenchmark roundtrip|heldout|arithmetic|speed MODEL [COUNT]");
            System.exit(2);
        }
        String mode = args[0];
        ModelBundle.Loaded model = ModelBundle.open(Path.of(args[1]), new ArrayList<>());
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        ProjectionSettings d = ProjectionSettings.defaults();
        ProjectionSettings settings = new ProjectionSettings(Integer.getInteger("steps", d.steps()),
                Integer.getInteger("restarts", d.restarts()), Integer.getInteger("candidates", d.candidates()),
                Double.parseDouble(System.getProperty("lr", String.valueOf(d.learningRate()))),
                Double.parseDouble(System.getProperty("featureWeight", "0")), 0);
        DcganConfig c = model.gan().config();
        System.out.printf(Locale.ROOT, "model %s (%dx%dx%d, nz %d), %s, %d images; steps %d, restarts %d, candidates %d,"
                + " lr %.3f, feature weight %.2f%n", args[1], c.imageSize(), c.imageSize(), c.channels(), c.nz(), mode,
                count, settings.steps(), settings.restarts(), settings.candidates(), settings.learningRate(),
                settings.featureWeight());
        switch (mode) {
            case "roundtrip" -> roundTrip(model.gan(), count, settings);
            case "heldout" -> heldOut(model, count, settings);
            case "arithmetic" -> arithmetic(model.gan(), count, settings);
            case "speed" -> speed(model.gan(), count, settings);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static Projector projector(Dcgan gan, ProjectionSettings settings) {
        return new Projector(gan.generator(), settings.featureWeight() > 0 ? gan.discriminator() : null,
                gan.config().nz(), gan.config().latent());
    }

    private static void roundTrip(Dcgan gan, int count, ProjectionSettings settings) {
        Projector projector = projector(gan, settings);
        LatentSampler sampler = new LatentSampler(gan.config().nz(), gan.config().latent());
        double[] psnr = new double[count];
        double[] start = new double[count];
        double[] zDistance = new double[count];
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            float[] z0 = sampler.vector(1, ROUND_TRIP_STREAM, i);
            ProjectionResult r = projector.project(projector.generate(z0), settings.withSeed(i), p -> { }, () -> false);
            psnr[i] = r.psnr();
            start[i] = r.startPsnr();
            zDistance[i] = rms(r.z(), z0);
        }
        double seconds = (System.nanoTime() - t0) / 1e9 / count;
        System.out.printf(Locale.ROOT, "round trip: PSNR median %.1f dB, mean %.1f, 10th percentile %.1f; >= 30 dB: %.0f %%;"
                + " best random start median %.1f dB; RMS |z - z0| median %.3f; %.2f s per projection%n",
                median(psnr), mean(psnr), percentile(psnr, 0.1), 100 * fraction(psnr, 30), median(start),
                median(zDistance), seconds);
    }

    private static void heldOut(ModelBundle.Loaded model, int count, ProjectionSettings settings) throws Exception {
        Dcgan gan = model.gan();
        int size = gan.config().imageSize();
        Projector projector = projector(gan, settings);
        FaceAttributeClassifier judge = classifier(size);
        ImageDataset training = model.info().dataset().firstImages(Integer.getInteger("nearest", 2000)).open();
        FaceGenerator faces = new FaceGenerator(model.info().dataset().seed());
        List<float[]> originals = new ArrayList<>();
        List<float[]> reconstructions = new ArrayList<>();
        double[] psnr = new double[count];
        double[] nearest = new double[count];
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            FaceSample face = faces.generate(HELD_OUT_FIRST + i, size);
            float[] image = ImageFile.of("face", face.image(), size, 3).chw();
            ProjectionResult r = projector.project(image, settings.withSeed(i), p -> { }, () -> false);
            originals.add(image);
            reconstructions.add(r.image());
            psnr[i] = r.psnr();
            nearest[i] = ImageDistance.nearest(image, training, 0, () -> false).psnr();
        }
        double seconds = (System.nanoTime() - t0) / 1e9 / count;
        List<FacePrediction> before = judge.predict(stack(originals, size));
        List<FacePrediction> after = judge.predict(stack(reconstructions, size));
        StringBuilder kept = new StringBuilder();
        for (String attribute : FaceCriteria.ATTRIBUTES) {
            int same = 0;
            for (int i = 0; i < count; i++) {
                same += (FaceCriteria.probability(before.get(i), attribute) >= 0.5)
                        == (FaceCriteria.probability(after.get(i), attribute) >= 0.5) ? 1 : 0;
            }
            kept.append(String.format(Locale.ROOT, "%s %.0f %%, ", attribute, 100.0 * same / count));
        }
        System.out.printf(Locale.ROOT, "held-out faces: kept %sPSNR median %.1f dB (mean %.1f); nearest of %d training"
                + " images median %.1f dB (mean %.1f); %.2f s per face (projection and nearest search)%n", kept,
                median(psnr), mean(psnr), training.size(), median(nearest), mean(nearest), seconds);
    }

    private static void arithmetic(Dcgan gan, int perConcept, ProjectionSettings settings) throws Exception {
        int size = gan.config().imageSize();
        Projector projector = projector(gan, settings);
        FaceAttributeClassifier judge = classifier(size);
        FaceGenerator faces = new FaceGenerator(1);
        List<Predicate<FaceAttributes>> concepts = List.of(
                a -> a.glasses() && a.presentation() == FaceAttributes.Presentation.MAN && !a.beard(),
                a -> !a.glasses() && a.presentation() == FaceAttributes.Presentation.MAN && !a.beard(),
                a -> !a.glasses() && a.presentation() == FaceAttributes.Presentation.WOMAN);
        List<List<float[]>> projected = new ArrayList<>();
        long index = HELD_OUT_FIRST;
        double psnrSum = 0;
        for (Predicate<FaceAttributes> concept : concepts) {
            List<float[]> zs = new ArrayList<>();
            while (zs.size() < perConcept) {
                FaceAttributes a = faces.attributes(index);
                if (concept.test(a)) {
                    float[] image = ImageFile.of("face", faces.generate(index, size).image(), size, 3).chw();
                    ProjectionResult r = projector.project(image, settings.withSeed(index), p -> { }, () -> false);
                    zs.add(r.z());
                    psnrSum += r.psnr();
                }
                index++;
            }
            projected.add(zs);
        }
        int trials = Integer.getInteger("trials", 200);
        SplittableRandom random = new SplittableRandom(1);
        List<float[]> results = new ArrayList<>();
        int[] signs = {1, -1, 1};
        for (int t = 0; t < trials; t++) {
            List<ConceptArithmetic.Term> terms = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                List<float[]> pool = new ArrayList<>(projected.get(k));
                List<float[]> chosen = new ArrayList<>();
                for (int e = 0; e < 3; e++) {
                    chosen.add(pool.remove(random.nextInt(pool.size())));
                }
                terms.add(new ConceptArithmetic.Term(signs[k], chosen));
            }
            results.add(ConceptArithmetic.combine(terms));
        }
        List<float[]> images = new ArrayList<>();
        for (float[] z : results) {
            images.add(projector.generate(z));
        }
        List<FacePrediction> judged = judge.predict(stack(images, size));
        Map<String, Boolean> all = Map.of("glasses", true, "man", false, "beard", false);
        int target = 0;
        int every = 0;
        for (FacePrediction p : judged) {
            target += FaceCriteria.matches(p, Map.of("glasses", true), 0.5) ? 1 : 0;
            every += FaceCriteria.matches(p, all, 0.5) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "Glasses with projected held-out exemplars (%d per concept, mean PSNR %.1f dB),"
                + " %d trials: target (glasses) %.1f %%, all attributes (glasses, woman, no beard) %.1f %%%n",
                perConcept, psnrSum / (3.0 * perConcept), trials, 100.0 * target / trials, 100.0 * every / trials);
    }

    private static void speed(Dcgan gan, int count, ProjectionSettings settings) {
        LatentSampler sampler = new LatentSampler(gan.config().nz(), gan.config().latent());
        double[] first = new double[count];
        double[] total = new double[count];
        for (int i = 0; i < count; i++) {
            float[] target = GeneratorPreview.image(gan, sampler.vector(2, ROUND_TRIP_STREAM, i));
            long t0 = System.nanoTime();
            // A new projector each time, as the pane makes one per model: folding G is part of the first answer.
            Projector projector = projector(gan, settings);
            double[] firstAt = {Double.NaN};
            projector.project(target, settings.withSeed(i), p -> {
                if (Double.isNaN(firstAt[0])) {
                    firstAt[0] = (System.nanoTime() - t0) / 1e9;
                }
            }, () -> false);
            first[i] = firstAt[0];
            total[i] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf(Locale.ROOT, "speed: first reconstruction median %.2f s (max %.2f), whole projection median"
                + " %.2f s (max %.2f), over %d projections%n", median(first), max(first), median(total), max(total),
                count);
    }

    /** G(z) in inference mode with the stock network, so the speed figure does not reuse the projector's fold. */
    private static final class GeneratorPreview {
        static float[] image(Dcgan gan, float[] z) {
            return gan.generate(Nd4j.create(z, new long[] {1, z.length}, 'c')).dup('c').data().asFloat();
        }
    }

    private static FaceAttributeClassifier classifier(int size) throws Exception {
        Path folder = Path.of(System.getProperty("dcganexplorer.models", "models"), "evaluators", "faces-" + size);
        return FaceAttributeClassifier.load(folder);
    }

    private static INDArray stack(List<float[]> images, int size) {
        float[] all = new float[images.size() * 3 * size * size];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * 3 * size * size, 3 * size * size);
        }
        return Nd4j.create(all, new long[] {images.size(), 3, size, size}, 'c');
    }

    private static double rms(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }

    private static double median(double[] v) {
        return percentile(v, 0.5);
    }

    private static double percentile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(q * s.length))];
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static double fraction(double[] v, double atLeast) {
        return Arrays.stream(v).filter(x -> x >= atLeast).count() / (double) v.length;
    }
}
