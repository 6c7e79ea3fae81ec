/** Measurements of the app itself (FX-thread stutter while training), run by hand under a display or Xvfb. */
package io.dcganexplorer.app.bench;
