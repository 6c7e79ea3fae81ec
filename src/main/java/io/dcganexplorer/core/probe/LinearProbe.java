package io.dcganexplorer.core.probe;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A regularised linear L2-SVM on feature vectors, the classifier of Radford, Metz and Chintala (2015),
 * section 5.1 ("a regularized linear L2-SVM classifier"): LIBLINEAR's L2-regularised, squared-hinge-loss
 * solver in its dual form, one-vs-rest over the classes.
 *
 * <p>Protocol: features are standardised with the mean and standard deviation of the training features
 * (never the test features; a constant feature becomes 0). A stratified validation part of the training
 * features picks C from {@link Options#cGrid()}; the SVM is then refitted on all training features with
 * that C and scored once on the test features.
 */
public final class LinearProbe {

    /**
     * How the SVM is fitted.
     *
     * @param cGrid the values of C tried on the validation part
     * @param validationFraction share of each class held out to choose C, in (0, 1)
     * @param tolerance LIBLINEAR's stopping tolerance (its default for this solver is 0.1)
     * @param maxIterations LIBLINEAR's iteration cap per one-vs-rest problem
     * @param seed seeds the validation split and the solver's coordinate order
     */
    public record Options(double[] cGrid, double validationFraction, double tolerance, int maxIterations, long seed) {

        /** Validates the options and copies the grid. */
        public Options {
            if (cGrid == null || cGrid.length == 0 || Arrays.stream(cGrid).anyMatch(c -> !(c > 0))) {
                throw new IllegalArgumentException("C grid " + Arrays.toString(cGrid) + ": needs positive values");
            }
            cGrid = cGrid.clone();
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validation fraction = " + validationFraction + ": must be in (0, 1)");
            }
            if (!(tolerance > 0) || maxIterations < 1) {
                throw new IllegalArgumentException("tolerance and iteration cap must be positive");
            }
        }

        /**
         * C from 1e-4 to 1 by decades (standardised features of thousands of dimensions need strong
         * regularisation), 20% validation, LIBLINEAR's defaults otherwise.
         */
        public static Options defaults(long seed) {
            return new Options(new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1}, 0.2, 0.1, 1000, seed);
        }

        /** The grid (a copy). */
        @Override
        public double[] cGrid() {
            return cGrid.clone();
        }
    }

    /**
     * Validation accuracy of one C.
     *
     * @param c the regularisation constant
     * @param accuracy share of the validation part classified correctly
     */
    public record ValidationScore(double c, double accuracy) {
    }

    /**
     * What a probe found.
     *
     * @param accuracy share of the test features classified correctly
     * @param confusion confusion[true][predicted] counts on the test features
     * @param chosenC the C picked on the validation part
     * @param validation validation accuracy of every C tried
     * @param trainCount labelled training vectors (validation part included)
     * @param testCount test vectors
     */
    public record Result(double accuracy, int[][] confusion, double chosenC, List<ValidationScore> validation,
                         int trainCount, int testCount) {

        /** Copies the arrays. */
        public Result {
            confusion = copy(confusion);
            validation = List.copyOf(validation);
        }

        /** The confusion matrix (a copy): rows are true classes, columns predicted classes. */
        @Override
        public int[][] confusion() {
            return copy(confusion);
        }

        private static int[][] copy(int[][] m) {
            return Arrays.stream(m).map(int[]::clone).toArray(int[][]::new);
        }
    }

    private LinearProbe() {
    }

    /**
     * Fits on the training features and scores on the test features.
     *
     * @param trainX training features, one vector per image
     * @param trainY labels in [0, numClasses)
     * @param testX test features
     * @param testY test labels
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true between fits
     * @throws IllegalArgumentException when sizes disagree or a class has fewer than two training vectors
     */
    public static Result fitAndTest(float[][] trainX, int[] trainY, float[][] testX, int[] testY, int numClasses,
                                    Options options, Progress progress, BooleanSupplier cancelled) {
        check(trainX, trainY, numClasses, "training");
        check(testX, testY, numClasses, "test");
        int[] counts = new int[numClasses];
        for (int y : trainY) {
            counts[y]++;
        }
        for (int k = 0; k < numClasses; k++) {
            if (counts[k] < 2) {
                throw new IllegalArgumentException("class " + k + " has " + counts[k]
                        + " training vectors: the validation split needs at least 2 per class");
            }
        }
        Linear.disableDebugOutput();
        Standardiser standardiser = Standardiser.fit(trainX);
        Feature[][] train = standardiser.apply(trainX);
        boolean[] validation = stratifiedHoldOut(trainY, numClasses, options.validationFraction(), options.seed());

        List<Integer> fitRows = new ArrayList<>();
        List<Integer> valRows = new ArrayList<>();
        for (int i = 0; i < trainY.length; i++) {
            (validation[i] ? valRows : fitRows).add(i);
        }
        double[] grid = options.cGrid();
        int fits = grid.length + 1;
        List<ValidationScore> scores = new ArrayList<>();
        double bestC = grid[0];
        double bestAccuracy = -1;
        for (int g = 0; g < grid.length; g++) {
            Progress.checkCancelled(cancelled);
            progress.update((double) g / fits, "C = " + grid[g] + ": fitting on " + fitRows.size() + " vectors");
            Model model = fit(train, trainY, fitRows, standardiser.length(), grid[g], options);
            int correct = 0;
            for (int i : valRows) {
                if ((int) Linear.predict(model, train[i]) == trainY[i]) {
                    correct++;
                }
            }
            double accuracy = (double) correct / valRows.size();
            scores.add(new ValidationScore(grid[g], accuracy));
            // Ties go to the smaller C (stronger regularisation), which comes first in an ascending grid.
            if (accuracy > bestAccuracy) {
                bestAccuracy = accuracy;
                bestC = grid[g];
            }
        }
        Progress.checkCancelled(cancelled);
        progress.update((double) grid.length / fits, "refitting with C = " + bestC + " on " + trainY.length + " vectors");
        List<Integer> allRows = new ArrayList<>(fitRows);
        allRows.addAll(valRows);
        Model model = fit(train, trainY, allRows, standardiser.length(), bestC, options);
        int[][] confusion = new int[numClasses][numClasses];
        int correct = 0;
        for (int i = 0; i < testX.length; i++) {
            int predicted = (int) Linear.predict(model, standardiser.apply(testX[i]));
            confusion[testY[i]][predicted]++;
            if (predicted == testY[i]) {
                correct++;
            }
        }
        progress.update(1, "test accuracy " + String.format(java.util.Locale.ROOT, "%.4f", (double) correct / testX.length));
        return new Result((double) correct / testX.length, confusion, bestC, scores, trainY.length, testY.length);
    }

    private static Model fit(Feature[][] x, int[] y, List<Integer> rows, int features, double c, Options options) {
        Problem problem = new Problem();
        problem.l = rows.size();
        problem.n = features + 1;
        problem.bias = Standardiser.BIAS;
        problem.x = new Feature[rows.size()][];
        problem.y = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            problem.x[r] = x[rows.get(r)];
            problem.y[r] = y[rows.get(r)];
        }
        Parameter parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, c, options.tolerance(), options.maxIterations());
        // The dual solver visits coordinates in random order; a seeded Random makes fits repeatable.
        parameter.setRandom(new Random(options.seed()));
        return Linear.train(problem, parameter);
    }

    /** Marks about {@code fraction} of each class, at least one per class, chosen by {@code seed}. */
    static boolean[] stratifiedHoldOut(int[] labels, int numClasses, double fraction, long seed) {
        boolean[] held = new boolean[labels.length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < numClasses; k++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == k) {
                    members.add(i);
                }
            }
            int take = Math.max(1, Math.min(members.size() - 1, (int) Math.round(members.size() * fraction)));
            for (int t = 0; t < take; t++) {
                int pick = t + random.nextInt(members.size() - t);
                java.util.Collections.swap(members, t, pick);
                held[members.get(t)] = true;
            }
        }
        return held;
    }

    private static void check(float[][] x, int[] y, int numClasses, String what) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException(what + ": " + x.length + " vectors and " + y.length + " labels");
        }
        for (int label : y) {
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException(what + " label " + label + " outside [0, " + numClasses + ")");
            }
        }
    }

    /** Per-feature standardisation, and conversion to LIBLINEAR's dense-as-sparse rows with a bias term. */
    static final class Standardiser {

        /** LIBLINEAR's bias feature value: the intercept is learned as the weight of a constant 1. */
        static final double BIAS = 1;

        private final double[] mean;
        private final double[] scale;

        private Standardiser(double[] mean, double[] scale) {
            this.mean = mean;
            this.scale = scale;
        }

        static Standardiser fit(float[][] x) {
            int d = x[0].length;
            double[] mean = new double[d];
            double[] sq = new double[d];
            for (float[] row : x) {
                if (row.length != d) {
                    throw new IllegalArgumentException("feature vectors of lengths " + d + " and " + row.length);
                }
                for (int j = 0; j < d; j++) {
                    mean[j] += row[j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= x.length;
            }
            for (float[] row : x) {
                for (int j = 0; j < d; j++) {
                    double v = row[j] - mean[j];
                    sq[j] += v * v;
                }
            }
            double[] scale = new double[d];
            for (int j = 0; j < d; j++) {
                double std = Math.sqrt(sq[j] / x.length);
                // A constant feature carries no information; 0 instead of a division by zero.
                scale[j] = std > 1e-12 ? 1 / std : 0;
            }
            return new Standardiser(mean, scale);
        }

        int length() {
            return mean.length;
        }

        Feature[] apply(float[] row) {
            if (row.length != mean.length) {
                throw new IllegalArgumentException("feature vector of length " + row.length + ", expected " + mean.length);
            }
            Feature[] out = new Feature[mean.length + 1];
            for (int j = 0; j < mean.length; j++) {
                out[j] = new FeatureNode(j + 1, (row[j] - mean[j]) * scale[j]);
            }
            out[mean.length] = new FeatureNode(mean.length + 1, BIAS);
            return out;
        }

        Feature[][] apply(float[][] rows) {
            Feature[][] out = new Feature[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = apply(rows[i]);
            }
            return out;
        }
    }
}
