package dev.switchboard.cli;

import picocli.CommandLine.Command;

/** {@code switchboard evict BINDING NAME|ID}: Evict an object: drop everything of it from memory. */
@Command(name = "evict", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Evict an object: drop everything of it from memory.")
final class EvictCommand extends ObjectActionCommand {
    @Override
    String action() {
        return "evict";
    }
}
