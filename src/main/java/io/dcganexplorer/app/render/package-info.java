/**
 * What every pane that shows generated images shares: {@link io.dcganexplorer.app.render.Frame} (one image
 * as ARGB pixels), {@link io.dcganexplorer.app.render.FrameView} (its on-screen view, pixels kept sharp) and
 * {@link io.dcganexplorer.app.render.GeneratorWorker}, the one thread that owns a pane's copy of the
 * generator. Depends on {@code core}, {@code data} and {@code app.common}; never on a pane (LayeringTest).
 */
package io.dcganexplorer.app.render;
