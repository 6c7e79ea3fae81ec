/**
 * Services shared by the app's panes: background work ({@link io.dcganexplorer.app.common.TaskExecutor}),
 * the one {@link io.dcganexplorer.app.common.Poller}, pulse coalescing, error reporting, preferences, process
 * information, the seed field, and the contract every pane implements
 * ({@link io.dcganexplorer.app.common.ActivityPane}, with its {@link io.dcganexplorer.app.common.Shortcut}s).
 * View models depend on the interfaces here, so they run in plain JUnit without the JavaFX toolkit. Depends
 * on no other app package (LayeringTest: no package cycles, and the shared packages never import a pane).
 */
package io.dcganexplorer.app.common;
