package {{package}};

import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The front door: {@code GET /} serves the chat page, {@code /room/{name}/ws?user={user}} hands the
 * WebSocket handshake to the {@link ChatRoom} named {@code name}.
 */
public final class AppWorker implements Worker {

    /** The header that tells the room its name (an object is not told the name it was reached by). */
    static final String ROOM_HEADER = "x-room-name";

    private static final String PAGE = page();

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String path = request.path();
        if (path.equals("/") || path.equals("/index.html")) {
            return Response.html(PAGE);
        }
        String[] parts = path.substring(1).split("/", -1);
        if (parts.length == 3 && parts[0].equals("room") && !parts[1].isEmpty() && parts[2].equals("ws")) {
            if (!request.isWebSocketUpgrade()) {
                return Response.text(426, "Upgrade Required: connect with a WebSocket client");
            }
            String room = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            return env.namespace("ROOMS").getByName(room).fetch(request.withHeader(ROOM_HEADER, room)).join();
        }
        return Response.text(404, "Not Found: " + path);
    }

    private static String page() {
        try (InputStream in = AppWorker.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new IllegalStateException("index.html is missing next to AppWorker; it belongs in src/main/resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
