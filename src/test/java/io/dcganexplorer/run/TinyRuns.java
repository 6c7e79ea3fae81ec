package io.dcganexplorer.run;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.TinyGan;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.data.InMemoryImageDataset;
import java.util.SplittableRandom;

/** A tiny labelled data set and config for run-level tests. */
final class TinyRuns {

    private TinyRuns() {
    }

    static DcganConfig config() {
        return TinyGan.config(17);
    }

    /** 64 noisy 16x16 blobs. */
    static ImageDataset data() {
        SplittableRandom r = new SplittableRandom(3);
        byte[][] images = new byte[64][256];
        int[] labels = new int[64];
        for (int i = 0; i < 64; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < 256; p++) {
                int x = p % 16;
                int y = p / 16;
                boolean on = labels[i] == 0 ? Math.abs(x - 8) < 4 : Math.abs(y - 8) < 4;
                images[i][p] = (byte) ((on ? 200 : 30) + r.nextInt(20));
            }
        }
        return new InMemoryImageDataset("tiny blobs", 16, 1, images, labels, java.util.List.of("vertical", "horizontal"));
    }

    /** Collects the detail of the session's end (why it diverged or failed), in order. */
    static java.util.List<String> endDetails(TrainingSession session) {
        java.util.List<String> details = new java.util.concurrent.CopyOnWriteArrayList<>();
        session.addListener(new io.dcganexplorer.core.gan.TrainingListener() {
            @Override
            public void onStep(io.dcganexplorer.core.gan.TrainingSnapshot snapshot) {
            }

            @Override
            public void onEnd(io.dcganexplorer.core.gan.TrainingOutcome outcome, String detail) {
                details.add(detail);
            }
        });
        return details;
    }

    static DatasetSpec spec() {
        return new DatasetSpec(DatasetSpec.Kind.FASHION_MNIST, "/nonexistent", 16, 1, 0, 0);
    }
}
