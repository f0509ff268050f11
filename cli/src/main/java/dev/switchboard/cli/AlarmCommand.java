package dev.switchboard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code switchboard alarm run BINDING NAME|ID}: alarms of a running server. */
@Command(name = "alarm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Alarms of a running server.", subcommands = AlarmCommand.Run.class)
final class AlarmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** With no subcommand, shows the usage and fails as bad usage does. */
    @Override
    public Integer call() {
        return Switchboard.usageError(spec);
    }

    /** {@code switchboard alarm run BINDING NAME|ID}. */
    @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Run an object's alarm now, whether or not it is due.")
    static final class Run extends ObjectActionCommand {
        @Override
        String action() {
            return "alarm/run";
        }
    }
}
