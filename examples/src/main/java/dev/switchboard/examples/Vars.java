package dev.switchboard.examples;

import dev.switchboard.durable.Env;

/** Reading the worker variables the examples take, with their defaults. */
public final class Vars {

    private Vars() {
    }

    /**
     * Returns the variable {@code name} as a whole number from 1 to {@code max}, or {@code fallback}
     * when it is not set or blank.
     *
     * @throws IllegalArgumentException for anything else, naming the variable and what to pass
     */
    public static int positive(Env env, String name, int fallback, int max) {
        String value = env.var(name).map(String::strip).orElse("");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 1 to " + max
                + " (default " + fallback + "); got \"" + value + "\": pass --var " + name + "=" + fallback);
    }
}
