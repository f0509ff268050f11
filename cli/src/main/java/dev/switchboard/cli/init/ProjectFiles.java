package dev.switchboard.cli.init;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the files of one {@link Template} into a directory, filling in {@code {{package}}},
 * {@code {{artifactId}}} and the versions. Not thread-safe; one per project.
 *
 * @param template the template
 * @param packageName the Java package of the generated classes, such as {@code com.example.app}
 * @param artifactId the Maven artifact id, from the directory's name
 * @param switchboardVersion the Switchboard version the pom depends on
 * @param junitVersion the JUnit version the pom imports
 */
public record ProjectFiles(Template template, String packageName, String artifactId, String switchboardVersion,
                           String junitVersion) {

    private static final String TEMPLATES = "/dev/switchboard/cli/templates/";
    // The chat template serves the bundled chat's page, so there is one copy of it in the repository.
    private static final String CHAT_PAGE = "/dev/switchboard/examples/chat/index.html";

    /** Returns the relative path and content of every file, in the order they are written. */
    public Map<String, String> files() {
        String packagePath = packageName.replace('.', '/');
        var result = new LinkedHashMap<String, String>();
        result.put("pom.xml", fill(resource(TEMPLATES + "common/pom.xml")));
        result.put(".gitignore", fill(resource(TEMPLATES + "common/gitignore")));
        result.put("README.md", fill(resource(TEMPLATES + "common/README.md")));
        for (String file : template.files()) {
            String target = !file.endsWith(".java") ? file
                    : (file.endsWith("Test.java") ? "src/test/java/" : "src/main/java/") + packagePath + "/" + file;
            result.put(target, fill(resource(TEMPLATES + template.id() + "/" + file)));
        }
        if (template == Template.CHAT) {
            result.put("src/main/resources/" + packagePath + "/index.html", resource(CHAT_PAGE));
        }
        return result;
    }

    /** Writes {@link #files()} under {@code dir}, creating directories as needed. */
    public void writeTo(Path dir) throws IOException {
        for (var file : files().entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
    }

    private String fill(String text) {
        return text.replace("{{package}}", packageName)
                .replace("{{packagePath}}", packageName.replace('.', '/'))
                .replace("{{artifactId}}", artifactId)
                .replace("{{template}}", template.id())
                .replace("{{objectFile}}", "`" + template.objectFile() + "`")
                .replace("{{switchboardVersion}}", switchboardVersion)
                .replace("{{junitVersion}}", junitVersion);
    }

    private static String resource(String name) {
        try (InputStream in = ProjectFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath; rebuild the cli");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
