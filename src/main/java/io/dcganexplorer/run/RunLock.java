package io.dcganexplorer.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one-writer rule of a run folder: a trainer holds an exclusive lock on {@code .writer.lock} for as long
 * as it trains, so a second trainer on the same folder is refused before it touches metrics.csv or a
 * checkpoint. The operating system drops the lock when the process dies (kill -9 included), so a stale lock
 * file never blocks a resume. Readers (the app following a run, {@code sample}) take no lock.
 */
public final class RunLock implements AutoCloseable {

    /** The lock file inside a run folder; it holds the writer's process id and start time, for messages. */
    public static final String FILE = ".writer.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the run folder's writer lock.
     *
     * @throws RunLockedException when another process (or another session in this one) trains the run
     */
    public static RunLock acquire(Path runFolder) throws IOException {
        Path file = runFolder.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new RunLockedException(runFolder, holder);
        }
        try {
            String who = "pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(who.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            // The lock holds without the note (a full disk, say); messages then say "another process".
        }
        return new RunLock(channel, lock);
    }

    /** What the lock file says about its holder ("pid 123, since ..."), or "another process" if it says nothing. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(200);
            int n = channel.read(buffer, 0);
            String text = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.UTF_8).trim();
            return text.startsWith("pid ") ? "process " + text.substring(4) : "another process";
        } catch (IOException e) {
            return "another process";
        }
    }

    /** Releases the lock; the file stays (deleting it would race with the next writer's open). */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    /** A run folder that another trainer holds. */
    public static final class RunLockedException extends IOException {

        private final String holder;

        RunLockedException(Path runFolder, String holder) {
            super(runFolder + ": this run is being trained by " + holder + "; only one trainer may write a run. "
                    + "Wait for it to finish (or stop it), then resume; to follow it, open it in the app or run "
                    + "'dcgan sample' on it");
            this.holder = holder;
        }

        /** "process 1234, since 2026-...", as the lock file names it. */
        public String holder() {
            return holder;
        }
    }
}
