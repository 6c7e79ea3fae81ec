package io.dcganexplorer.data;

import java.nio.file.Path;
import java.util.List;

/**
 * What loading a folder of images did: how many images it loaded and which files it skipped, and why.
 *
 * @param folder the folder that was loaded
 * @param loaded number of images in the data set
 * @param skipped the files (and folders) passed over, in the order they were met
 */
public record LoadReport(Path folder, int loaded, List<Skipped> skipped) {

    /** Copies the list. */
    public LoadReport {
        skipped = List.copyOf(skipped);
    }

    /**
     * One file or folder that was not loaded.
     *
     * @param path the file or folder
     * @param reason why, in words ("empty file (0 bytes)", "not a recognised image format")
     */
    public record Skipped(Path path, String reason) {
    }
}
