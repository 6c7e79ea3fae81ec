/**
 * The JavaFX desktop front: {@link io.dcganexplorer.app.Launcher} starts
 * {@link io.dcganexplorer.app.DcganExplorerApp}, {@link io.dcganexplorer.app.AppContext} wires the services,
 * {@link io.dcganexplorer.app.MainWindow} is the shell (menu, run selector, one tab per activity, status
 * bar). Each activity lives in its own sub-package as {@code XxxPane} + {@code XxxViewModel} + {@code xxx.css};
 * views are built in code. The app may use every other package; no other package may use this one.
 */
package io.dcganexplorer.app;
