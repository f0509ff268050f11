package dev.switchboard.durable;

import java.util.Map;
import java.util.Optional;

/**
 * The bindings a worker and its objects see: Durable Object namespaces and plain variables
 * (S-WRK-2), as Cloudflare's {@code env}.
 *
 * <p>Immutable and safe to share between threads.
 */
public interface Env {

    /**
     * Returns the namespace bound as {@code bindingName}.
     *
     * @throws DurableObjectException {@code UNKNOWN_BINDING} naming the bindings that exist
     */
    DurableObjectNamespace namespace(String bindingName);

    /** Returns the variable {@code name}, if set. */
    Optional<String> var(String name);

    /** Returns every variable. */
    Map<String, String> vars();
}
