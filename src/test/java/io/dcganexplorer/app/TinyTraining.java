package io.dcganexplorer.app;

import io.dcganexplorer.app.train.DatasetLoader;
import io.dcganexplorer.app.train.TrainViewModel;
import io.dcganexplorer.data.InMemoryImageDataset;
import java.util.List;

/** A tiny data set and model settings so UI tests train in milliseconds per step. */
public final class TinyTraining {

    private TinyTraining() {
    }

    /** 48 16x16 gray images: a bright square whose position depends on the index, on a dark background. */
    public static InMemoryImageDataset squares() {
        byte[][] images = new byte[48][16 * 16];
        for (int i = 0; i < images.length; i++) {
            int ox = i % 8;
            int oy = (i / 8) % 8;
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    boolean inside = x >= ox && x < ox + 8 && y >= oy && y < oy + 8;
                    images[i][y * 16 + x] = (byte) (inside ? 230 : 20 + (x + y + i) % 7);
                }
            }
        }
        return new InMemoryImageDataset("tiny squares", 16, 1, images, null, List.of());
    }

    /** Hands the tiny squares to every run, whatever the spec asks for. */
    public static DatasetLoader loader() {
        return (spec, progress, cancelled) -> squares();
    }

    /** 16x16x1, nz 4, 4 filters, batch 8: a step takes a few tens of milliseconds. */
    public static void configure(TrainViewModel vm, int iterations, int sampleEvery) {
        vm.imageSizeProperty().set(16);
        vm.channelsProperty().set(1);
        vm.field("nz").textProperty().set("4");
        vm.field("ngf").textProperty().set("4");
        vm.field("ndf").textProperty().set("4");
        vm.field("batchSize").textProperty().set("8");
        vm.field("iterations").textProperty().set(Integer.toString(iterations));
        vm.field("sampleEvery").textProperty().set(Integer.toString(sampleEvery));
        vm.field("seed").textProperty().set("7");
    }
}
