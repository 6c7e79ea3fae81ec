/**
 * How running out of memory looks under DL4J, ND4J and JavaCPP ({@link io.dcganexplorer.core.platform.OutOfMemory}),
 * so that every front can say what ran out and what helps. Depends on the JDK only.
 */
package io.dcganexplorer.core.platform;
