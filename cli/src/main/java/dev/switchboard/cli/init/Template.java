package dev.switchboard.cli.init;

import java.util.List;

/**
 * A project template of {@code switchboard init}: the files it writes besides the common pom,
 * {@code .gitignore} and README. A Java file goes to the package directory under
 * {@code src/test/java} when its name ends in {@code Test.java}, else under {@code src/main/java}.
 */
public enum Template {
    /** {@code GET|POST /counter/{name}}; the object declares {@code STEP}. */
    COUNTER("Counter.java", List.of("switchboard.jsonc", "AppWorker.java", "Counter.java", "CounterTest.java")),
    /** The chat page at {@code /} and {@code /room/{name}/ws?user=}, with history. */
    CHAT("ChatRoom.java", List.of("switchboard.jsonc", "AppWorker.java", "ChatRoom.java", "ChatRoomTest.java")),
    /** A worker answering {@code GET /} and one object with a {@code fetch}. */
    BLANK("Thing.java", List.of("switchboard.jsonc", "AppWorker.java", "Thing.java", "AppWorkerTest.java"));

    private final String objectFile;
    private final List<String> files;

    Template(String objectFile, List<String> files) {
        this.objectFile = objectFile;
        this.files = files;
    }

    /** Returns the name users type: {@code counter}, {@code chat}, {@code blank}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Returns the file of the template's Durable Object class. */
    public String objectFile() {
        return objectFile;
    }

    /** Returns the template's own files, by resource name. */
    public List<String> files() {
        return files;
    }
}
