package dev.switchboard.durable;

/**
 * The one unchecked error of the Durable Objects API; {@link #code()} says which kind.
 *
 * <p>Each message says what went wrong and how to fix it.
 */
public class DurableObjectException extends RuntimeException {

    /** The kinds of failure. */
    public enum Code {
        /** No namespace is bound under the requested name. */
        UNKNOWN_BINDING,
        /** An id string is malformed or belongs to another namespace. */
        INVALID_ID,
        /** An argument is out of range or malformed. */
        INVALID_ARGUMENT,
        /** A documented limit was exceeded (keys per call, value size, tags, attachment size, ...). */
        LIMIT_EXCEEDED,
        /** Calls between objects formed a cycle that would wait forever. */
        CALL_CYCLE,
        /** The object was reset since this stub last called it; make a new stub. */
        OBJECT_RESET,
        /** The object's constructor threw. */
        CONSTRUCTOR_FAILED,
        /** Storage could not read or commit. */
        STORAGE_FAILED,
        /** An API that is only valid inside one of the object's turns was called outside it. */
        NOT_IN_TURN,
        /** An alarm was set or delivered for a class that does not override {@code alarm}. */
        ALARM_NOT_HANDLED,
        /** The SQL statement was refused or failed. */
        SQL_ERROR,
        /** The runtime is shut down. */
        SHUT_DOWN
    }

    private final Code code;

    /** Creates an exception of kind {@code code}. */
    public DurableObjectException(Code code, String message) {
        super(message);
        this.code = code;
    }

    /** Creates an exception of kind {@code code} caused by {@code cause}. */
    public DurableObjectException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Returns the kind of failure. */
    public Code code() {
        return code;
    }
}
