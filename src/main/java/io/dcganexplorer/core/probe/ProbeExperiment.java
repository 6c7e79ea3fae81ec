package io.dcganexplorer.core.probe;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.DiscriminatorFactory;
import io.dcganexplorer.data.ImageDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The paper's test of whether D learned reusable features (Radford, Metz and Chintala 2015, section 5.1
 * and Table 1), on a labelled train/test pair: a {@link LinearProbe} on the features of the trained D,
 * of a randomly initialised D of the same shape (is it the training or only the architecture?), and of
 * the raw pixels. Each is scored with all (capped) training labels and with few labels (100 per class,
 * the paper's SVHN setting), the latter averaged over several balanced draws.
 *
 * <p>Controls: the same architecture freshly initialised (what training added), the pixels, and the
 * paper's own Table 1 baseline, single-layer K-means features ({@link KMeansFeatures}). The trained and the
 * random D are compared on the same test images by McNemar's paired test. With the dense solver
 * ({@link DenseLinearSvm}) no caps are needed: by default every training and test image is used.
 */
public final class ProbeExperiment {

    /**
     * How much data and how many draws.
     *
     * @param trainCap at most this many training images, drawn at random by the seed (0 = all)
     * @param testCap at most this many test images, drawn at random by the seed (0 = all)
     * @param labelsPerClass labels per class in the few-label setting (the paper: 1,000 labels over 10 classes)
     * @param draws how many balanced few-label draws to average (0 = skip the few-label setting)
     * @param controlSeed seed of the randomly initialised control D
     * @param seed seeds the subsets, the draws and the SVM
     * @param svm how each SVM is fitted (its C grid and solver above all)
     * @param kmeans the paper's K-means baseline, or null to leave that row out
     * @param crossCheck if positive: on a balanced random subset of about this many training vectors and a
     *     random subset of this many test vectors of the trained D, fit both solvers with the C the trained-D row chose and report both accuracies (0 = skip)
     */
    public record Options(int trainCap, int testCap, int labelsPerClass, int draws, long controlSeed, long seed,
                          LinearProbe.Options svm, KMeansFeatures.Options kmeans, int crossCheck) {

        /** Validates the options. */
        public Options {
            if (trainCap < 0 || testCap < 0) {
                throw new IllegalArgumentException("caps must be 0 (all) or positive");
            }
            if (labelsPerClass < 2) {
                throw new IllegalArgumentException("labels per class = " + labelsPerClass + ": must be at least 2");
            }
            if (draws < 0) {
                throw new IllegalArgumentException("draws = " + draws + ": must be 0 or more");
            }
            if (crossCheck < 0) {
                throw new IllegalArgumentException("cross-check size = " + crossCheck + ": must be 0 (skip) or more");
            }
            java.util.Objects.requireNonNull(svm, "svm");
        }

        /** The three original rows (no K-means baseline) and no cross-check. */
        public Options(int trainCap, int testCap, int labelsPerClass, int draws, long controlSeed, long seed,
                       LinearProbe.Options svm) {
            this(trainCap, testCap, labelsPerClass, draws, controlSeed, seed, svm, null, 0);
        }

        /**
         * The full protocol: all training and test images, 100 labels per class over 10 draws, the dense
         * solver, all four rows, no cross-check.
         */
        public static Options defaults(long seed) {
            return new Options(0, 0, 100, 10, seed + 1_000_003, seed, LinearProbe.Options.defaults(seed),
                    KMeansFeatures.Options.defaults(seed + 7), 0);
        }
    }

    /**
     * The dense solver against LIBLINEAR on one subset, with one C.
     *
     * @param trainCount training vectors
     * @param testCount test vectors
     * @param c the C both used
     * @param dense test accuracy of {@link LinearProbe.Solver#DENSE}
     * @param liblinear test accuracy of {@link LinearProbe.Solver#LIBLINEAR}
     * @param denseSeconds wall time of the dense fit
     * @param liblinearSeconds wall time of the LIBLINEAR fit
     */
    public record CrossCheck(int trainCount, int testCount, double c, double dense, double liblinear,
                             double denseSeconds, double liblinearSeconds) {

        /** One line for the table's notes. */
        public String summary() {
            return String.format(Locale.ROOT, "Solver cross-check (trained D, %,d training / %,d test vectors, "
                    + "C = %s): dense %.2f%% in %.1f s, LIBLINEAR %.2f%% in %.1f s, difference %.2f points.",
                    trainCount, testCount, Result.formatC(c), 100 * dense, denseSeconds, 100 * liblinear,
                    liblinearSeconds, 100 * Math.abs(dense - liblinear));
        }
    }

    /** The feature sets of the experiment. */
    public enum FeatureSet {
        /** The trained discriminator's pooled block activations. */
        TRAINED_D("trained D"),
        /** The same architecture with fresh random weights: what the training added. */
        RANDOM_D("random-init D"),
        /** The pixels in [-1, 1]: what any feature has to beat. */
        PIXELS("raw pixels"),
        /** The paper's Table 1 baseline: single-layer K-means features of patches, pooled as D's. */
        KMEANS("K-means patches");

        private final String label;

        FeatureSet(String label) {
            this.label = label;
        }

        /** A short name for tables. */
        public String label() {
            return label;
        }
    }

    /**
     * One row of the table.
     *
     * @param features which features
     * @param dimensions feature vector length
     * @param allLabels the probe with every (capped) training label, with its confusion matrix
     * @param fewLabelAccuracies test accuracy of each few-label draw
     * @param seconds wall time of this row (extraction and all fits)
     */
    public record Row(FeatureSet features, int dimensions, LinearProbe.Result allLabels, double[] fewLabelAccuracies,
                      double seconds) {

        /** Copies the array. */
        public Row {
            fewLabelAccuracies = fewLabelAccuracies.clone();
        }

        /** Test accuracy of each few-label draw (a copy). */
        @Override
        public double[] fewLabelAccuracies() {
            return fewLabelAccuracies.clone();
        }

        /** Mean few-label accuracy, NaN without draws. */
        public double fewLabelMean() {
            return Arrays.stream(fewLabelAccuracies).average().orElse(Double.NaN);
        }

        /** Sample standard deviation of the few-label accuracies, NaN with fewer than two draws. */
        public double fewLabelStd() {
            int n = fewLabelAccuracies.length;
            if (n < 2) {
                return Double.NaN;
            }
            double mean = fewLabelMean();
            double ss = Arrays.stream(fewLabelAccuracies).map(a -> (a - mean) * (a - mean)).sum();
            return Math.sqrt(ss / (n - 1));
        }
    }

    /**
     * The whole experiment.
     *
     * @param rows trained D, random-init D, raw pixels, in that order
     * @param trainImages labelled training images in the all-label setting
     * @param testImages test images
     * @param labelsPerClass labels per class in the few-label setting
     * @param draws few-label draws
     * @param classNames the classes, index = label
     * @param options what was asked for
     * @param trainedVsRandom McNemar's test of the trained against the random-init D, all-label setting
     * @param crossCheck the solver cross-check, null when skipped
     */
    public record Result(List<Row> rows, int trainImages, int testImages, int labelsPerClass, int draws,
                         List<String> classNames, Options options, McNemar.Result trainedVsRandom,
                         CrossCheck crossCheck) {

        /** Copies the lists. */
        public Result {
            rows = List.copyOf(rows);
            classNames = List.copyOf(classNames);
        }

        /** The row of one feature set. */
        public Row row(FeatureSet features) {
            return rows.stream().filter(r -> r.features() == features).findFirst().orElseThrow();
        }

        /** The accuracy table in Markdown: one row per feature set. */
        public String toMarkdown() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "| features | dimensions | test accuracy, %,d labels | C | "
                    + "test accuracy, %d per class (%,d labels), mean ± std over %d draws |%n",
                    trainImages, labelsPerClass, labelsPerClass * classNames.size(), draws));
            sb.append("| --- | ---: | ---: | ---: | ---: |\n");
            for (Row r : rows) {
                String few = draws == 0 ? "-" : draws == 1
                        ? String.format(Locale.ROOT, "%.2f%%", 100 * r.fewLabelMean())
                        : String.format(Locale.ROOT, "%.2f%% ± %.2f", 100 * r.fewLabelMean(), 100 * r.fewLabelStd());
                sb.append(String.format(Locale.ROOT, "| %s | %,d | %.2f%% | %s | %s |%n", r.features().label(),
                        r.dimensions(), 100 * r.allLabels().accuracy(), formatC(r.allLabels().chosenC()), few));
            }
            sb.append(String.format(Locale.ROOT, "%nTest images: %,d. Chance: %.1f%%. Solver: %s.%n", testImages,
                    100.0 / classNames.size(), options.svm().solver()));
            Row trained = row(FeatureSet.TRAINED_D);
            Row random = row(FeatureSet.RANDOM_D);
            sb.append(String.format(Locale.ROOT, "%nTrained D vs random-init D, all labels: %+.2f points; %s%s.%n",
                    100 * (trained.allLabels().accuracy() - random.allLabels().accuracy()),
                    trainedVsRandom.summary(), trainedVsRandom.withinNoise() ? " (within noise: p >= 0.05)" : ""));
            if (crossCheck != null) {
                sb.append('\n').append(crossCheck.summary()).append('\n');
            }
            return sb.toString();
        }

        static String formatC(double c) {
            return c >= 0.01 ? String.format(Locale.ROOT, "%.2g", c) : String.format(Locale.ROOT, "%.0e", c);
        }
    }

    private ProbeExperiment() {
    }

    /**
     * Runs the protocol.
     *
     * @param trainedDiscriminator D of a trained model
     * @param config the model's config (the control D is built from it with {@link Options#controlSeed()})
     * @param train labelled training images at the model's size
     * @param test labelled test images at the model's size
     * @throws IllegalArgumentException when a data set is unlabelled or does not fit the model
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true
     */
    public static Result run(MultiLayerNetwork trainedDiscriminator, DcganConfig config, ImageDataset train,
                             ImageDataset test, Options options, Progress progress, BooleanSupplier cancelled) {
        int numClasses = train.classNames().size();
        checkData(train, config, "training");
        checkData(test, config, "test");
        if (test.classNames().size() != numClasses) {
            throw new IllegalArgumentException("training data has " + numClasses + " classes, test data "
                    + test.classNames().size());
        }
        SplittableRandom random = new SplittableRandom(options.seed());
        int[] trainIdx = subset(train.size(), options.trainCap(), random.split());
        int[] testIdx = subset(test.size(), options.testCap(), random.split());
        int[] trainY = labels(train, trainIdx);
        int[] testY = labels(test, testIdx);
        List<int[]> draws = new ArrayList<>();
        for (int d = 0; d < options.draws(); d++) {
            draws.add(balancedDraw(trainY, numClasses, options.labelsPerClass(), random.split()));
        }
        LinearProbe.Options svm = options.svm();

        List<FeatureSet> sets = options.kmeans() == null
                ? List.of(FeatureSet.TRAINED_D, FeatureSet.RANDOM_D, FeatureSet.PIXELS)
                : List.of(FeatureSet.values());
        List<Row> rows = new ArrayList<>();
        CrossCheck crossCheck = null;
        for (int s = 0; s < sets.size(); s++) {
            FeatureSet set = sets.get(s);
            Progress p = progress.range((double) s / sets.size(), (double) (s + 1) / sets.size());
            FeatureExtractor extractor = switch (set) {
                case TRAINED_D -> new DiscriminatorFeatures(trainedDiscriminator);
                case RANDOM_D -> new DiscriminatorFeatures(DiscriminatorFactory.create(config.withSeed(options.controlSeed())));
                case PIXELS -> FeatureExtractor.pixels(config.channels(), config.imageSize());
                case KMEANS -> KMeansFeatures.fit(train, trainIdx, options.kmeans(),
                        (f, m) -> p.update(0.05 * f, "K-means baseline: " + m), cancelled);
            };
            CrossCheck[] check = new CrossCheck[1];
            rows.add(row(set, extractor, train, trainIdx, trainY, test, testIdx, testY, draws, numClasses, svm, p,
                    cancelled, set == FeatureSet.TRAINED_D ? options.crossCheck() : 0, random.split(), check));
            if (check[0] != null) {
                crossCheck = check[0];
            }
        }
        progress.update(1, "done");
        Row trained = rows.get(0);
        Row control = rows.get(1);
        McNemar.Result mcnemar = McNemar.compare(trained.allLabels().predictions(), control.allLabels().predictions(),
                testY);
        return new Result(rows, trainIdx.length, testIdx.length, options.labelsPerClass(), options.draws(),
                train.classNames(), options, mcnemar, crossCheck);
    }

    /** Both solvers on a random subset of one feature set, with one C. */
    private static CrossCheck crossCheck(float[][] trainX, int[] trainY, float[][] testX, int[] testY, int numClasses,
                                         LinearProbe.Options svm, double c, int size, SplittableRandom random,
                                         BooleanSupplier cancelled) {
        // Balanced, so that every class keeps the two vectors the validation split needs.
        int perClass = Math.max(2, Math.min(size, trainX.length) / numClasses);
        int[] tr = balancedDraw(trainY, numClasses, perClass, random.split());
        int[] te = subset(testX.length, size, random.split());
        float[][] x = new float[tr.length][];
        int[] y = new int[tr.length];
        for (int i = 0; i < tr.length; i++) {
            x[i] = trainX[tr[i]];
            y[i] = trainY[tr[i]];
        }
        float[][] tx = new float[te.length][];
        int[] ty = new int[te.length];
        for (int i = 0; i < te.length; i++) {
            tx[i] = testX[te[i]];
            ty[i] = testY[te[i]];
        }
        LinearProbe.Options dense = svm.withGrid(new double[] {c});
        LinearProbe.Options liblinear = LinearProbe.Options.liblinear(svm.seed()).withGrid(new double[] {c});
        long t0 = System.nanoTime();
        double a = LinearProbe.fitAndTest(x, y, tx, ty, numClasses, dense, Progress.NONE, cancelled).accuracy();
        long t1 = System.nanoTime();
        double b = LinearProbe.fitAndTest(x, y, tx, ty, numClasses, liblinear, Progress.NONE, cancelled).accuracy();
        long t2 = System.nanoTime();
        return new CrossCheck(tr.length, te.length, c, a, b, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    private static Row row(FeatureSet set, FeatureExtractor extractor, ImageDataset train, int[] trainIdx,
                           int[] trainY, ImageDataset test, int[] testIdx, int[] testY, List<int[]> draws,
                           int numClasses, LinearProbe.Options svm, Progress progress, BooleanSupplier cancelled,
                           int crossCheckSize, SplittableRandom random, CrossCheck[] crossCheck) {
        long start = System.nanoTime();
        String name = set.label();
        float[][] trainX = extractor.extract(train, trainIdx,
                (f, m) -> progress.update(0.15 * f, name + ": features of training images, " + m), cancelled);
        float[][] testX = extractor.extract(test, testIdx,
                (f, m) -> progress.update(0.15 + 0.15 * f, name + ": features of test images, " + m), cancelled);
        LinearProbe.Result all = LinearProbe.fitAndTest(trainX, trainY, testX, testY, numClasses, svm,
                (f, m) -> progress.update(0.3 + 0.5 * f, name + ", all labels: " + m), cancelled);
        if (crossCheckSize > 0) {
            progress.update(0.8, name + ": cross-checking the solver against LIBLINEAR on about " + crossCheckSize
                    + " vectors");
            crossCheck[0] = crossCheck(trainX, trainY, testX, testY, numClasses, svm, all.chosenC(), crossCheckSize,
                    random, cancelled);
        }
        double[] few = new double[draws.size()];
        for (int d = 0; d < draws.size(); d++) {
            int[] rows = draws.get(d);
            float[][] x = new float[rows.length][];
            int[] y = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                x[i] = trainX[rows[i]];
                y[i] = trainY[rows[i]];
            }
            int draw = d;
            double base = 0.8 + 0.2 * d / draws.size();
            few[d] = LinearProbe.fitAndTest(x, y, testX, testY, numClasses, svm,
                    (f, m) -> progress.update(base + 0.2 / draws.size() * f,
                            name + ", few labels, draw " + (draw + 1) + " of " + draws.size() + ": " + m),
                    cancelled).accuracy();
        }
        return new Row(set, extractor.length(), all, few, (System.nanoTime() - start) / 1e9);
    }

    private static void checkData(ImageDataset data, DcganConfig config, String what) {
        if (data.classNames().isEmpty()) {
            throw new IllegalArgumentException(what + " data '" + data.description() + "' has no labels");
        }
        if (data.imageSize() != config.imageSize() || data.channels() != config.channels()) {
            throw new IllegalArgumentException(what + " data is " + data.imageSize() + "x" + data.imageSize() + "x"
                    + data.channels() + ", the model " + config.imageSize() + "x" + config.imageSize() + "x"
                    + config.channels());
        }
    }

    /** All of 0..size-1 in order when there is no cap, else a random {@code cap} of them, sorted. */
    static int[] subset(int size, int cap, SplittableRandom random) {
        if (cap == 0 || cap >= size) {
            return FeatureExtractor.all(size);
        }
        int[] all = FeatureExtractor.all(size);
        for (int i = 0; i < cap; i++) {
            int j = i + random.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] picked = Arrays.copyOf(all, cap);
        Arrays.sort(picked);
        return picked;
    }

    /** Positions (into {@code labels}) of {@code perClass} random members of each class. */
    static int[] balancedDraw(int[] labels, int numClasses, int perClass, SplittableRandom random) {
        List<List<Integer>> members = new ArrayList<>();
        for (int k = 0; k < numClasses; k++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            members.get(labels[i]).add(i);
        }
        int[] picked = new int[numClasses * perClass];
        int n = 0;
        for (int k = 0; k < numClasses; k++) {
            List<Integer> m = members.get(k);
            if (m.size() < perClass) {
                throw new IllegalArgumentException("class " + k + " has " + m.size() + " training images, fewer than "
                        + perClass + " labels per class");
            }
            for (int t = 0; t < perClass; t++) {
                java.util.Collections.swap(m, t, t + random.nextInt(m.size() - t));
                picked[n++] = m.get(t);
            }
        }
        return picked;
    }

    private static int[] labels(ImageDataset data, int[] indices) {
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            y[i] = data.label(indices[i]);
        }
        return y;
    }
}
