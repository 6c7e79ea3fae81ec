/**
 * Vector-arithmetic lessons (the paper's figure 7 prepared in advance) as JSON files and the built-in
 * lessons for the shipped faces model. Depends on {@code core.latent} for the Lesson record and on
 * {@code run} for JSON and atomic writes; never on JavaFX.
 */
package io.dcganexplorer.run.lesson;
