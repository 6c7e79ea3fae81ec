package io.dcganexplorer.cli;

import io.dcganexplorer.core.probe.Progress;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.IdxDataset;
import io.dcganexplorer.data.InMemoryImageDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import io.dcganexplorer.run.ModelBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The labelled train/test data the probe and quality commands need, and a progress printer for them. */
final class LabelledData {

    private LabelledData() {
    }

    /**
     * One split of Fashion-MNIST at a model's size. Only IDX data has the standard test split the probe
     * protocol needs, so other sources are refused with a line saying so.
     */
    static InMemoryImageDataset open(String data, int imageSize, int channels, IdxDataset.Split split) {
        return IdxDataset.fashionMnist(folder(data), split,
                IdxDataset.Options.of(imageSize, IdxDataset.ResizeMode.PAD).withChannels(channels));
    }

    /**
     * The IDX folder of a data argument; checked before any model is loaded, so a wrong source is the
     * first and only error.
     */
    static Path folder(String data) {
        DatasetSpec spec = DatasetSpec.parse(data, 32, 1, 0, 0);
        if (spec.kind() != DatasetSpec.Kind.FASHION_MNIST) {
            throw new IllegalArgumentException("data '" + data + "': needs labelled train and test splits; "
                    + "use fashion-mnist or fashion-mnist:DIR");
        }
        return Path.of(spec.path());
    }

    /** Opens a model or a run's newest checkpoint, printing a warning for each checkpoint skipped. */
    static ModelBundle.Loaded openModel(Path source, PrintWriter out) throws Exception {
        List<String> problems = new ArrayList<>();
        ModelBundle.Loaded model = ModelBundle.open(source, problems);
        problems.forEach(p -> out.println("warning: skipped checkpoint " + p));
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
