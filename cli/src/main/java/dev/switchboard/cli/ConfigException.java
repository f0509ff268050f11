package dev.switchboard.cli;

/** A configuration the CLI cannot use; the message says what is wrong and how to fix it. */
public final class ConfigException extends RuntimeException {

    /** Creates the exception with a message that ends with the fix. */
    public ConfigException(String message) {
        super(message);
    }

    /** Creates the exception with a message that ends with the fix, and its cause. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
