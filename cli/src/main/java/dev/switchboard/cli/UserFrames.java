package dev.switchboard.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints an exception for people who wrote the code that threw it: each throwable of the cause chain
 * with the frames of the user's code first, and the frames of Switchboard, the JDK and the libraries
 * counted rather than listed. An error with no user frame at all (a bug in Switchboard) keeps its
 * first frames as they are.
 */
final class UserFrames {

    private static final List<String> NOT_USER_CODE = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "dev.switchboard.", "io.undertow.", "org.xnio.", "org.jboss.", "com.fasterxml.", "picocli.",
            "org.sqlite.");
    /** The bundled examples are the user's code of {@code switchboard dev} with no config. */
    private static final String EXAMPLES = "dev.switchboard.examples.";
    private static final int FRAMES_WITHOUT_USER_CODE = 8;
    private static final int MOST_CAUSES = 5;

    private UserFrames() {
    }

    /** Returns the lines that show {@code error}, each starting with {@code indent}. */
    static List<String> lines(Throwable error, String indent) {
        List<String> lines = new ArrayList<>();
        Throwable current = error;
        for (int depth = 0; current != null && depth < MOST_CAUSES; depth++, current = current.getCause()) {
            lines.add(indent + (depth == 0 ? "" : "Caused by: ") + current);
            StackTraceElement[] frames = current.getStackTrace();
            List<StackTraceElement> user = new ArrayList<>();
            for (StackTraceElement frame : frames) {
                if (isUserCode(frame.getClassName())) {
                    user.add(frame);
                }
            }
            if (user.isEmpty()) {
                for (int i = 0; i < Math.min(frames.length, FRAMES_WITHOUT_USER_CODE); i++) {
                    lines.add(indent + "    at " + frames[i]);
                }
                if (frames.length > FRAMES_WITHOUT_USER_CODE) {
                    lines.add(indent + "    … " + (frames.length - FRAMES_WITHOUT_USER_CODE) + " more");
                }
            } else {
                user.forEach(frame -> lines.add(indent + "    at " + frame + "   ← your code"));
                int others = frames.length - user.size();
                if (others > 0) {
                    lines.add(indent + "    (" + others + " frames in Switchboard, the JDK and libraries)");
                }
            }
        }
        return lines;
    }

    static boolean isUserCode(String className) {
        if (className.startsWith(EXAMPLES)) {
            return true;
        }
        return NOT_USER_CODE.stream().noneMatch(className::startsWith);
    }
}
