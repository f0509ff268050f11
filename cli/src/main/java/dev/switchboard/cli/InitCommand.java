package dev.switchboard.cli;

import dev.switchboard.cli.init.LocalRepository;
import dev.switchboard.cli.init.ProjectFiles;
import dev.switchboard.cli.init.Template;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code switchboard init DIR}: writes a Maven project of the user's own (a worker, a Durable
 * Object, {@code switchboard.jsonc}, a test, {@code .gitignore}, a README) that depends on the
 * installed Switchboard libraries. If they are missing from the local Maven repository, installs
 * them from the checkout this command runs from first, and says so in one line.
 *
 * <p>Exit codes: 0 written; 1 the directory is not empty, or the install failed; 2 bad usage (an
 * unknown template, a bad package name).
 */
@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Create a project of your own: a worker, a Durable Object, switchboard.jsonc and a test.")
public final class InitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A new or empty directory for the project.")
    private Path dir;

    @Option(names = "--template", defaultValue = "counter", paramLabel = "counter|chat|blank",
            converter = TemplateConverter.class,
            description = "counter: GET/POST /counter/{name}; chat: a chat page and rooms; blank: a worker and"
                    + " one object (default: ${DEFAULT-VALUE}).")
    private Template template;

    @Option(names = "--package", defaultValue = "com.example.app", paramLabel = "PACKAGE",
            converter = PackageConverter.class,
            description = "Java package of the generated classes (default: ${DEFAULT-VALUE}).")
    private String packageName;

    /** The repository the project will resolve Switchboard from; tests point it at a private one. */
    LocalRepository repository = LocalRepository.standard();
    /** The checkout to install from when the repository lacks Switchboard; null: the one this code runs from. */
    Path checkout;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
            err.println("switchboard init: " + dir + " is not empty; name a new or empty directory");
            err.flush();
            return 1;
        }
        String version = VersionProvider.version();
        try {
            ensureInstalled(repository, checkout, version, out);
        } catch (ConfigException e) {
            err.println("switchboard init: " + e.getMessage());
            err.flush();
            return 1;
        }
        String junit = VersionProvider.buildProperty("junit.version");
        var files = new ProjectFiles(template, packageName, artifactId(dir), version, junit != null ? junit : "5.14.4");
        files.writeTo(dir);
        out.println("Created " + dir + " from the " + template.id() + " template. Next: cd " + dir
                + " && switchboard dev   (tests: mvn -B -ntp verify)");
        out.flush();
        return 0;
    }

    /**
     * Installs Switchboard {@code version} into {@code repository} from {@code checkout} (null: the
     * checkout this code runs from) when it is missing or older than that checkout, saying so in one
     * line on {@code out}; {@code switchboard doctor} does the same. Blocks for the install.
     *
     * @throws ConfigException if it is missing and cannot be installed, saying what to run instead
     */
    static void ensureInstalled(LocalRepository repository, Path checkout, String version, PrintWriter out)
            throws IOException {
        var from = checkout != null ? java.util.Optional.of(checkout) : LocalRepository.checkoutOf(codeLocation());
        String why;
        if (!repository.hasSwitchboard(version)) {
            why = "is not in the local Maven repository " + repository.root();
        } else if (from.isPresent() && repository.isOlderThan(from.get(), version)) {
            // A snapshot installed from an earlier state of the checkout may lack what the templates use.
            why = "in the local Maven repository " + repository.root() + " is older than " + from.get();
        } else {
            return;
        }
        if (from.isEmpty()) {
            throw new ConfigException("Switchboard " + version + " " + why + ", and this switchboard does not run"
                    + " from a checkout; run mvn install -DskipTests in one");
        }
        Path log = Files.createTempFile("switchboard-install", ".log");
        out.println("Switchboard " + version + " " + why + ": installing it from " + from.get()
                + " first (mvn install, a minute or two; log: " + log + ")");
        out.flush();
        repository.install(from.get(), log);
        Files.deleteIfExists(log);
    }

    private static Path codeLocation() {
        try {
            return Path.of(InitCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** The directory's name as a Maven artifact id: lower case letters, digits and dashes. */
    static String artifactId(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        String id = (name == null ? "app" : name.toString()).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return id.isEmpty() ? "app" : id;
    }

    /** {@code counter}, {@code chat} or {@code blank}; anything else is a usage error. */
    static final class TemplateConverter implements ITypeConverter<Template> {
        @Override
        public Template convert(String value) {
            return Arrays.stream(Template.values()).filter(t -> t.id().equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("'" + value + "' is not a template; use counter,"
                            + " chat or blank"));
        }
    }

    /** A Java package name such as {@code com.example.app}. */
    static final class PackageConverter implements ITypeConverter<String> {
        private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

        @Override
        public String convert(String value) {
            if (!PACKAGE.matcher(value).matches()) {
                throw new TypeConversionException("'" + value + "' is not a package name; write it like"
                        + " com.example.app (lower case, dots between parts)");
            }
            return value;
        }
    }
}
