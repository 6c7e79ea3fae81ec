package io.dcganexplorer.app.probe;

import io.dcganexplorer.app.RecordingErrors;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.core.probe.SyntheticImages;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.TrainingState;
import java.io.IOException;
import java.nio.file.Path;

/** A tiny random 16x16x1 model and a tiny labelled set of four shape classes for the Probe tests. */
final class ProbeFixtures {

    private ProbeFixtures() {
    }

    /** 16x16x1, nz 4, 4 filters. */
    static DcganConfig tinyConfig(int channels) {
        return new DcganConfig(16, channels, 4, 4, 4, 8, 2e-4, 0.5, LatentDistribution.UNIFORM, 3);
    }

    /** Writes a tiny model under {@code modelsRoot}/{@code name}. */
    static Path writeModel(Path modelsRoot, String name, int channels) throws IOException {
        DcganConfig config = tinyConfig(channels);
        Path folder = modelsRoot.resolve(name);
        ModelBundle.write(folder, Dcgan.create(config), ModelBundle.info(config, null, "random weights",
                TrainingState.START), false);
        return folder;
    }

    /** 80 training and 40 test images of four shapes, 16x16x1. */
    static ProbeViewModel.DataSource shapes() {
        return new ProbeViewModel.DataSource("shapes", 16, 1, () -> new ProbeViewModel.LabelledData(
                SyntheticImages.shapes(80, 1), SyntheticImages.shapes(40, 2)));
    }

    /** Small caps that keep a run to a second or two: 5 labels per class, one draw, one C. */
    static void smallCaps(ProbeViewModel vm) {
        vm.trainCapProperty().set(60);
        vm.testCapProperty().set(40);
        vm.labelsPerClassProperty().set(5);
        vm.drawsProperty().set(1);
        vm.cGridProperty().set("1e-2");
        vm.kmeansProperty().set(new io.dcganexplorer.core.probe.KMeansFeatures.Options(4, 8, 400, 20, 1));
    }

    /** A view model where everything runs at once on the calling thread. */
    static ProbeViewModel viewModel(Path modelsRoot, RecordingErrors errors) {
        ModelService models = new ModelService(TaskExecutor.currentThread(), errors, (period, task) -> () -> { },
                modelsRoot, modelsRoot.resolve("no-runs"));
        return new ProbeViewModel(TaskExecutor.currentThread(), errors, models, shapes());
    }
}
