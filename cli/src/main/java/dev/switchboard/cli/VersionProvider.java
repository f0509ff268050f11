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
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                var props = new Properties();
                props.load(in);
                String v = props.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "unknown";
    }
}
