/**
 * The main window's status bar: the ND4J backend and its threads, JVM heap and process memory, and what
 * is running. The view model reads process figures without the JavaFX toolkit.
 */
package io.dcganexplorer.app.status;
