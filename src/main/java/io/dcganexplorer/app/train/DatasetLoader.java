package io.dcganexplorer.app.train;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.data.ImageFolderDataset;
import java.util.function.BooleanSupplier;

/** Opens the data of a run; the app opens the spec itself, tests hand in a tiny in-memory set. */
@FunctionalInterface
public interface DatasetLoader {

    /** The loader that opens what the spec describes. */
    DatasetLoader FROM_SPEC = (spec, progress, cancelled) -> spec.open(progress, cancelled);

    ImageDataset load(DatasetSpec spec, ImageFolderDataset.Progress progress, BooleanSupplier cancelled);
}
