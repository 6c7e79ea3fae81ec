/**
 * The app-wide choice of a trained model: which saved models and runs exist, loading one in the
 * background, and following the newest checkpoint of a run that is still being trained. Panes that show
 * what a generator draws (Walk, and later Arithmetic and Ablate) bind to {@link io.dcganexplorer.app.model.ModelService}
 * and take their own copy of the generator, because DL4J networks are not thread-safe. Depends on
 * {@code run} and {@code core}, and on {@code app.common} for threads and errors; never on a pane.
 */
package io.dcganexplorer.app.model;
