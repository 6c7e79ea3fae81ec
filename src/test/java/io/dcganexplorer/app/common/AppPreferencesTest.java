package io.dcganexplorer.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppPreferencesTest {

    @TempDir
    Path dir;

    @Test
    void windowAndLastRunSurviveARestart() throws Exception {
        AppPreferences prefs = AppPreferences.load(dir);
        assertThat(prefs.values()).isEqualTo(AppPreferences.Values.DEFAULTS);
        prefs.update(v -> v.withWindow(10, 20, 1200, 800, false).withLastRun("/runs/a").withData("IMAGE_FOLDER", "/pics"));
        prefs.save();

        AppPreferences again = AppPreferences.load(dir);
        assertThat(again.values()).isEqualTo(prefs.values());
    }

    @Test
    void theTabShownAndTheSeenTourSurviveARestart() throws Exception {
        AppPreferences prefs = AppPreferences.load(dir);
        assertThat(prefs.values().lastActivity()).isNull();
        assertThat(prefs.values().tourSeen()).isFalse();
        prefs.update(v -> v.withLastActivity("Ablate").withTourSeen(true));
        prefs.save();

        AppPreferences.Values again = AppPreferences.load(dir).values();
        assertThat(again.lastActivity()).isEqualTo("Ablate");
        assertThat(again.tourSeen()).isTrue();
    }

    @Test
    void aFileFromBeforeTheTourKeepsItsValuesAndShowsTheTourOnce() throws Exception {
        Files.writeString(dir.resolve("preferences.json"), "{\"windowX\": 5, \"windowY\": 6, \"windowWidth\": 1200,"
                + " \"windowHeight\": 800, \"maximized\": false, \"lastRun\": \"/runs/a\"}");
        AppPreferences.Values read = AppPreferences.load(dir).values();
        assertThat(read.windowWidth()).isEqualTo(1200);
        assertThat(read.lastRun()).isEqualTo("/runs/a");
        assertThat(read.lastActivity()).isNull();
        assertThat(read.tourSeen()).isFalse();
    }

    @Test
    void aCorruptFileGivesTheDefaults() throws Exception {
        Files.writeString(dir.resolve("preferences.json"), "{ not json");
        assertThat(AppPreferences.load(dir).values()).isEqualTo(AppPreferences.Values.DEFAULTS);
    }

    @Test
    void residentMemoryIsReadFromProcStatus() {
        assertThat(SystemInfo.residentBytes(List.of("Name:\tjava", "VmRSS:\t  2048 kB"))).isEqualTo(2048 * 1024);
        assertThat(SystemInfo.residentBytes(List.of("Name:\tjava"))).isEqualTo(-1);
        assertThat(SystemInfo.formatBytes(1536L * 1024 * 1024)).isEqualTo("1.5 GB");
    }

    @Test
    void errorMessagesNeverShowAStackTraceOrAWrapper() {
        Exception wrapped = new java.util.concurrent.ExecutionException(
                new java.io.IOException("/runs/x/metrics.csv: permission denied\n\tat Foo.bar"));
        assertThat(ErrorReporter.describe(wrapped)).isEqualTo("/runs/x/metrics.csv: permission denied");
        assertThat(ErrorReporter.describe(new IllegalStateException())).isEqualTo("illegal state exception");
    }

    @Test
    void coalescerQueuesOneUpdateForABurst() {
        List<Runnable> queued = new java.util.ArrayList<>();
        TaskExecutor later = new TaskExecutor() {
            @Override
            public <T> void submit(java.util.concurrent.Callable<T> w, java.util.function.Consumer<T> ok,
                                   java.util.function.Consumer<Exception> fail) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void runOnUi(Runnable action) {
                queued.add(action);
            }

            @Override
            public void shutdown() {
            }
        };
        int[] updates = {0};
        UiCoalescer coalescer = new UiCoalescer(later, () -> updates[0]++);
        for (int i = 0; i < 100; i++) {
            coalescer.request();
        }
        assertThat(queued).hasSize(1);
        queued.remove(0).run();
        coalescer.request();
        assertThat(queued).hasSize(1);
        assertThat(updates[0]).isEqualTo(1);
    }
}
