package io.dcganexplorer.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.RecordingErrors;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.core.gan.Dcgan;
import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.core.gan.TinyGan;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.run.ModelBundle;
import io.dcganexplorer.run.TrainingState;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The current model's name on every pane, and the switch a pane offers when it needs another kind. */
class CurrentModelViewModelTest {

    @TempDir
    static Path dir;

    private static final ModelNeed ROOMS = new ModelNeed("rooms", DatasetSpec.Kind.ROOMS, 0, 0, "rooms32");
    private final RecordingErrors errors = new RecordingErrors();

    /** A tiny random model saved as trained on {@code kind}. */
    static Path writeModel(Path root, String name, DatasetSpec.Kind kind) throws IOException {
        DcganConfig config = TinyGan.config(5);
        DatasetSpec data = new DatasetSpec(kind, null, config.imageSize(), config.channels(), 10, 1);
        Path folder = root.resolve(name);
        ModelBundle.write(folder, Dcgan.create(config), ModelBundle.info(config, data, kind + " for a test",
                TrainingState.START), false);
        return folder;
    }

    @BeforeAll
    static void writeModels() throws IOException {
        writeModel(dir.resolve("models"), "faces32", DatasetSpec.Kind.FACES);
        writeModel(dir.resolve("models"), "rooms32", DatasetSpec.Kind.ROOMS);
        writeModel(dir.resolve("only-faces"), "faces32", DatasetSpec.Kind.FACES);
    }

    private ModelService models(String root) {
        ModelService models = new ModelService(TaskExecutor.currentThread(), errors, (period, task) -> () -> { },
                dir.resolve(root), dir.resolve("no-runs"));
        models.openDefault();
        return models;
    }

    @Test
    void everyPaneNamesTheCurrentModelAndFollowsASwitchMadeElsewhere() {
        ModelService models = models("models");
        CurrentModelViewModel anyModel = new CurrentModelViewModel(models, null);
        assertThat(anyModel.titleProperty().get()).startsWith("Model: faces32, step 0");

        models.open(models.choices().stream().filter(c -> c.name().equals("rooms32")).findFirst().orElseThrow());

        assertThat(anyModel.titleProperty().get()).startsWith("Model: rooms32");
        assertThat(anyModel.mismatchProperty().get()).isEmpty();
        assertThat(anyModel.switchTargetProperty().get()).isNull();
    }

    @Test
    void aPaneThatNeedsRoomsSaysWhichAndItsOneClickSwitchOpensRooms32ForEveryPane() {
        ModelService models = models("models");
        CurrentModelViewModel ablate = new CurrentModelViewModel(models, ROOMS);
        CurrentModelViewModel walk = new CurrentModelViewModel(models, null);
        assertThat(ablate.mismatchProperty().get()).contains("needs a model trained on rooms", "faces32",
                "FACES for a test");
        assertThat(ablate.switchTargetProperty().get().name()).isEqualTo("rooms32");

        assertThat(ablate.switchModel()).isTrue();

        assertThat(models.currentProperty().get().source().name()).isEqualTo("rooms32");
        assertThat(walk.titleProperty().get()).startsWith("Model: rooms32");
        assertThat(ablate.mismatchProperty().get()).isEmpty();
        assertThat(ablate.switchTargetProperty().get()).isNull();
        assertThat(errors.messages).isEmpty();
    }

    @Test
    void withNoModelOfTheNeededKindListedThePaneSaysSoWithoutASwitch() {
        ModelService models = models("only-faces");
        CurrentModelViewModel ablate = new CurrentModelViewModel(models, ROOMS);
        assertThat(ablate.mismatchProperty().get()).contains("rooms");
        assertThat(ablate.switchTargetProperty().get()).isNull();
        assertThat(ablate.switchModel()).isFalse();
    }

    @Test
    void aShapeNeedAcceptsAnyDataOfThatShape() {
        ModelService models = models("models");
        DcganConfig c = models.currentProperty().get().config();
        assertThat(new ModelNeed("any", null, c.imageSize(), c.channels(), "x").metBy(models.currentProperty().get()))
                .isTrue();
        assertThat(new ModelNeed("any", null, c.imageSize() * 2, c.channels(), "x")
                .metBy(models.currentProperty().get())).isFalse();
    }
}
