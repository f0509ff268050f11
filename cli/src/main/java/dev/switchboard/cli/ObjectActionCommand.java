package dev.switchboard.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** An operator action on one object ({@code hibernate}, {@code evict}, {@code reset}, {@code alarm run}). */
abstract class ObjectActionCommand extends AdminCommand {

    @Mixin
    ObjectArgs target;

    @Option(names = "--json", description = "Print the object after the action as JSON.")
    boolean json;

    /** Returns the action's path after the object, such as {@code hibernate} or {@code alarm/run}. */
    abstract String action();

    @Override
    void run(AdminClient client, PrintWriter out) throws AdminClient.Failure {
        var object = client.post(target.path() + "/" + action(), "");
        if (json) {
            printJson(out, object);
        } else {
            out.println(summary(object));
        }
    }
}
