package dev.switchboard.cli;

import picocli.CommandLine.Command;

/** {@code switchboard hibernate BINDING NAME|ID}: Hibernate an object: drop its instance, keep its sockets open. */
@Command(name = "hibernate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Hibernate an object: drop its instance, keep its sockets open.")
final class HibernateCommand extends ObjectActionCommand {
    @Override
    String action() {
        return "hibernate";
    }
}
