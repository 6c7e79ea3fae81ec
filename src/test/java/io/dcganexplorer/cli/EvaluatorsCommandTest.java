package io.dcganexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Option checks of {@code evaluators}; training itself is tested in core.eval. */
class EvaluatorsCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void unsupportedSizeIsOneLineNamingTheValue() {
        assertThat(run("evaluators", "--size", "48")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error: --size = 48: must be 16, 32 or 64");
    }

    @Test
    void unknownEvaluatorAndNonPositiveCountsAreRejected() {
        assertThat(run("evaluators", "--only", "cats")).isEqualTo(1);
        assertThat(run("evaluators", "--rooms", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("--only = cats: must be windows or faces")
                .contains("--rooms = 0: must be at least 1");
    }

    @Test
    void helpListsTheCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("evaluators");
    }
}
