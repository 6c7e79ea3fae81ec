package io.dcganexplorer.run;

import io.dcganexplorer.core.gan.DcganConfig;
import io.dcganexplorer.data.DatasetSpec;

/**
 * manifest.json of a run directory: everything needed to understand, resume and reproduce the run.
 *
 * @param formatVersion layout version; newer than {@link ModelInfo#FORMAT_VERSION} is refused
 * @param id the run's name (its folder name)
 * @param config model and optimiser settings, including the seed
 * @param dataset how to reopen the training data
 * @param datasetDescription where the data came from, in words
 * @param datasetSize number of training images
 * @param plan iterations and recording intervals
 * @param build program and library versions that started the run
 * @param startedAt ISO-8601 start time
 */
public record RunManifest(int formatVersion, String id, DcganConfig config, DatasetSpec dataset,
                          String datasetDescription, int datasetSize, TrainingPlan plan, BuildInfo build,
                          String startedAt) {

    public RunManifest withPlan(TrainingPlan newPlan) {
        return new RunManifest(formatVersion, id, config, dataset, datasetDescription, datasetSize, newPlan, build,
                startedAt);
    }
}
