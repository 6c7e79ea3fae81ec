package io.dcganexplorer.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one line the launcher prints when JavaFX cannot open a window. */
class LaunchProblemTest {

    @Test
    void aMissingGtkNamesThePackageToInstall() {
        RuntimeException launch = new RuntimeException("Exception in Application start method",
                new UnsupportedOperationException("Unable to load glass GTK library."));
        assertThat(LaunchProblem.explain(launch)).hasValueSatisfying(line -> assertThat(line)
                .contains("GTK 3 is missing", "libgtk-3-0", "scripts/dcgan").doesNotContain("\n"));
        assertThat(LaunchProblem.explain(new UnsatisfiedLinkError("libgtk-3.so.0: cannot open shared object file")))
                .hasValueSatisfying(line -> assertThat(line).contains("libgtk-3-0"));
    }

    @Test
    void noDisplayAndNoPipelineAreNamedToo() {
        assertThat(LaunchProblem.explain(new UnsupportedOperationException("Unable to open DISPLAY")))
                .hasValueSatisfying(line -> assertThat(line).contains("no display", "DISPLAY"));
        assertThat(LaunchProblem.explain(new RuntimeException("Error initializing QuantumRenderer: no suitable "
                + "pipeline found"))).hasValueSatisfying(line -> assertThat(line).contains("-Dprism.order=sw"));
    }

    @Test
    void anyOtherFailureIsLeftAlone() {
        assertThat(LaunchProblem.explain(new IllegalStateException("a bug"))).isEmpty();
        assertThat(LaunchProblem.explain(new RuntimeException((String) null))).isEmpty();
    }
}
