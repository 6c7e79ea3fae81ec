package io.dcganexplorer.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of this program and its key libraries, as recorded in manifests (provenance). */
public record BuildInfo(String appVersion, String dl4jVersion, String javaVersion, String os) {

    private static final BuildInfo CURRENT = load();

    public static BuildInfo current() {
        return CURRENT;
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/dcganexplorer/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(p.getProperty("app.version", "dev"), p.getProperty("dl4j.version", "unknown"),
                System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
}
