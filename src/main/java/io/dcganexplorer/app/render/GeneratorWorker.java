package io.dcganexplorer.app.render;

import io.dcganexplorer.accel.Accel;
import io.dcganexplorer.accel.GeneratorInference;
import io.dcganexplorer.app.common.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one thread that owns a pane's copy of the generator: every pane renders through one of these
 * (Walk, Arithmetic, Ablate), so no network is ever used by two threads.
 *
 * <p>Interactive requests are coalesced: {@link #request} only replaces the newest z and wakes the
 * thread, which renders whatever is newest when it gets to it (batch 1), so a fast slider drag never
 * builds a queue of stale frames. That image comes from {@link GeneratorInference} (batchnorm folded,
 * weights laid out once), several times faster than the network's own batch-1 path. Companion images
 * (neighbours, direction strips: a larger batch) are rendered only once the z has been still for
 * {@link #COMPANION_DELAY_MILLIS}, so they never delay the image under the thumb. Other jobs (a grid, a
 * walk, PCA, an ablation) run in order when nothing interactive waits; {@link #executor} offers the same
 * queue as a {@link TaskExecutor} for view models written against that interface.
 */
public final class GeneratorWorker implements AutoCloseable {

    /** How long z must stay unchanged before the companions are rendered. */
    public static final long COMPANION_DELAY_MILLIS = 120;
    /** Largest batch one generator call gets; bounds memory for long walks at 64x64. */
    static final int MAX_BATCH = 32;

    /** A z to render and when it was asked for. */
    private record Request(float[] z, long requestedAt) {
    }

    /** Which companion z's to render for a main z; the plan comes back with its frames. */
    @FunctionalInterface
    public interface CompanionPlan {
        List<float[]> companions(float[] z);
    }

    /** A queued job: run on the renderer thread, or cancelled when the renderer closes first. */
    private record Job(Runnable run, Runnable cancel) {
    }

    /** Companion frames and the plan and z they were made for. */
    public record Companions(CompanionPlan plan, float[] z, List<Frame> frames) {
    }

    /** What a job can do with the generator, on the renderer thread. */
    public interface Session {
        MultiLayerNetwork network();

        /** G(z) for each z, in order. */
        List<Frame> render(List<float[]> zs);
    }

    private final Consumer<Frame> mainSink;
    private final Consumer<Companions> companionSink;
    private final Consumer<Exception> failures;
    private final AtomicReference<Request> pendingMain = new AtomicReference<>();
    private final AtomicReference<MultiLayerNetwork> pendingGenerator = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Job> jobs = new ConcurrentLinkedQueue<>();
    private final Object wake = new Object();
    private final Thread thread;
    private volatile CompanionPlan plan;
    private volatile boolean closed;
    /** Owned by the renderer thread. */
    private MultiLayerNetwork generator;
    /** The generator compiled for batch-1 requests; null when its shape is not one GeneratorInference takes. */
    private GeneratorInference fast;
    private float[] companionZ;
    private long companionDueAt;

    /**
     * @param name the thread's name (shown in thread dumps and profilers)
     * @param mainSink receives each main frame on the renderer thread
     * @param companionSink receives companion frames on the renderer thread
     * @param failures receives rendering failures on the renderer thread
     */
    public GeneratorWorker(String name, Consumer<Frame> mainSink, Consumer<Companions> companionSink,
            Consumer<Exception> failures) {
        this.mainSink = mainSink;
        this.companionSink = companionSink;
        this.failures = failures;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands over a generator copy; later requests use it. The renderer is its only user from now on. */
    public void setGenerator(MultiLayerNetwork copy) {
        pendingGenerator.set(copy);
        signal();
    }

    /** Replaces what the companions are (null: none). */
    public void setCompanionPlan(CompanionPlan plan) {
        this.plan = plan;
    }

    /** Asks for G(z); cheap and safe from any thread. Only the newest request is ever rendered. */
    public void request(float[] z, long requestedAt) {
        pendingMain.set(new Request(z.clone(), requestedAt));
        signal();
    }

    /** A worker for jobs only: no interactive requests, no companions. */
    public static GeneratorWorker forJobs(String name, Consumer<Exception> failures) {
        return new GeneratorWorker(name, f -> { }, c -> { }, failures);
    }

    /**
     * This worker's job queue as a {@link TaskExecutor}: work runs on the worker thread (which may then use
     * the generator a job installed there), results and failures come back through {@code ui}. Shutting it
     * down closes the worker.
     */
    public TaskExecutor executor(TaskExecutor ui) {
        return new TaskExecutor() {
            @Override
            public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
                enqueue(new Job(() -> {
                    try {
                        T result = work.call();
                        ui.runOnUi(() -> onSuccess.accept(result));
                    } catch (Exception e) {
                        ui.runOnUi(() -> onFailure.accept(e));
                    } catch (OutOfMemoryError e) {
                        ExecutionException wrapped = new ExecutionException(e.getMessage(), e);
                        ui.runOnUi(() -> onFailure.accept(wrapped));
                    }
                }, () -> { }));
            }

            @Override
            public void runOnUi(Runnable action) {
                ui.runOnUi(action);
            }

            @Override
            public void shutdown() {
                close();
            }
        };
    }

    private void enqueue(Job job) {
        if (closed) {
            job.cancel().run();
            return;
        }
        jobs.add(job);
        signal();
    }

    /** Runs {@code work} on the worker thread when no interactive request waits. */
    public <T> CompletableFuture<T> submit(Function<Session, T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        enqueue(new Job(() -> {
            try {
                if (generator == null) {
                    throw new IllegalStateException("no model is loaded");
                }
                result.complete(work.apply(session));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, () -> result.completeExceptionally(new java.util.concurrent.CancellationException("the pane closed"))));
        return result;
    }

    /** G(z) for each z in the background; the future completes on the renderer thread. */
    public CompletableFuture<List<Frame>> renderAll(List<float[]> zs) {
        List<float[]> copy = List.copyOf(zs);
        return submit(s -> s.render(copy));
    }

    private final Session session = new Session() {
        @Override
        public MultiLayerNetwork network() {
            return generator;
        }

        @Override
        public List<Frame> render(List<float[]> zs) {
            return renderBatch(zs, 0);
        }
    };

    private List<Frame> renderBatch(List<float[]> zs, long requestedAt) {
        List<Frame> out = new ArrayList<>(zs.size());
        int nz = zs.isEmpty() ? 0 : zs.get(0).length;
        for (int start = 0; start < zs.size(); start += MAX_BATCH) {
            int n = Math.min(MAX_BATCH, zs.size() - start);
            float[] data = new float[n * nz];
            for (int i = 0; i < n; i++) {
                System.arraycopy(zs.get(start + i), 0, data, i * nz, nz);
            }
            out.addAll(Frame.fromBatch(generator.output(Nd4j.create(data, new long[] {n, nz}, 'c'), false),
                    requestedAt));
        }
        return out;
    }

    /** The slider path: batch 1 through the compiled generator when there is one. */
    private Frame renderOne(Request request) {
        if (fast != null && request.z().length == fast.nz()) {
            return Frame.fromPlanes(fast.generatePlanes(request.z()), 0, fast.channels(), fast.size(),
                    fast.size(), request.requestedAt());
        }
        return renderBatch(List.of(request.z()), request.requestedAt()).get(0);
    }

    private void signal() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void loop() {
        while (!closed) {
            try {
                waitForWork();
                if (closed) {
                    return;
                }
                MultiLayerNetwork swapped = pendingGenerator.getAndSet(null);
                if (swapped != null) {
                    generator = swapped;
                    fast = null;
                    fast = Accel.compile(swapped).orElse(null);
                }
                Request main = pendingMain.getAndSet(null);
                if (main != null && generator != null) {
                    mainSink.accept(renderOne(main));
                    companionZ = main.z();
                    companionDueAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COMPANION_DELAY_MILLIS);
                    continue;
                }
                if (companionZ != null && System.nanoTime() >= companionDueAt) {
                    renderCompanions();
                    continue;
                }
                Job job = jobs.poll();
                if (job != null) {
                    job.run().run();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A shape mismatch after a model change or an ND4J error: report it and keep serving requests.
                companionZ = null;
                failures.accept(e);
            }
        }
    }

    private void renderCompanions() {
        float[] z = companionZ;
        companionZ = null;
        CompanionPlan current = plan;
        if (current == null || generator == null) {
            return;
        }
        List<float[]> zs = current.companions(z);
        if (!zs.isEmpty()) {
            companionSink.accept(new Companions(current, z, renderBatch(zs, 0)));
        }
    }

    private void waitForWork() throws InterruptedException {
        synchronized (wake) {
            while (!closed && pendingMain.get() == null && pendingGenerator.get() == null && jobs.isEmpty()) {
                if (companionZ == null) {
                    wake.wait();
                } else {
                    long waitNanos = companionDueAt - System.nanoTime();
                    if (waitNanos <= 0) {
                        return;
                    }
                    TimeUnit.NANOSECONDS.timedWait(wake, waitNanos);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        signal();
        thread.interrupt();
        // Jobs still queued never run; complete them so no caller waits forever.
        Job job;
        while ((job = jobs.poll()) != null) {
            job.cancel().run();
        }
    }
}
