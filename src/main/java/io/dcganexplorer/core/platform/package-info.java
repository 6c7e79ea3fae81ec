/**
 * How the app uses the machine: configuring ND4J's native backend before it starts, and measuring
 * training and generation speed. Depends on DL4J and ND4J only; never on JavaFX or picocli.
 */
package io.dcganexplorer.core.platform;
