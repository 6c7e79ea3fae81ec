package io.dcganexplorer.cli;

import io.dcganexplorer.core.platform.OutOfMemory;
import java.util.Optional;

/** Turns exceptions into one line a person can act on. */
final class Messages {

    private Messages() {
    }

    static String describe(Throwable e) {
        Optional<OutOfMemory> oom = OutOfMemory.of(e);
        if (oom.isPresent()) {
            return "out of memory: " + oom.get().where() + " (" + oom.get().message() + "); try a smaller --batch or "
                    + "--size, or " + oom.get().remedy();
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
