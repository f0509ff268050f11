package dev.switchboard.worker.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The admin API's JSON routes under {@value #PREFIX}, as plain {@link Request} → {@link Response}
 * (the event stream is served by the front door, since it never ends). Never constructs or wakes
 * an object: it only reads snapshots and asks {@link ObjectControl} for actions and storage reads.
 *
 * <pre>
 *   GET  usage                                     the bill preview: durations with and without hibernation
 *   GET  objects                                   every known object, in memory or in storage
 *   GET  objects/{binding}/{nameOrId}              one object
 *   POST objects/{binding}/{nameOrId}/hibernate    → the object after the action
 *   POST objects/{binding}/{nameOrId}/evict
 *   POST objects/{binding}/{nameOrId}/reset
 *   POST objects/{binding}/{nameOrId}/alarm/run
 *   GET  objects/{binding}/{nameOrId}/storage?prefix=&amp;limit=
 *   GET  objects/{binding}/{nameOrId}/storage/{key}
 *   POST objects/{binding}/{nameOrId}/sql          {"query": "SELECT …", "params": […]}
 * </pre>
 *
 * <p>Every failure is a 4xx with {@code {"error": "…"}} saying what to fix; an action the runtime
 * cannot do yet is a 501. Threads: {@link #handle} is safe from any thread and may block for up to
 * 10 s on an action; call it off IO threads.
 */
public final class AdminApi {

    /** Where the admin API lives. */
    public static final String PREFIX = "/__switchboard/api/";

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final long ACTION_TIMEOUT_SECONDS = 10;

    private final ObjectControl control;
    private final UsageMeter usage;
    private final ObjectMapper json;

    /** Creates the API over {@code control}, reporting usage from {@code usage}. */
    public AdminApi(ObjectControl control, UsageMeter usage) {
        this.control = control;
        this.usage = usage;
        this.json = mapper();
    }

    /** Returns the JSON mapper the admin API writes with: ISO-8601 instants, no nulls dropped. */
    public static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Answers {@code request}; never throws and never answers a 5xx except 501 for actions not yet offered. */
    public Response handle(Request request) {
        try {
            return route(request);
        } catch (ApiError e) {
            return error(e.status, e.getMessage());
        } catch (DurableObjectException e) {
            return error(e.code() == DurableObjectException.Code.UNKNOWN_BINDING ? 404 : 400, e.getMessage());
        } catch (UnsupportedOperationException e) {
            return error(501, e.getMessage());
        }
    }

    private Response route(Request request) {
        List<String> path = segments(request.path());
        String method = request.method();
        if (path.equals(List.of("usage"))) {
            requireMethod(method, "GET");
            return ok(usage.snapshot(control.knownObjects()));
        }
        if (path.isEmpty() || !path.get(0).equals("objects")) {
            throw new ApiError(404, "no admin route " + request.path() + "; see GET " + PREFIX + "objects");
        }
        if (path.size() == 1) {
            requireMethod(method, "GET");
            return ok(Map.of("objects", control.knownObjects().stream().map(ObjectView::of).toList()));
        }
        if (path.size() == 2) {
            throw new ApiError(404, "name an object: " + PREFIX + "objects/" + path.get(1) + "/{nameOrId}");
        }
        String binding = path.get(1);
        DurableObjectId id = control.id(binding, path.get(2));
        List<String> rest = path.subList(3, path.size());
        String action = String.join("/", rest);
        return switch (action) {
            case "" -> {
                requireMethod(method, "GET");
                ObjectView object = ObjectView.of(known(binding, id));
                yield ok(new ObjectDetail(object, control.sockets(binding, id)));
            }
            case "hibernate" -> {
                requireMethod(method, "POST");
                known(binding, id);
                ObjectInfo after = await(control.hibernate(binding, id), binding, id);
                if (after.state() != ObjectState.HIBERNATED) {
                    throw new ApiError(409, binding + " " + id.label() + " cannot hibernate now"
                            + (after.notHibernatingBecause().isEmpty() ? "" : ": "
                            + String.join("; ", after.notHibernatingBecause()))
                            + " (S-HIB-3); evict it to drop it from memory");
                }
                yield ok(ObjectView.of(after));
            }
            case "evict", "reset", "alarm/run" -> {
                requireMethod(method, "POST");
                known(binding, id);
                yield ok(ObjectView.of(await(switch (action) {
                    case "evict" -> control.evict(binding, id);
                    case "reset" -> control.reset(binding, id, "reset by an operator");
                    default -> control.runAlarm(binding, id);
                }, binding, id)));
            }
            case "storage" -> {
                requireMethod(method, "GET");
                known(binding, id);
                String prefix = request.query("prefix").orElse("");
                yield ok(Map.of("entries", control.storage(binding, id, prefix, limit(request))));
            }
            case "sql" -> {
                requireMethod(method, "POST");
                known(binding, id);
                yield sql(request, binding, id);
            }
            default -> {
                if (rest.size() == 2 && rest.get(0).equals("storage")) {
                    requireMethod(method, "GET");
                    known(binding, id);
                    yield ok(control.storageValue(binding, id, rest.get(1)).orElseThrow(() -> new ApiError(404,
                            "no key \"" + rest.get(1) + "\" in the storage of " + binding + " " + id.label())));
                }
                throw new ApiError(404, "no admin route " + request.path() + "; after an object come hibernate,"
                        + " evict, reset, alarm/run, storage, storage/{key} or sql");
            }
        };
    }

    private Response sql(Request request, String binding, DurableObjectId id) {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new ApiError(400, "the body is not JSON; send {\"query\": \"SELECT …\", \"params\": […]}");
        }
        if (body == null || !body.isObject() || !body.path("query").isTextual()) {
            throw new ApiError(400, "the body needs a \"query\" string; send {\"query\": \"SELECT …\"}");
        }
        String query = body.get("query").asText();
        ReadOnlySql.refusal(query).ifPresent(why -> {
            throw new ApiError(400, why);
        });
        List<Object> params = new ArrayList<>();
        JsonNode given = body.path("params");
        if (!given.isMissingNode() && !given.isNull()) {
            if (!given.isArray()) {
                throw new ApiError(400, "\"params\" must be an array, such as [\"a\", 1]");
            }
            given.forEach(p -> params.add(json.convertValue(p, Object.class)));
        }
        try {
            return ok(control.sql(binding, id, query, params));
        } catch (DurableObjectException e) {
            throw new ApiError(400, e.getMessage());
        }
    }

    /** Returns the snapshot of an object in memory or in storage, or a 404 saying nothing of it is known. */
    private ObjectInfo known(String binding, DurableObjectId id) {
        return control.object(binding, id).orElseThrow(() -> new ApiError(404, "no object " + binding + " "
                + id.label() + ": nothing of it is in memory or in storage (GET " + PREFIX
                + "objects lists the objects there are)"));
    }

    private ObjectInfo await(CompletableFuture<ObjectInfo> action, String binding, DurableObjectId id) {
        try {
            ObjectInfo info = action.get(ACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return info != null ? info : known(binding, id);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof UnsupportedOperationException unsupported) {
                throw unsupported;
            }
            if (cause instanceof DurableObjectException refused) {
                throw new ApiError(409, refused.getMessage());
            }
            throw new ApiError(409, binding + " " + id.label() + ": " + cause.getMessage());
        } catch (TimeoutException e) {
            throw new ApiError(409, binding + " " + id.label() + " did not reach its new state within "
                    + ACTION_TIMEOUT_SECONDS + " s; a long turn may be running, try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(409, "interrupted");
        }
    }

    private static int limit(Request request) {
        String given = request.query("limit").orElse(null);
        if (given == null || given.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(given);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "limit must be a number from 1 to " + MAX_LIMIT + ", got \"" + given + "\"");
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ApiError(405, method + " is not allowed here; use " + allowed);
        }
    }

    /** Returns the decoded path segments after {@value #PREFIX}. */
    private static List<String> segments(String path) {
        if (!path.startsWith(PREFIX)) {
            throw new ApiError(404, "the admin API lives under " + PREFIX);
        }
        List<String> result = new ArrayList<>();
        for (String part : path.substring(PREFIX.length()).split("/", -1)) {
            if (!part.isEmpty()) {
                try {
                    result.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new ApiError(400, "bad percent-encoding in " + path);
                }
            }
        }
        return result;
    }

    private Response ok(Object body) {
        return Response.json(200, write(body));
    }

    private Response error(int status, String message) {
        var body = new LinkedHashMap<String, Object>();
        body.put("error", message);
        return Response.json(status, write(body));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the admin API's own values always serialize", e);
        }
    }

    /** A refusal with its status; becomes {@code {"error": message}}. */
    private static final class ApiError extends RuntimeException {
        private final int status;

        ApiError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
