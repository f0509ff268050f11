package dev.switchboard.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code switchboard} command: {@code switchboard dev} runs a worker and its Durable Objects
 * locally; {@code switchboard bench} measures a room's latency; the companions ({@code objects},
 * {@code inspect}, {@code tail}, {@code usage}, …) look inside a running one, and {@code connect} is a
 * WebSocket client. Exit codes: 0 success, 1 failure at run time (such as a bad config), 2 bad usage.
 */
@Command(name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A local simulator of Cloudflare Workers and Durable Objects.",
        // Every subcommand uses these codes; docs/cli.md is generated from this list (CliReference).
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Success; for dev, a clean stop (Ctrl-C or SIGTERM).",
                "1:Failure at run time: a bad config, a port in use, a server that refused or could not be"
                        + " reached; one line on standard error.",
                "2:Bad usage: an unknown command or flag, or a value that cannot be read."},
        subcommands = {DevCommand.class, InitCommand.class, BenchCommand.class, ObjectsCommand.class,
                InspectCommand.class, HibernateCommand.class, EvictCommand.class, ResetCommand.class,
                AlarmCommand.class, StorageCommand.class, SqlCommand.class, UsageCommand.class, TailCommand.class,
                ConnectCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class})
public final class Switchboard implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Runs the command line {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * Returns the command line with Switchboard's error handling: a bad flag prints one line and a
     * hint to standard error and gives exit code 2.
     */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new Switchboard()));
    }

    /** Applies Switchboard's error handling to {@code commandLine} and its subcommands. */
    static CommandLine configure(CommandLine commandLine) {
        return commandLine.setParameterExceptionHandler(Switchboard::shortUsageError)
                .setCaseInsensitiveEnumValuesAllowed(true); // bench scenarios are typed in lower case
    }

    /** With no subcommand, shows the usage and fails as bad usage does. */
    @Override
    public Integer call() {
        return usageError(spec);
    }

    /** Prints the usage of {@code command} to standard error and returns the bad-usage exit code, 2. */
    static int usageError(CommandSpec command) {
        command.commandLine().usage(command.commandLine().getErr());
        return command.exitCodeOnInvalidInput();
    }

    // picocli's recipe for a short error: the message, then a hint instead of the whole usage.
    private static int shortUsageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText("switchboard: " + ex.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
