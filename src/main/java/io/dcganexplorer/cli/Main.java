package io.dcganexplorer.cli;

import io.dcganexplorer.accel.Accel;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command-line front: {@code dcgan-explorer train|sample|bench ...}. */
@Command(name = "dcgan-explorer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Train a DCGAN (Radford, Metz and Chintala 2015) and look inside it.",
        subcommands = {TrainCommand.class, SampleCommand.class, BenchCommand.class, ProbeCommand.class,
            QualityCommand.class, ClassifierCommand.class, EvaluatorsCommand.class, AblateCommand.class,
            ArithmeticCommand.class, PlotCommand.class, ProjectCommand.class, UnitsCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        // Before anything touches ND4J: OpenMP reads its wait policy once, when the natives load.
        Accel.prepareBackend();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        // Autoflush covers println/printf only; a table written with print() would be lost at exit.
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * A usage error: its one line and where to read more, not the whole usage (which buries the line).
     * Exit code 2.
     */
    private static int usageError(CommandLine.ParameterException e, String... args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + Messages.describe(e));
        String path = command.getCommandSpec().qualifiedName(" ").replaceFirst("^dcgan-explorer", "dcgan");
        err.println("See '" + path + " --help' for the options.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * Runs a command line and returns the exit code (0 ok, 1 failed, 2 bad usage, 3 a training run that
     * diverged); for tests and embedding.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        // People see "error: <what and where>", never a stack trace; the exception's message names the file or value.
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CommandLine.ParameterException usage) {
                return usageError(usage);
            }
            commandLine.getErr().println("error: " + Messages.describe(e));
            return 1;
        });
        cli.setParameterExceptionHandler(Main::usageError);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors through; this one has advice, not a stack trace.
            err.println("error: " + Messages.describe(e));
            return 1;
        }
    }
}
