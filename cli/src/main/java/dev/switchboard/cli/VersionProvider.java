package dev.switchboard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Answers {@code --version} with the Maven project version, read from {@code version.properties}
 * (filtered at build time) or, failing that, from the jar manifest.
 */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"switchboard " + version(), "Java " + System.getProperty("java.version")};
    }

    /** Returns the project version, or {@code "unknown"} when neither source has it. */
    public static String version() {
        String v = buildProperty("version");
        if (v != null) {
            return v;
        }
        String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "unknown";
    }

    /** Returns the build-time value of {@code key} in {@code version.properties}, or null when it has none. */
    static String buildProperty(String key) {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                var props = new Properties();
                props.load(in);
                String v = props.getProperty(key, "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // the caller falls back
        }
        return null;
    }
}
