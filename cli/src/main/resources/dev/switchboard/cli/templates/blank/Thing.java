package {{package}};

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;

/** A Durable Object: one instance per name, with its own storage ({@code ctx.storage()}). */
public final class Thing implements DurableObject {

    private final DurableObjectState ctx;

    public Thing(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        return Response.text("Hello from object " + ctx.id() + "\n");
    }
}
