package io.dcganexplorer.cli;

import io.dcganexplorer.core.probe.Progress;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.IdxDataset;
import io.dcganexplorer.data.InMemoryImageDataset;
import io.dcganexplorer.data.ProceduralDataset;
import io.dcganexplorer.run.ModelBundle;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The labelled train/test data the probe and quality commands need, and a progress printer for them. */
final class LabelledData {

    private LabelledData() {
    }

    /** Images in the train and test splits of a procedural data set. */
    static final int PROCEDURAL_TRAIN = 20_000;
    static final int PROCEDURAL_TEST = 5_000;
    /**
     * Seeds of the procedural splits: fixed, and far from the small run seeds (1, 2, ...) the shipped models
     * were trained with, so the test split holds images no model trained on.
     */
    static final long PROCEDURAL_TRAIN_SEED = 7_000_001L;
    static final long PROCEDURAL_TEST_SEED = 9_000_001L;

    /**
     * One split at a model's size: Fashion-MNIST's own train and test files, or for the procedural faces
     * (glasses or not) and rooms (window or not) {@value #PROCEDURAL_TRAIN} and {@value #PROCEDURAL_TEST}
     * images drawn from two fixed seeds. Image folders have no test split, so they are refused.
     */
    static InMemoryImageDataset open(String data, int imageSize, int channels, IdxDataset.Split split) {
        DatasetSpec spec = check(data);
        if (spec.kind() == DatasetSpec.Kind.FASHION_MNIST) {
            return IdxDataset.fashionMnist(Path.of(spec.path()), split,
                    IdxDataset.Options.of(imageSize, IdxDataset.ResizeMode.PAD).withChannels(channels));
        }
        ProceduralDataset.Kind kind = spec.kind() == DatasetSpec.Kind.FACES
                ? ProceduralDataset.Kind.FACES : ProceduralDataset.Kind.ROOMS;
        return procedural(kind, imageSize, channels, split,
                split == IdxDataset.Split.TRAIN ? PROCEDURAL_TRAIN : PROCEDURAL_TEST);
    }

    /** The first {@code count} images of a procedural split. */
    static InMemoryImageDataset procedural(ProceduralDataset.Kind kind, int imageSize, int channels,
                                           IdxDataset.Split split, int count) {
        long seed = split == IdxDataset.Split.TRAIN ? PROCEDURAL_TRAIN_SEED : PROCEDURAL_TEST_SEED;
        return InMemoryImageDataset.copyOf(new ProceduralDataset(kind, imageSize, channels, count, seed, 0));
    }

    /**
     * The parsed data argument, refused unless it has labelled train and test splits; checked before any
     * model is loaded, so a wrong source is the first and only error.
     */
    static DatasetSpec check(String data) {
        DatasetSpec spec = DatasetSpec.parse(data, 32, 1, 0, 0);
        if (spec.kind() == DatasetSpec.Kind.IMAGE_FOLDER) {
            throw new IllegalArgumentException("data '" + data + "': needs labelled train and test splits; "
                    + "use fashion-mnist, fashion-mnist:DIR, faces or rooms");
        }
        return spec;
    }

    /** Opens a model or a run's newest checkpoint, printing a warning to {@code err} for each problem met. */
    static ModelBundle.Loaded openModel(Path source, PrintWriter err) throws Exception {
        List<String> problems = new ArrayList<>();
        ModelBundle.Loaded model = ModelBundle.open(source, problems);
        Messages.warnSkipped(err, problems);
        return model;
    }

    /** The training step a model was saved at. */
    static long step(ModelBundle.Loaded model) {
        return model.info().state() == null ? 0 : model.info().state().iteration();
    }

    /** Prints a line whenever the message's phase changes or another 10% is done. */
    static Progress printer(PrintWriter out) {
        return new Progress() {
            private int lastTenth = -1;
            private String lastPhase = "";

            @Override
            public void update(double fraction, String message) {
                int tenth = (int) Math.floor(fraction * 10);
                int colon = message.indexOf(':');
                String phase = colon < 0 ? message : message.substring(0, colon);
                if (tenth != lastTenth || !phase.equals(lastPhase)) {
                    lastTenth = tenth;
                    lastPhase = phase;
                    out.printf(Locale.ROOT, "[%3.0f%%] %s%n", 100 * fraction, message);
                }
            }
        };
    }
}
