package io.dcganexplorer.accel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/native-allocator.sh}, which {@code scripts/dcgan} and the installed app's start command
 * ({@code lib/dcgan-explorer.sh}) source before starting Java: the JVM runs on jemalloc where the machine has it
 * (CI installs libjemalloc2), on the C library's malloc where it has not or with {@code DCGAN_MALLOC=system}.
 */
class NativeAllocatorScriptTest {

    private static final Path SCRIPT = Path.of("scripts", "native-allocator.sh").toAbsolutePath();

    /** Where the script finds jemalloc here: a libjemalloc.so.2 path, or "" where none is installed. */
    private static String jemallocHere() throws Exception {
        return run("dcgan_jemalloc_library", Map.of()).output().strip();
    }

    private record Outcome(String output, String errors) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    /** Sources the script, calls its function, then runs {@code then} in the same shell. */
    private static Outcome run(String then, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", ". \"$0\" && dcgan_preload_jemalloc && " + then,
                SCRIPT.toString(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"));
        pb.environment().keySet().removeAll(List.of("LD_PRELOAD", "MALLOC_CONF", "DCGAN_MALLOC"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code; stderr: %s", new String(err, StandardCharsets.UTF_8)).isZero();
        return new Outcome(new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static Outcome runJava(Map<String, String> env) throws IOException, InterruptedException {
        return run("exec \"$1\" -cp \"$2\" " + PrintNativeAllocator.class.getName(), env);
    }

    @Test
    void theJvmRunsOnJemallocWhereItIsInstalledWithLargeBlocksKeptInItsArenas() throws Exception {
        String library = jemallocHere();
        Outcome outcome = runJava(Map.of());
        if (library.isEmpty()) {
            assertThat(outcome.lines()).containsExactly("C library malloc", "-");
        } else {
            assertThat(library).endsWith("/libjemalloc.so.2");
            assertThat(outcome.lines()).containsExactly("jemalloc", "oversize_threshold:0");
        }
        assertThat(outcome.errors()).isEmpty();
    }

    @Test
    void dcganMallocSystemKeepsTheCLibrarysMalloc() throws Exception {
        assertThat(runJava(Map.of("DCGAN_MALLOC", "system")).lines()).containsExactly("C library malloc", "-");
    }

    @Test
    void aMallocConfOfTheUsersOwnIsKept() throws Exception {
        Outcome outcome = runJava(Map.of("MALLOC_CONF", "narenas:2"));
        assertThat(outcome.lines().get(1)).isEqualTo("narenas:2");
    }

    @Test
    void anUnknownDcganMallocValueIsNamedAndTheDefaultUsed() throws Exception {
        Outcome outcome = runJava(Map.of("DCGAN_MALLOC", "tcmalloc"));
        assertThat(outcome.errors()).contains("DCGAN_MALLOC=tcmalloc: expected system, jemalloc or auto; using auto");
        assertThat(outcome.lines().get(0)).isEqualTo(jemallocHere().isEmpty() ? "C library malloc" : "jemalloc");
    }

    @Test
    void askingForJemallocWhereItIsMissingSaysSoAndGoesOn() throws Exception {
        // Where jemalloc is installed (CI) this checks that no warning is printed; elsewhere, the warning.
        Outcome outcome = run("true", Map.of("DCGAN_MALLOC", "jemalloc"));
        if (jemallocHere().isEmpty()) {
            assertThat(outcome.errors()).contains("no libjemalloc.so.2 was found (apt-get install libjemalloc2)");
        } else {
            assertThat(outcome.errors()).isEmpty();
        }
    }
}
