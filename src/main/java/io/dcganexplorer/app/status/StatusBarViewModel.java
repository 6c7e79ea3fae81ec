package io.dcganexplorer.app.status;

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

    public ReadOnlyStringProperty backendProperty() {
        return backend.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }
}
