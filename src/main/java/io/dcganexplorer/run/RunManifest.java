package io.dcganexplorer.run;

import io.dcganexplorer.core.gan.DcganConfig;
import com.fasterxml.jackson.annotation.JsonCreator;
import io.dcganexplorer.data.DatasetFingerprint;
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
 * @param dataFingerprint the data set's files (or procedural settings) when the run started; null in runs
 *                        written before it was recorded
 */
public record RunManifest(int formatVersion, String id, DcganConfig config, DatasetSpec dataset,
                          String datasetDescription, int datasetSize, TrainingPlan plan, BuildInfo build,
                          String startedAt, DatasetFingerprint dataFingerprint) {

    /** Jackson reads old manifests (no fingerprint) through this constructor too. */
    @JsonCreator
    public RunManifest {
    }

    /** A manifest without a data fingerprint. */
    public RunManifest(int formatVersion, String id, DcganConfig config, DatasetSpec dataset,
                       String datasetDescription, int datasetSize, TrainingPlan plan, BuildInfo build,
                       String startedAt) {
        this(formatVersion, id, config, dataset, datasetDescription, datasetSize, plan, build, startedAt, null);
    }

    public RunManifest withPlan(TrainingPlan newPlan) {
        return new RunManifest(formatVersion, id, config, dataset, datasetDescription, datasetSize, newPlan, build,
                startedAt, dataFingerprint);
    }

    public RunManifest withConfig(DcganConfig newConfig) {
        return new RunManifest(formatVersion, id, newConfig, dataset, datasetDescription, datasetSize, plan, build,
                startedAt, dataFingerprint);
    }

    /** This manifest describing other data (a resume that accepted changed data). */
    public RunManifest withData(String description, int size, DatasetFingerprint fingerprint) {
        return new RunManifest(formatVersion, id, config, dataset, description, size, plan, build, startedAt,
                fingerprint);
    }
}
