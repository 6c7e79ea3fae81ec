package io.dcganexplorer.data;

import java.nio.file.Path;
import java.util.List;

/**
 * What loading a folder of images did: how many images it loaded and which files it skipped, and why.
 *
 * @param folder the folder that was loaded
 * @param loaded number of images in the data set
 * @param skipped the files (and folders) passed over, in the order they were met
 * @param notes things about the load a person should know that are not skipped files ("3 images at the top
 *              level went in the class 'unlabelled'")
 */
public record LoadReport(Path folder, int loaded, List<Skipped> skipped, List<String> notes) {

    /** Copies the lists. */
    public LoadReport {
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    /** A report without notes. */
    public LoadReport(Path folder, int loaded, List<Skipped> skipped) {
        this(folder, loaded, skipped, List.of());
    }

    /** How many of the skipped files are image files that could not be read (not other files, links, folders). */
    public long unreadable() {
        return skipped.stream().filter(Skipped::unreadable).count();
    }

    /**
     * One file or folder that was not loaded.
     *
     * @param path the file or folder
     * @param reason why, in words ("empty file (0 bytes)", "not a recognised image format")
     * @param unreadable true for a file that was tried as an image and could not be read; false for what
     *                   was never meant to be one (a .txt file, a link loop, a second link to a file)
     */
    public record Skipped(Path path, String reason, boolean unreadable) {

        /** A file or folder passed over without being tried as an image. */
        public Skipped(Path path, String reason) {
            this(path, reason, false);
        }
    }
}
