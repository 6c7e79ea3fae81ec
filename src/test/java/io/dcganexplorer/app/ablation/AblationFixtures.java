package io.dcganexplorer.app.ablation;

import io.dcganexplorer.app.RecordingErrors;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.app.model.ModelService;
import io.dcganexplorer.core.ablation.WindowProbabilities;
import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.latent.LatentDistribution;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A tiny random RGB model and a rule-based "detector" for the Ablate tests. */
final class AblationFixtures {

    private AblationFixtures() {
    }

    /** 16x16x3, nz 4, 4 filters: relu0 has 8 maps (4x4), relu1 4 maps (8x8). */
    static DcganConfig tinyConfig() {
        return new DcganConfig(16, 3, 4, 4, 4, 8, 2e-4, 0.5, LatentDistribution.UNIFORM, 3);
    }

    /** Writes the tiny model under {@code modelsRoot}/tiny, with weights large enough to draw visible patterns. */
    static Path writeModel(Path modelsRoot) throws IOException {
        Dcgan gan = Dcgan.create(tinyConfig());
        gan.generator().params().muli(4);
        Path folder = modelsRoot.resolve("tiny");
        ModelBundle.write(folder, gan, ModelBundle.info(tinyConfig(), null, "random weights", TrainingState.START), false);
        return folder;
    }

    /** "Window" where the red channel is bright. */
    static final WindowProbabilities BRIGHT_RED = images -> images.get(NDArrayIndex.all(), NDArrayIndex.point(0),
            NDArrayIndex.all(), NDArrayIndex.all()).gt(0.0).castTo(DataType.FLOAT);

    /** A view model where everything runs at once on the calling thread. */
    static AblationViewModel viewModel(Path modelsRoot, RecordingErrors errors,
                                       AblationViewModel.DetectorSource detectors) {
        ModelService models = new ModelService(TaskExecutor.currentThread(), errors, (period, task) -> () -> { },
                modelsRoot, modelsRoot.resolve("no-runs"));
        return new AblationViewModel(TaskExecutor.currentThread(), TaskExecutor.currentThread(), errors, models,
                detectors);
    }

    static AblationViewModel.DetectorSource brightRed() {
        return size -> Optional.of(BRIGHT_RED);
    }
}
