package io.dcganexplorer.run;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pause, resume and stop requests for a running session, safe to call from any thread (the UI, a
 * shutdown hook). The trainer checks between steps, so a step is never cut in half.
 */
public final class TrainingControl {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean paused;
    private volatile boolean stopRequested;

    public void pause() {
        lock.lock();
        try {
            paused = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Asks the session to checkpoint and return after the current step; also ends a pause. */
    public void stop() {
        lock.lock();
        try {
            stopRequested = true;
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    /** Blocks while paused; returns at once otherwise. Returns true if the wait was a pause. */
    boolean awaitNotPaused() throws InterruptedException {
        lock.lock();
        try {
            boolean waited = false;
            while (paused && !stopRequested) {
                waited = true;
                changed.await();
            }
            return waited;
        } finally {
            lock.unlock();
        }
    }
}
