package io.dcganexplorer.app.status;

import java.util.List;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableStringValue;
import io.dcganexplorer.app.common.SystemInfo;
import io.dcganexplorer.app.common.TaskExecutor;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** Backend, threads and memory for the status bar; what is running comes from the panes. */
public final class StatusBarViewModel {

    /** What the backend probe reports; {@code allocator} is the native memory allocator (jemalloc or the C library's). */
    public record Backend(String name, int threads, String allocator) {
    }

    /** What the status bar says when nothing runs. */
    public static final String IDLE = "Idle";

    private final ReadOnlyStringWrapper backend = new ReadOnlyStringWrapper(this, "backend", "ND4J: starting…");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper(this, "memory", "");

    /** Probes the backend in the background: the first ND4J call loads native libraries (a second or more). */
    public StatusBarViewModel(TaskExecutor background, Callable<Backend> probe) {
        background.submit(probe, b -> backend.set(b.name() + " · " + b.threads() + " threads · " + b.allocator()),
                e -> backend.set("ND4J unavailable"));
        refreshMemory();
    }

    /** Re-reads heap and resident memory; the view calls it every couple of seconds. */
    public void refreshMemory() {
        long[] heap = SystemInfo.heap();
        memory.set("Heap " + SystemInfo.formatBytes(heap[0]) + " / " + SystemInfo.formatBytes(heap[1])
                + " · RSS " + SystemInfo.formatBytes(SystemInfo.residentBytes()));
    }

    /**
     * The status bar's left side: what the panes are doing ("Training …", "Probe: …"), joined; "Idle" only
     * when none of them is doing anything.
     */
    public static StringBinding activity(List<? extends ObservableStringValue> panes) {
        return Bindings.createStringBinding(() -> describe(panes.stream().map(ObservableStringValue::get).toList()),
                panes.toArray(new Observable[0]));
    }

    /** The activities that say something (not empty, not "Idle"), joined with a dot; "Idle" when none does. */
    static String describe(List<String> activities) {
        List<String> busy = activities.stream().filter(a -> a != null && !a.isBlank() && !a.equals(IDLE)).toList();
        return busy.isEmpty() ? IDLE : String.join("  ·  ", busy);
    }

    public ReadOnlyStringProperty backendProperty() {
        return backend.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }
}
