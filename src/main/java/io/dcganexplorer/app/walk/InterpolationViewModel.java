package io.dcganexplorer.app.walk;

import io.dcganexplorer.app.render.Frame;
import io.dcganexplorer.app.common.ErrorReporter;
import io.dcganexplorer.app.common.TaskExecutor;
import io.dcganexplorer.core.latent.Interpolation;
import io.dcganexplorer.core.latent.LatentSampler;
import io.dcganexplorer.data.ImageConversions;
import io.dcganexplorer.run.export.GifWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Walks between keyframes (Radford et al. 2015, figure 4: "a walk through 9 random points"): a grid of
 * random z's from a seed, keyframes picked from it in order, a path with linear or spherical
 * interpolation rendered as a filmstrip and played as an animation, exported as a GIF or a PNG strip.
 */
public final class InterpolationViewModel {

    /** The grid is GRID_COLUMNS x GRID_COLUMNS random z's. */
    public static final int GRID_COLUMNS = 4;
    /** Keyframes of the paper's figure 4. */
    public static final int FIGURE4_KEYFRAMES = 9;
    /** Grid cell i is z number GRID_FIRST_INDEX + i of the seed's sampling stream; the main z is number 0. */
    static final long GRID_FIRST_INDEX = 1;

    private final WalkViewModel walk;
    private final TaskExecutor executor;
    private final ErrorReporter errors;
    private final LongProperty gridSeed = new SimpleLongProperty(1);
    private final ObservableList<Frame> gridFrames = FXCollections.observableArrayList();
    private final List<float[]> gridZs = new ArrayList<>();
    private final ObservableList<Integer> keyframes = FXCollections.observableArrayList();
    private final ObjectProperty<Interpolation.Mode> mode = new SimpleObjectProperty<>(Interpolation.Mode.SPHERICAL);
    private final IntegerProperty stepsPerSegment = new SimpleIntegerProperty(8);
    private final ObservableList<Frame> walkFrames = FXCollections.observableArrayList();
    /** Steps per segment of the walk shown (the setting may have changed since it was built). */
    private int builtSteps;
    private final List<float[]> walkZs = new ArrayList<>();
    private final BooleanProperty playing = new SimpleBooleanProperty();
    private final IntegerProperty frameIndex = new SimpleIntegerProperty();
    private final DoubleProperty framesPerSecond = new SimpleDoubleProperty(12);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private long lastTick;
    private double frameCarry;
    private long gridGeneration;
    private long walkGeneration;

    InterpolationViewModel(WalkViewModel walk, TaskExecutor executor, ErrorReporter errors) {
        this.walk = walk;
        this.executor = executor;
        this.errors = errors;
        gridSeed.addListener((o, a, b) -> {
            keyframes.clear();
            renderGrid();
        });
        playing.addListener((o, a, now) -> lastTick = 0);
    }

    void modelChanged(boolean sameLatent) {
        if (!sameLatent) {
            keyframes.clear();
            clearWalk();
        }
        renderGrid();
        if (sameLatent && keyframes.size() >= 2) {
            buildWalk();
        }
    }

    /** Renders the grid of random z's for the current seed. */
    public void renderGrid() {
        LatentSampler sampler = walk.sampler();
        if (sampler == null) {
            return;
        }
        gridZs.clear();
        int cells = GRID_COLUMNS * GRID_COLUMNS;
        for (int i = 0; i < cells; i++) {
            gridZs.add(sampler.vector(gridSeed.get(), LatentSampler.SAMPLING_STREAM, GRID_FIRST_INDEX + i));
        }
        long generation = ++gridGeneration;
        var future = walk.renderer().renderAll(gridZs);
        executor.submit(future::get, frames -> {
            if (generation == gridGeneration) {
                gridFrames.setAll(frames);
            }
        }, e -> errors.error("Could not render the keyframe grid", e));
    }

    /** Adds grid cell {@code cell} as the next keyframe, or removes it when it is one already. */
    public void toggleKeyframe(int cell) {
        if (cell < 0 || cell >= gridZs.size()) {
            return;
        }
        if (!keyframes.remove((Integer) cell)) {
            keyframes.add(cell);
        }
    }

    /** The paper's figure 4: nine random keyframes from the grid seed, a linear walk through them. */
    public void figure4() {
        List<Integer> cells = new ArrayList<>();
        for (int i = 0; i < GRID_COLUMNS * GRID_COLUMNS; i++) {
            cells.add(i);
        }
        // Seeded by the grid seed, so the same seed always gives the same figure.
        SplittableRandom random = new SplittableRandom(gridSeed.get());
        for (int i = cells.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            cells.set(i, cells.set(j, cells.get(i)));
        }
        keyframes.setAll(cells.subList(0, FIGURE4_KEYFRAMES));
        mode.set(Interpolation.Mode.LINEAR);
        buildWalk();
    }

    /** Interpolates between the keyframes and renders the path in the background. */
    public void buildWalk() {
        if (keyframes.size() < 2 || gridZs.isEmpty()) {
            status.set("Pick at least two keyframes: click images in the grid, in the order to visit them.");
            return;
        }
        List<float[]> keys = keyframeZs();
        int steps = stepsPerSegment.get();
        List<float[]> path = Interpolation.path(keys, steps, mode.get());
        long generation = ++walkGeneration;
        busy.set(true);
        status.set("Rendering " + path.size() + " frames…");
        var future = walk.renderer().renderAll(path);
        executor.submit(future::get, frames -> {
            if (generation != walkGeneration) {
                return;
            }
            busy.set(false);
            walkZs.clear();
            walkZs.addAll(path);
            builtSteps = steps;
            walkFrames.setAll(frames);
            frameIndex.set(0);
            status.set(frames.size() + " frames through " + keys.size() + " keyframes ("
                    + (mode.get() == Interpolation.Mode.LINEAR ? "linear" : "spherical") + ", "
                    + stepsPerSegment.get() + " steps per segment).");
        }, e -> {
            busy.set(false);
            status.set("");
            errors.error("Could not render the walk", e);
        });
    }

