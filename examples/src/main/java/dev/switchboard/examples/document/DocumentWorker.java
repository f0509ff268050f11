package dev.switchboard.examples.document;

import dev.switchboard.durable.Env;
import dev.switchboard.examples.Routes;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;

/**
 * The document's front door, for the {@link DocumentRoom} named {@code name} in binding
 * {@value #BINDING}: {@code GET /doc/{name}} serves the editor page, {@code GET /doc/{name}/ws}
 * hands the handshake to the document, and {@code GET /doc/{name}/snapshot} answers
 * {@code {"type":"snapshot","version":N,"text":"…"}}.
 *
 * <p>Stateless and safe to call concurrently: a worker keeps no state between requests.
 */
public final class DocumentWorker implements Worker {

    /** The binding name under which {@link DocumentRoom} must be bound. */
    public static final String BINDING = "DOCUMENTS";

    private static final String PAGE = Routes.page(DocumentWorker.class, "document.html");

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = Routes.segments(request.path());
        if (parts.length < 2 || parts.length > 3 || !parts[0].equals("doc") || parts[1].isEmpty()) {
            return Routes.notFound(request.path());
        }
        if (parts.length == 2) {
            return Routes.pageOr405(request, PAGE);
        }
        var document = env.namespace(BINDING).getByName(Routes.name(parts[1]));
        return switch (parts[2]) {
            case "ws" -> request.isWebSocketUpgrade() ? Routes.call(document, request) : Routes.upgradeRequired();
            case "snapshot" -> request.method().equals("GET")
                    ? Routes.call(document, request)
                    : Response.status(405).withHeader("allow", "GET");
            default -> Routes.notFound(request.path());
        };
    }
}
