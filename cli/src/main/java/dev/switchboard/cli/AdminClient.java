package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.worker.admin.AdminApi;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The CLI companions' client of a running server's admin API ({@code /__switchboard/api/}). Every
 * failure is an {@link AdminClient.Failure} whose message is the one line the command prints.
 *
 * <p>Threads: one client may be used from one thread at a time.
 */
final class AdminClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = AdminApi.mapper();

    /** A refusal or an unreachable server, in one line. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    AdminClient(String url, String token) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
    }

    /** Returns {@code binding/nameOrId} as path segments, percent-encoded. */
    static String objectPath(String binding, String nameOrId) {
        return "objects/" + segment(binding) + "/" + segment(nameOrId);
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) throws Failure {
        return send(request(path).GET());
    }

    JsonNode post(String path, String body) throws Failure {
        return send(request(path).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Opens the event stream and returns its lines; the stream ends when the server closes it. */
    Stream<String> events(boolean replay) throws Failure {
        var request = request("events" + (replay ? "?replay=true" : "")).timeout(Duration.ofDays(365)).GET().build();
        HttpResponse<Stream<String>> response = exchange(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            String body = String.join("\n", response.body().limit(20).toList());
            throw new Failure(reason(response.statusCode(), body));
        }
        return response.body();
    }

    /** Returns the JSON mapper that reads admin API answers and events. */
    static ObjectMapper json() {
        return JSON;
    }

    private HttpRequest.Builder request(String path) throws Failure {
        URI uri;
        try {
            uri = URI.create(base + AdminApi.PREFIX + path);
        } catch (IllegalArgumentException e) {
            throw new Failure("not a URL: " + base + "; use --url http://HOST:PORT");
        }
        var builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private JsonNode send(HttpRequest.Builder request) throws Failure {
        HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new Failure(reason(response.statusCode(), response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Failure("the server at " + base + " did not answer JSON; is it a Switchboard server?");
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws Failure {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new Failure("cannot reach " + base + ": connection refused; is switchboard dev running there?");
        } catch (IOException e) {
            throw new Failure("cannot reach " + base + ": " + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()));
        } catch (IllegalArgumentException e) {
            throw new Failure("not a URL: " + base + "; use --url http://HOST:PORT");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }

    private static String reason(int status, String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isTextual()) {
                return error.asText() + " (HTTP " + status + ")";
            }
        } catch (IOException notJson) {
            // fall through: say what came back
        }
        return "HTTP " + status + (status == 404 ? ": no admin API here; is it a Switchboard server?" : "");
    }
}
