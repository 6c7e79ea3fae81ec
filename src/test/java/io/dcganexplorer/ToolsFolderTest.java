package io.dcganexplorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The tools in src/tools/java stay tools: never run as tests, each named with its command in docs/TOOLS.md. */
class ToolsFolderTest {

    private static final Path TOOLS = Path.of("src", "tools", "java");

    private static List<Path> toolSources() throws IOException {
        try (Stream<Path> files = Files.walk(TOOLS)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void noToolHasANameSurefireWouldRunAsATest() throws IOException {
        assertThat(toolSources()).isNotEmpty().allSatisfy(p -> {
            String name = p.getFileName().toString().replace(".java", "");
            // Surefire's default includes: Test*, *Test, *Tests, *TestCase.
            assertThat(name).as(p.toString()).doesNotStartWith("Test").doesNotEndWith("Test")
                    .doesNotEndWith("Tests").doesNotEndWith("TestCase");
        });
    }

    @Test
    void everyToolWithAMainIsNamedWithItsCommandInTheToolsPage() throws IOException {
        String page = Files.readString(Path.of("docs", "TOOLS.md"));
        for (Path source : toolSources()) {
            if (Files.readString(source).contains("public static void main(")) {
                String className = TOOLS.relativize(source).toString().replace(".java", "")
                        .replace(source.getFileSystem().getSeparator(), ".");
                assertThat(page).as(source.toString()).contains("java -cp \"$CP\" " + className);
            }
        }
    }
}
