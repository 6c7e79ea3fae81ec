/**
 * Services shared by the app's panes: background work ({@link io.dcganexplorer.app.common.TaskExecutor}),
 * pulse coalescing, error reporting, preferences and process information. View models depend on the
 * interfaces here, so they run in plain JUnit without the JavaFX toolkit.
 */
package io.dcganexplorer.app.common;
