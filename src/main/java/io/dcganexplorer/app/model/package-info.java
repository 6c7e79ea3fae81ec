/**
 * The app-wide choice of a trained model: which saved models and runs exist, loading one in the
 * background, and following the newest checkpoint of a run that is still being trained. The main toolbar's
 * {@link io.dcganexplorer.app.model.ModelChooser} is the one place the model is chosen. Panes that show what a
 * generator draws follow it ({@link io.dcganexplorer.app.model.ModelService#follow}), take their own copy of
 * the generator (DL4J networks are not thread-safe) and name it in a
 * {@link io.dcganexplorer.app.model.ModelBar}, which offers a switch when the pane needs another kind of
 * model ({@link io.dcganexplorer.app.model.ModelNeed}). Depends on
 * {@code run} and {@code core}, and on {@code app.common} for threads and errors; never on a pane.
 */
package io.dcganexplorer.app.model;
