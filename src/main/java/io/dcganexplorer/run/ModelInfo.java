package io.dcganexplorer.run;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.data.DatasetSpec;

/**
 * model.json: what a saved generator/discriminator pair is (provenance, as Tribuo records it).
 *
 * @param formatVersion version of this file layout; a newer one than {@link #FORMAT_VERSION} is refused
 * @param config the network and training configuration
 * @param dataset how to reopen the training data (null when unknown)
 * @param datasetDescription human-readable description of the training data
 * @param state where training stood when this was saved
 * @param build versions of the program and libraries that wrote it
 * @param savedAt ISO-8601 time of writing
 */
public record ModelInfo(int formatVersion, DcganConfig config, DatasetSpec dataset, String datasetDescription,
                        TrainingState state, BuildInfo build, String savedAt) {

    /** The model.json layout this version writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
}
