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
 * section 5.1 ("a regularized linear L2-SVM classifier"): an L2-regularised, squared-hinge-loss SVM,
 * one-vs-rest over the classes, fitted by {@link DenseLinearSvm} (by default) or by LIBLINEAR's dual solver
 * (the same objective; kept to cross-check the first and for small sets).
 *
 * <p>Protocol: features are standardised with the mean and standard deviation of the training features
 * (never the test features; a constant feature becomes 0). A stratified validation part of the training
 * features picks C from {@link Options#cGrid()}; the SVM is then refitted on all training features with
 * that C and scored once on the test features.
 */
public final class LinearProbe {

    /** Which solver fits the SVM; both minimise the same objective. */
    public enum Solver {
        /** {@link DenseLinearSvm}: primal L-BFGS on one dense float matrix; no caps needed. */
        DENSE,
        /** LIBLINEAR's dual coordinate descent (its Java port): one object per value, so only small sets. */
        LIBLINEAR
    }

    /**
     * How the SVM is fitted.
     *
     * @param cGrid the values of C tried on the validation part
     * @param validationFraction share of each class held out to choose C, in (0, 1)
     * @param tolerance the solver's stopping tolerance: for DENSE the gradient norm relative to its start
     *     (default 1e-3), for LIBLINEAR its own (default 0.1)
     * @param maxIterations iteration cap per fit (per one-vs-rest problem for LIBLINEAR)
     * @param seed seeds the validation split and LIBLINEAR's coordinate order
     * @param solver which solver
     */
    public record Options(double[] cGrid, double validationFraction, double tolerance, int maxIterations, long seed,
                          Solver solver) {

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
            java.util.Objects.requireNonNull(solver, "solver");
        }

        /**
         * The dense solver, C from 1e-4 to 1 by decades (standardised features of thousands of dimensions
         * need strong regularisation), 20% validation.
         */
        public static Options defaults(long seed) {
            return new Options(new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1}, 0.2, 1e-3, 1000, seed, Solver.DENSE);
        }

        /** As {@link #defaults} but with LIBLINEAR and its own defaults (tolerance 0.1, 1000 iterations). */
        public static Options liblinear(long seed) {
            return defaults(seed).withSolver(Solver.LIBLINEAR, 0.1, 1000);
        }

        /** These options with another C grid. */
        public Options withGrid(double[] grid) {
            return new Options(grid, validationFraction, tolerance, maxIterations, seed, solver);
        }

        /** These options with another solver and its stopping rule. */
        public Options withSolver(Solver other, double otherTolerance, int otherMaxIterations) {
            return new Options(cGrid, validationFraction, otherTolerance, otherMaxIterations, seed, other);
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
     * @param predictions the predicted class of every test vector, in order (for paired tests)
     */
    public record Result(double accuracy, int[][] confusion, double chosenC, List<ValidationScore> validation,
                         int trainCount, int testCount, int[] predictions) {

        /** Copies the arrays. */
        public Result {
            confusion = copy(confusion);
            validation = List.copyOf(validation);
            predictions = predictions.clone();
        }

        /** The test predictions (a copy). */
        @Override
        public int[] predictions() {
            return predictions.clone();
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
        Standardiser standardiser = Standardiser.fit(trainX);
        boolean[] validation = stratifiedHoldOut(trainY, numClasses, options.validationFraction(), options.seed());
        List<Integer> fitRows = new ArrayList<>();
        List<Integer> valRows = new ArrayList<>();
        for (int i = 0; i < trainY.length; i++) {
            (validation[i] ? valRows : fitRows).add(i);
        }
        Fitted fitted = options.solver() == Solver.DENSE
                ? Dense.fitAndPredict(standardiser, trainX, trainY, fitRows, valRows, testX, numClasses, options,
                        progress, cancelled)
                : fitAndPredictLiblinear(standardiser, trainX, trainY, fitRows, valRows, testX, numClasses, options,
                        progress, cancelled);
        int[] predictions = fitted.predictions();
        int[][] confusion = new int[numClasses][numClasses];
        int correct = 0;
        for (int i = 0; i < testX.length; i++) {
            confusion[testY[i]][predictions[i]]++;
            if (predictions[i] == testY[i]) {
                correct++;
            }
        }
        double accuracy = (double) correct / testX.length;
        progress.update(1, "test accuracy " + String.format(java.util.Locale.ROOT, "%.4f", accuracy));
        return new Result(accuracy, confusion, fitted.chosenC(), fitted.scores(), trainY.length, testY.length,
                predictions);
    }

    /** What a solver path hands back: test predictions, the C it chose and the validation scores behind it. */
    private record Fitted(int[] predictions, double chosenC, List<ValidationScore> scores) {
    }

    /** The best of the scores: ties go to the smaller C (stronger regularisation). */
    private static double best(List<ValidationScore> scores) {
        ValidationScore best = scores.get(0);
        for (ValidationScore v : scores) {
            if (v.accuracy() > best.accuracy() || (v.accuracy() == best.accuracy() && v.c() < best.c())) {
                best = v;
            }
        }
        return best.c();
    }

    private static Fitted fitAndPredictLiblinear(Standardiser standardiser, float[][] trainX, int[] trainY,
                                                List<Integer> fitRows, List<Integer> valRows, float[][] testX,
                                                int numClasses, Options options, Progress progress,
                                                BooleanSupplier cancelled) {
        Linear.disableDebugOutput();
        Feature[][] train = standardiser.apply(trainX);
        double[] grid = options.cGrid();
        int fits = grid.length + 1;
        List<ValidationScore> scores = new ArrayList<>();
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
            scores.add(new ValidationScore(grid[g], (double) correct / valRows.size()));
        }
        double bestC = best(scores);
        Progress.checkCancelled(cancelled);
        progress.update((double) grid.length / fits, "refitting with C = " + bestC + " on " + trainY.length + " vectors");
        List<Integer> allRows = new ArrayList<>(fitRows);
        allRows.addAll(valRows);
        Model model = fit(train, trainY, allRows, standardiser.length(), bestC, options);
        int[] predictions = new int[testX.length];
        for (int i = 0; i < testX.length; i++) {
            predictions[i] = (int) Linear.predict(model, standardiser.apply(testX[i]));
        }
        return new Fitted(predictions, bestC, scores);
    }

    /** The {@link Solver#DENSE} path: one native matrix, fit rows first, warm starts along the grid. */
    private static final class Dense {

        static Fitted fitAndPredict(Standardiser standardiser, float[][] trainX, int[] trainY, List<Integer> fitRows,
                                   List<Integer> valRows, float[][] testX, int numClasses, Options options,
                                   Progress progress, BooleanSupplier cancelled) {
            int nFit = fitRows.size();
            int[] order = new int[trainY.length];
            for (int i = 0; i < nFit; i++) {
                order[i] = fitRows.get(i);
            }
            for (int i = 0; i < valRows.size(); i++) {
                order[nFit + i] = valRows.get(i);
            }
            int[] y = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                y[i] = trainY[order[i]];
            }
            org.nd4j.linalg.api.ndarray.INDArray all = DenseLinearSvm.matrix(trainX, order, standardiser.mean,
                    standardiser.scale, Standardiser.BIAS);
            // Row ranges of one C-order matrix are views, not copies.
            org.nd4j.linalg.api.ndarray.INDArray fit = all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, nFit),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            org.nd4j.linalg.api.ndarray.INDArray val = all.get(
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(nFit, order.length),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            int[] fitY = Arrays.copyOf(y, nFit);
            int[] valY = Arrays.copyOfRange(y, nFit, y.length);
            double[] grid = options.cGrid();
            Integer[] ascending = new Integer[grid.length];
            for (int g = 0; g < grid.length; g++) {
                ascending[g] = g;
            }
            // Warm starts work best from a smaller C to the next larger one.
            Arrays.sort(ascending, (p, q) -> Double.compare(grid[p], grid[q]));
            int fits = grid.length + 1;
            DenseLinearSvm.Model previous = null;
            DenseLinearSvm.Model[] models = new DenseLinearSvm.Model[grid.length];
            ValidationScore[] byGrid = new ValidationScore[grid.length];
            for (int t = 0; t < grid.length; t++) {
                int g = ascending[t];
                Progress.checkCancelled(cancelled);
                progress.update((double) t / fits, "C = " + grid[g] + ": fitting on " + nFit + " vectors");
                previous = DenseLinearSvm.fit(fit, fitY, numClasses, grid[g], previous, options.tolerance(),
                        options.maxIterations(), cancelled);
                models[g] = previous;
                byGrid[g] = new ValidationScore(grid[g], accuracy(previous.predict(val), valY));
                progress.update((t + 1.0) / fits, String.format(java.util.Locale.ROOT,
                        "C = %s: %d iterations, validation accuracy %.4f", grid[g], previous.iterations(),
                        byGrid[g].accuracy()));
            }
            double bestC = best(List.of(byGrid));
            int chosen = 0;
            while (grid[chosen] != bestC) {
                chosen++;
            }
            Progress.checkCancelled(cancelled);
            progress.update((double) grid.length / fits,
                    "refitting with C = " + bestC + " on " + y.length + " vectors");
            DenseLinearSvm.Model model = DenseLinearSvm.fit(all, y, numClasses, bestC, models[chosen],
                    options.tolerance(), options.maxIterations(), cancelled);
            all.close();
            org.nd4j.linalg.api.ndarray.INDArray test = DenseLinearSvm.matrix(testX, FeatureExtractor.all(testX.length),
                    standardiser.mean, standardiser.scale, Standardiser.BIAS);
            int[] predictions = model.predict(test);
            test.close();
            return new Fitted(predictions, bestC, List.of(byGrid));
        }

        private static double accuracy(int[] predicted, int[] truth) {
            int correct = 0;
            for (int i = 0; i < truth.length; i++) {
                if (predicted[i] == truth[i]) {
                    correct++;
                }
            }
            return (double) correct / truth.length;
        }
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
