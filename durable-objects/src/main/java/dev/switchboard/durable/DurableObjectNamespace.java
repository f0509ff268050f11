package dev.switchboard.durable;

/**
 * The objects of one class under one binding name, such as {@code "ROOMS"} (S-ID-1).
 *
 * <p>Threads: safe to use from any thread. Creating an id or a stub constructs nothing (S-ID-4).
 */
public interface DurableObjectNamespace {

    /** Returns the binding name. */
    String bindingName();

    /** Returns the same id every time for the same {@code name} in this namespace (S-ID-2). */
    DurableObjectId idFromName(String name);

    /** Returns a new random id with no name (S-ID-3). */
    DurableObjectId newUniqueId();

    /**
     * Rebuilds an id from its 64 hex characters (S-ID-3).
     *
     * @throws DurableObjectException {@code INVALID_ID} if the string is malformed or belongs to
     *     another namespace
     */
    DurableObjectId idFromString(String hex);

    /** Returns a stub for {@code id} at once; nothing is constructed until its first call (S-ID-4). */
    DurableObjectStub get(DurableObjectId id);

    /** Returns {@code get(idFromName(name))}. */
    default DurableObjectStub getByName(String name) {
        return get(idFromName(name));
    }
}
