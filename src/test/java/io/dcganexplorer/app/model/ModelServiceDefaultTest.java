package io.dcganexplorer.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which model a first launch opens. */
class ModelServiceDefaultTest {

    private static ModelChoice model(String name) {
        return ModelChoice.of(Path.of("models", name), ModelChoice.Kind.MODEL);
    }

    private static ModelChoice run(String name) {
        return ModelChoice.of(Path.of("runs", name), ModelChoice.Kind.RUN);
    }

    @Test
    void theShippedFacesModelIsOpenedWhereverItIsListed() {
        assertThat(ModelService.defaultChoice(List.of(model("fashion32"), model("faces32"), model("rooms32"))))
                .contains(model("faces32"));
    }

    @Test
    void withoutTheFacesAnotherSavedModelIsOpenedBeforeAnyRun() {
        assertThat(ModelService.defaultChoice(List.of(run("faces32"), model("rooms32"), model("fashion32"))))
                .contains(model("rooms32"));
        assertThat(ModelService.defaultChoice(List.of(run("mine")))).contains(run("mine"));
    }

    @Test
    void withNothingListedNothingIsOpened() {
        assertThat(ModelService.defaultChoice(List.of())).isEmpty();
    }
}
