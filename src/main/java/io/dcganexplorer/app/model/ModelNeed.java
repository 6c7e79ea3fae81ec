package io.dcganexplorer.app.model;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.data.DatasetSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kind of model a pane needs: vector arithmetic needs faces, ablation needs rooms, the probe needs a
 * discriminator trained on a labelled data set of its shape.
 *
 * @param what the training data in words, for "This pane needs a model trained on {what}"
 * @param kind the data set kind the model must have been trained on; null for any data of the shape
 * @param imageSize the image size it must make; 0 for any
 * @param channels the channels it must make; 0 for any
 * @param suggested the shipped model a one-click switch opens
 */
public record ModelNeed(String what, DatasetSpec.Kind kind, int imageSize, int channels, String suggested) {

    /** True when {@code model} was trained on this kind of data at this shape. */
    public boolean metBy(LoadedModel model) {
        DatasetSpec data = model.info() == null ? null : model.info().dataset();
        DcganConfig c = model.config();
        return (kind == null || data != null && data.kind() == kind) && (imageSize == 0 || c.imageSize() == imageSize)
                && (channels == 0 || c.channels() == channels);
    }

    /** The listed choice a switch opens: the suggested model, else none. */
    public Optional<ModelChoice> target(List<ModelChoice> listed) {
        return listed.stream().filter(c -> c.kind() == ModelChoice.Kind.MODEL && c.name().equals(suggested))
                .findFirst();
    }

    /** "This pane needs a model trained on faces; rooms32 was trained on procedural rooms, 32x32, ...". */
    public String explain(LoadedModel model) {
        String shape = imageSize == 0 ? "" : String.format(Locale.ROOT, " at %dx%dx%d", imageSize, imageSize,
                channels);
        String trainedOn = model.info() == null || model.info().datasetDescription() == null
                ? "unknown data" : model.info().datasetDescription();
        return "This pane needs a model trained on " + what + shape + "; " + model.source().name()
                + " was trained on " + trainedOn + ".";
    }
}
