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
        /** An alarm was set or delivered for a class that does not implement {@code AlarmHandler}. */
        ALARM_NOT_HANDLED,
        /** The SQL statement was refused or failed. */
        SQL_ERROR,
        /** The runtime is shut down. */
        SHUT_DOWN,
        /** A typed RPC call failed: the object threw, or the interface or a value did not fit. */
        RPC_FAILED
    }

    private final Code code;
    private final String remoteType;

    /** Creates an exception of kind {@code code}. */
    public DurableObjectException(Code code, String message) {
        super(message);
        this.code = code;
        this.remoteType = null;
    }

    /** Creates an exception of kind {@code code} caused by {@code cause}. */
    public DurableObjectException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.remoteType = null;
    }

    /**
     * Creates the error a typed RPC caller sees when the remote object threw: kind {@code RPC_FAILED},
     * marked remote with the class name of what the object threw. The remote exception itself is not
     * shared with the caller, as on Cloudflare, where it crosses an isolate boundary.
     */
    public static DurableObjectException remote(String remoteType, String message) {
        return new DurableObjectException(remoteType, message);
    }

    private DurableObjectException(String remoteType, String message) {
        super(message);
        this.code = Code.RPC_FAILED;
        this.remoteType = remoteType;
    }

    /** Returns whether this error was thrown by a remote object in a typed RPC call. */
    public boolean isRemote() {
        return remoteType != null;
    }

    /** Returns the class name of what the remote object threw, or null when the error is not remote. */
    public String remoteType() {
        return remoteType;
    }

    /** Returns the kind of failure. */
    public Code code() {
        return code;
    }
}
