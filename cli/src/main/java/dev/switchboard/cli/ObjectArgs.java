package dev.switchboard.cli;

import picocli.CommandLine.Parameters;

/** The two arguments that name one object: {@code BINDING NAME|ID}, shared by the companions as a mixin. */
final class ObjectArgs {

    @Parameters(index = "0", paramLabel = "BINDING", description = "The binding, such as ROOMS.")
    String binding;

    @Parameters(index = "1", paramLabel = "NAME|ID", description = "A name (idFromName) or a 64-hex id.")
    String nameOrId;

    /** Returns the object's path in the admin API, such as {@code objects/ROOMS/lobby}. */
    String path() {
        return AdminClient.objectPath(binding, nameOrId);
    }
}