    /** The keyframes' z's in the order they were picked. */
    public List<float[]> keyframeZs() {
        List<float[]> out = new ArrayList<>();
        for (int cell : keyframes) {
            out.add(gridZs.get(cell).clone());
        }
        return out;
    }

    private void clearWalk() {
        playing.set(false);
        walkZs.clear();
        walkFrames.clear();
        frameIndex.set(0);
    }

    /** Advances the animation for a pulse at {@code nowNanos}; called by the view's animation timer. */
    public void tick(long nowNanos) {
        if (!playing.get() || walkFrames.isEmpty()) {
            lastTick = 0;
            return;
        }
        if (lastTick == 0) {
            lastTick = nowNanos;
            frameCarry = 0;
            return;
        }
        frameCarry += (nowNanos - lastTick) / 1e9 * framesPerSecond.get();
        lastTick = nowNanos;
        int advance = (int) frameCarry;
        if (advance > 0) {
            frameCarry -= advance;
            frameIndex.set((frameIndex.get() + advance) % walkFrames.size());
        }
    }

    public void togglePlaying() {
        if (!walkFrames.isEmpty()) {
            playing.set(!playing.get());
        }
    }

    /** Makes walk frame {@code i} the current z of the pane. */
    public void useFrame(int i) {
        if (i >= 0 && i < walkZs.size()) {
            walk.setZ(walkZs.get(i), true, System.nanoTime());
        }
    }

    /** Writes the walk as a looping GIF at the current speed, enlarged to at least 128 pixels. */
    public void exportGif(Path file) {
        List<Frame> frames = List.copyOf(walkFrames);
        if (frames.isEmpty()) {
            return;
        }
        int delay = (int) Math.round(1000 / framesPerSecond.get());
        int scale = Math.max(1, 128 / frames.get(0).width());
        executor.submit(() -> {
            List<BufferedImage> images = frames.stream().map(Frame::toBufferedImage).toList();
            GifWriter.write(images, file, delay, scale);
            return file;
        }, saved -> status.set("Saved " + saved), e -> errors.error("Could not write the GIF " + file, e));
    }

    /**
     * The walk as the paper's figure 4 lays it out: one row per pair of keyframes, each from one keyframe
     * to the next, both ends included (so a keyframe ends one row and starts the next).
     */
    public List<List<Frame>> walkRows() {
        return rows(walkFrames, builtSteps);
    }

    /** Rows of {@code steps + 1} frames from a path of {@code k * steps + 1} frames; empty for no walk. */
    static List<List<Frame>> rows(List<Frame> frames, int steps) {
        if (frames.size() < 2 || steps < 1 || (frames.size() - 1) % steps != 0) {
            return List.of();
        }
        List<List<Frame>> rows = new ArrayList<>();
        for (int start = 0; start + steps < frames.size(); start += steps) {
            rows.add(List.copyOf(frames.subList(start, start + steps + 1)));
        }
        return rows;
    }

    /** The rows stacked into one picture, separated by the same thin gray lines as a strip. */
    static BufferedImage rowsImage(List<List<Frame>> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no walk to lay out: build one first");
        }
        List<BufferedImage> strips = rows.stream().map(r -> Frame.strip(r, 1)).toList();
        int w = strips.get(0).getWidth();
        int h = strips.get(0).getHeight();
        // Strips share their gray border: each one after the first starts on the last line of the one above.
        BufferedImage out = new BufferedImage(w, strips.size() * (h - 1) + 1, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < strips.size(); r++) {
            out.getGraphics().drawImage(strips.get(r), 0, r * (h - 1), null);
        }
        return out;
    }

    /** Writes the walk in the paper's layout, one row per pair of keyframes ({@link #walkRows}). */
    public void exportRows(Path file) {
        List<List<Frame>> rows = walkRows();
        if (rows.isEmpty()) {
            return;
        }
        executor.submit(() -> {
            ImageConversions.writePng(rowsImage(rows), file);
            return file;
        }, saved -> status.set("Saved " + saved), e -> errors.error("Could not write the PNG " + file, e));
    }

    /** Writes the walk as one row of frames with thin gray separators. */
    public void exportStrip(Path file) {
        List<Frame> frames = List.copyOf(walkFrames);
        if (frames.isEmpty()) {
            return;
        }
        executor.submit(() -> {
            ImageConversions.writePng(Frame.strip(frames, 1), file);
            return file;
        }, saved -> status.set("Saved " + saved), e -> errors.error("Could not write the PNG " + file, e));
    }

    void stop() {
        playing.set(false);
    }

    public LongProperty gridSeedProperty() {
        return gridSeed;
    }

    public ObservableList<Frame> gridFrames() {
        return gridFrames;
    }

    /** Grid cells chosen as keyframes, in walking order. */
    public ObservableList<Integer> keyframes() {
        return keyframes;
    }

    public ObjectProperty<Interpolation.Mode> modeProperty() {
        return mode;
    }

    public IntegerProperty stepsPerSegmentProperty() {
        return stepsPerSegment;
    }

    public ObservableList<Frame> walkFrames() {
        return walkFrames;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public IntegerProperty frameIndexProperty() {
        return frameIndex;
    }

    public DoubleProperty framesPerSecondProperty() {
        return framesPerSecond;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
