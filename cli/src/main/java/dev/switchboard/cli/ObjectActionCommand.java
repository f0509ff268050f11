package dev.switchboard.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** An operator action on one object ({@code hibernate}, {@code evict}, {@code reset}, {@code alarm run}). */
abstract class ObjectActionCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "BINDING", description = "The binding, such as ROOMS.")
    String binding;

    @Parameters(index = "1", paramLabel = "NAME|ID", description = "A name (idFromName) or a 64-hex id.")
    String nameOrId;

    @Option(names = "--json", description = "Print the object after the action as JSON.")
    boolean json;

    /** Returns the action's path after the object, such as {@code hibernate} or {@code alarm/run}. */
    abstract String action();

    @Override
    void run(AdminClient client, PrintWriter out) throws AdminClient.Failure {
        var object = client.post(AdminClient.objectPath(binding, nameOrId) + "/" + action(), "");
        if (json) {
            printJson(out, object);
        } else {
            out.println(summary(object));
        }
    }
}
