package dev.switchboard.durable;

/**
 * What the runtime tells {@code alarm(info)} about this run (S-ALM-3).
 *
 * @param retryCount how many times this alarm already failed; 0 on the first run
 * @param isRetry whether this run retries a failed one
 */
public record AlarmInfo(int retryCount, boolean isRetry) {
}
