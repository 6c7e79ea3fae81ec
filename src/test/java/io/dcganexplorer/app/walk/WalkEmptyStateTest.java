package io.dcganexplorer.app.walk;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.app.model.ModelChoice;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the Walk pane says before it has an image. */
class WalkEmptyStateTest {

    private final Path root = Path.of("/opt/dcgan/models");

    @Test
    void whileTheFirstModelLoadsItSaysWhichOne() {
        ModelChoice faces = ModelChoice.of(root.resolve("faces32"), ModelChoice.Kind.MODEL);
        assertThat(WalkPane.emptyText(faces, true, true, root)).isEqualTo("Opening faces32…");
    }

    @Test
    void withNoSavedModelItSaysWhereItLooked() {
        assertThat(WalkPane.emptyText(null, false, false, root))
                .startsWith("No saved model found in /opt/dcgan/models. Train one in the Train tab");
    }

    @Test
    void otherwiseItSaysHowToGetAModel() {
        assertThat(WalkPane.emptyText(null, false, true, root)).startsWith("No model yet. Train one");
    }
}
