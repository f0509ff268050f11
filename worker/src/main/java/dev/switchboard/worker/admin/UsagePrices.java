package dev.switchboard.worker.admin;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Unit prices that turn the usage meter's units into money, with the date they were taken (prices
 * change; the date tells a reader how old the figure is). Switchboard ships no prices: copy them
 * from Cloudflare's pricing page into the {@code usage.prices} block of {@code switchboard.jsonc}.
 *
 * @param currency the currency, such as {@code USD}
 * @param takenOn when the prices were read
 * @param requestsPerMillion the price of a million requests; incoming WebSocket messages count as
 *     requests at 20 messages to one, as Cloudflare bills them
 * @param gbSecondsPerMillion the price of a million GB-s of duration
 */
public record UsagePrices(String currency, LocalDate takenOn, double requestsPerMillion, double gbSecondsPerMillion) {

    /** How many incoming WebSocket messages Cloudflare bills as one request. */
    public static final int MESSAGES_PER_REQUEST = 20;

    /** Checks that every price is there and none is negative. */
    public UsagePrices {
        Objects.requireNonNull(currency, "currency, such as \"USD\"");
        Objects.requireNonNull(takenOn, "takenOn, the date the prices were read");
        if (requestsPerMillion < 0 || gbSecondsPerMillion < 0) {
            throw new IllegalArgumentException("prices must not be negative, got " + requestsPerMillion + " and "
                    + gbSecondsPerMillion);
        }
    }
}
