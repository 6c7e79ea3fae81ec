package io.dcganexplorer.cli;

import io.dcganexplorer.run.BuildInfo;
import picocli.CommandLine;

/** Prints the program and library versions. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        BuildInfo b = BuildInfo.current();
        return new String[] {"DCGAN Explorer " + b.appVersion(), "deeplearning4j " + b.dl4jVersion(),
            "Java " + b.javaVersion() + " on " + b.os()};
    }
}
