package io.dcganexplorer.app.common;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Hands a z from one pane to another ("Walk from here", "Use as exemplar", "Ablate this") without either
 * pane knowing the other: the receiving view models register here (wired in {@code Activities}), the sending
 * one names only a {@link Target}, and the main window brings the target's tab to the front. Used on the UI
 * thread only.
 */
public final class LatentHandoff {

    /** Where a z can go; each names the tab that receives it. */
    public enum Target {
        /** The Walk pane's current z. */
        WALK("Walk"),
        /** An exemplar in the Arithmetic pane's selected concept bucket. */
        ARITHMETIC_EXEMPLAR("Arithmetic"),
        /** The first sample of the Ablate pane's grid. */
        ABLATE("Ablate");

        private final String tab;

        Target(String tab) {
            this.tab = tab;
        }

        /** The title of the tab that receives it. */
        public String tab() {
            return tab;
        }
    }

    /**
     * One handed-over z.
     *
     * @param z the vector (a copy the receiver may keep)
     * @param label where it came from, for the receiver's status line ("photo.png, projected")
     */
    public record Delivery(float[] z, String label) {
    }

    private final Map<Target, Consumer<Delivery>> receivers = new EnumMap<>(Target.class);
    private Consumer<Target> onDelivered = t -> { };

    /** The receiver for {@code target}; a second registration replaces the first. */
    public void register(Target target, Consumer<Delivery> receiver) {
        receivers.put(target, Objects.requireNonNull(receiver, "receiver"));
    }

    /** Called after each delivery with its target (the main window selects the tab). */
    public void setOnDelivered(Consumer<Target> action) {
        onDelivered = Objects.requireNonNull(action, "action");
    }

    /** Whether something receives {@code target}'s z (a pane may be absent, as in tests). */
    public boolean accepts(Target target) {
        return receivers.containsKey(target);
    }

    /** Hands {@code z} over; false when nothing receives this target. */
    public boolean send(Target target, float[] z, String label) {
        Consumer<Delivery> receiver = receivers.get(target);
        if (receiver == null) {
            return false;
        }
        receiver.accept(new Delivery(z.clone(), label));
        onDelivered.accept(target);
        return true;
    }
}
