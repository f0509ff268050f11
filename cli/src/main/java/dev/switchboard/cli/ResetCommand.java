package dev.switchboard.cli;

import picocli.CommandLine.Command;

/** {@code switchboard reset BINDING NAME|ID}: resets an object as an operator (sockets closed with 1011). */
@Command(name = "reset", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Reset an object as an operator: sockets closed with 1011, storage kept.")
final class ResetCommand extends ObjectActionCommand {
    @Override
    String action() {
        return "reset";
    }
}
