package dev.switchboard.durable;

/**
 * The storage view inside {@link DurableObjectStorage#transaction}: the same operations, plus
 * {@link #rollback()}.
 */
public interface DurableObjectTransaction extends StorageOperations {

    /** Discards every write made in this transaction when it ends; the body's result is still returned. */
    void rollback();
}
