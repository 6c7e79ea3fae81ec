package io.dcganexplorer.cli;

import io.dcganexplorer.core.eval.EvaluatorProvenance;
import io.dcganexplorer.core.eval.FaceAttributeClassifier;
import io.dcganexplorer.core.eval.FaceAttributeMetrics;
import io.dcganexplorer.core.eval.TrainingProgress;
import io.dcganexplorer.core.eval.WindowDetector;
import io.dcganexplorer.core.eval.WindowMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluators}: trains the window detector and the face attribute classifier and saves them. */
@Command(name = "evaluators", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the evaluators that score generated images (a per-pixel window detector for rooms, "
                + "a face attribute classifier) on procedural data, print their held-out metrics and save them "
                + "to OUT/windows-SIZE and OUT/faces-SIZE."})
final class EvaluatorsCommand implements Callable<Integer> {

    private static final long PROGRESS_INTERVAL_NANOS = 10_000_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--size", description = "image size the evaluators judge: 16, 32 or 64 (default: ${DEFAULT-VALUE})",
            defaultValue = "64")
    int size;

    @Option(names = "--only", description = "train only one: windows or faces (default: both)")
    String only;

    @Option(names = {"-o", "--out"}, description = "folder to save into (default: ${DEFAULT-VALUE})",
            defaultValue = "models/evaluators")
    Path out;

    @Option(names = "--seed", description = "seeds the procedural images, weights and batch order "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--rooms", description = "training rooms (default: ${DEFAULT-VALUE})", defaultValue = "3000")
    int rooms;

    @Option(names = "--room-epochs", description = "passes over the rooms (default: ${DEFAULT-VALUE})",
            defaultValue = "3")
    int roomEpochs;

    @Option(names = "--held-out-rooms", description = "rooms after the training rooms to measure on "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "500")
    int heldOutRooms;

    @Option(names = "--faces", description = "training faces (default: ${DEFAULT-VALUE})", defaultValue = "8000")
    int faces;

    @Option(names = "--face-epochs", description = "passes over the faces (default: ${DEFAULT-VALUE})",
            defaultValue = "3")
    int faceEpochs;

    @Option(names = "--held-out-faces", description = "faces after the training faces to measure on "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "1000")
    int heldOutFaces;

    @Override
    public Integer call() throws Exception {
        if (size != 16 && size != 32 && size != 64) {
            throw new IllegalArgumentException("--size = " + size + ": must be 16, 32 or 64");
        }
        if (only != null && !only.equals("windows") && !only.equals("faces")) {
            throw new IllegalArgumentException("--only = " + only + ": must be windows or faces");
        }
        requirePositive("--rooms", rooms);
        requirePositive("--room-epochs", roomEpochs);
        requirePositive("--held-out-rooms", heldOutRooms);
        requirePositive("--faces", faces);
        requirePositive("--face-epochs", faceEpochs);
        requirePositive("--held-out-faces", heldOutFaces);
        PrintWriter printer = spec.commandLine().getOut();
        if (!"faces".equals(only)) {
            printer.printf(Locale.ROOT, "window detector %dx%d: %d rooms x %d epochs, seed %d%n", size, size, rooms,
                    roomEpochs, seed);
            WindowDetector detector = WindowDetector.train(size, rooms, roomEpochs, seed, heldOutRooms,
                    progress(printer, "windows"));
            Path folder = out.resolve("windows-" + size);
            detector.save(folder);
            WindowMetrics m = detector.heldOutMetrics();
            printer.printf(Locale.ROOT, "window detector held out (%d rooms): precision %.4f recall %.4f F1 %.4f "
                            + "IoU %.4f | window area error mean %.4f max %.4f (true area mean %.4f)%n", m.images(),
                    m.precision(), m.recall(), m.f1(), m.iou(), m.meanAreaError(), m.maxAreaError(),
                    m.meanWindowFraction());
            printSaved(printer, folder, detector.provenance());
        }
        if (!"windows".equals(only)) {
            printer.printf(Locale.ROOT, "face attributes %dx%d: %d faces x %d epochs, seed %d%n", size, size, faces,
                    faceEpochs, seed);
            FaceAttributeClassifier classifier = FaceAttributeClassifier.train(size, faces, faceEpochs, seed,
                    heldOutFaces, progress(printer, "faces"));
            Path folder = out.resolve("faces-" + size);
            classifier.save(folder);
            FaceAttributeMetrics m = classifier.heldOutMetrics();
            printer.printf(Locale.ROOT, "face attributes held out (%d faces, %d men): glasses %.4f smile %.4f "
                            + "beard %.4f (men only %.4f) man %.4f | yaw sign %.4f yaw MAE %.4f%n", m.faces(), m.men(),
                    m.glasses(), m.smile(), m.beard(), m.beardAmongMen(), m.man(), m.yawSign(), m.yawMae());
            printSaved(printer, folder, classifier.provenance());
        }
        return 0;
    }

    private static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " = " + value + ": must be at least 1");
        }
    }

    private static void printSaved(PrintWriter printer, Path folder, EvaluatorProvenance provenance) {
        printer.printf(Locale.ROOT, "trained in %s; saved to %s%n",
                ProgressPrinter.formatDuration(provenance.trainingSeconds()), folder);
    }

    /** A log line at most every 10 seconds and at the end of each epoch: training runs for minutes. */
    private static TrainingProgress progress(PrintWriter printer, String what) {
        long start = System.nanoTime();
        long[] last = {start};
        return (epoch, epochs, batch, batches, loss) -> {
            long now = System.nanoTime();
            if (now - last[0] < PROGRESS_INTERVAL_NANOS && batch != batches - 1) {
                return;
            }
            last[0] = now;
            double done = (epoch * (double) batches + batch + 1) / ((double) epochs * batches);
            double elapsed = (now - start) / 1e9;
            printer.printf(Locale.ROOT, "%s: epoch %d/%d batch %d/%d loss %.4f | %s elapsed, ETA %s%n", what,
                    epoch + 1, epochs, batch + 1, batches, loss, ProgressPrinter.formatDuration(elapsed),
                    ProgressPrinter.formatDuration(elapsed / done - elapsed));
            printer.flush();
        };
    }
}
