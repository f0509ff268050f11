package dev.switchboard.cli;

import dev.switchboard.cli.init.LocalRepository;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard doctor}: checks that this machine is ready to build and run Switchboard
 * projects (the workshop labs, a project made by {@code init}) and prints one line per check,
 * {@code OK}, {@code FAIL} with the fix, or {@code --} for an optional tool that is missing. When
 * Switchboard is missing from the local Maven repository it installs it from the checkout this
 * command runs from, as {@code init} does, unless {@code --no-install}.
 *
 * <p>Exit codes: 0 ready (no FAIL line); 1 not ready.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Check that this machine is ready for Switchboard projects and the workshop: Java 17+,"
                + " Maven 3.8+ on the PATH, Switchboard in the local Maven repository (installed from this"
                + " checkout when missing), a free port for switchboard dev, and, optionally, chromium.",
                "Prints one line per check (OK, FAIL with the fix, or -- for an optional tool) and exits with 0"
                        + " when ready, 1 when not."})
public final class DoctorCommand implements Callable<Integer> {

    /** How a check came out. */
    enum Status { OK, FAIL, MISSING_OPTIONAL }

    /** One line of the report: what was checked, how it came out, and what was found or what to do. */
    record Check(String name, Status status, String detail) {
        String line() {
            String mark = switch (status) {
                case OK -> "OK  ";
                case FAIL -> "FAIL";
                case MISSING_OPTIONAL -> "--  ";
            };
            return mark + "  " + name + ": " + detail;
        }
    }

    /** Runs a command and returns its output, or empty when it cannot be started or fails. */
    interface Probe {
        Optional<String> output(List<String> command);
    }

    private static final Pattern MAVEN_VERSION = Pattern.compile("Apache Maven (\\d+)\\.(\\d+)\\.(\\d+)");

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8787", paramLabel = "PORT",
            description = "The port switchboard dev will listen on, checked for being free (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--no-install",
            description = "Report a missing Switchboard install as FAIL instead of installing it into the local"
                    + " Maven repository.")
    private boolean noInstall;

    /** The repository projects resolve Switchboard from; tests point it at a private one. */
    LocalRepository repository = LocalRepository.standard();
    /** The checkout to install from; null: the one this code runs from. */
    Path checkout;
    /** Runs {@code mvn -v}; tests replace it. */
    Probe probe = DoctorCommand::run;
    /** The directories searched for chromium; tests replace them. */
    List<Path> path = searchPath();
    /** The Java feature version running this command; tests replace it. */
    int javaVersion = Runtime.version().feature();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var checks = new ArrayList<Check>();
        checks.add(report(out, java()));
        Check maven = report(out, maven());
        checks.add(maven);
        checks.add(report(out, switchboard(maven.status() == Status.OK, out)));
        checks.add(report(out, port()));
        checks.add(report(out, chromium()));
        boolean ready = checks.stream().noneMatch(c -> c.status() == Status.FAIL);
        out.println(ready ? "Ready: this machine can build and run Switchboard projects."
                : "Not ready: fix the FAIL lines above, then run switchboard doctor again.");
        out.flush();
        return ready ? 0 : 1;
    }

    private static Check report(PrintWriter out, Check check) {
        out.println(check.line());
        out.flush(); // an install may follow; show what is known so far
        return check;
    }

    Check java() {
        String home = System.getProperty("java.home");
        return javaVersion >= 17 ? new Check("Java", Status.OK, javaVersion + " (" + home + ")")
                : new Check("Java", Status.FAIL, javaVersion + " is too old; install Java 17 or newer and put it"
                        + " first on the PATH (java -version shows which one runs)");
    }

    Check maven() {
        Optional<String> output = probe.output(List.of("mvn", "-v"));
        if (output.isEmpty()) {
            return new Check("Maven", Status.FAIL, "mvn -v did not run; install Maven 3.8+ and put its bin directory"
                    + " on the PATH");
        }
        Matcher m = MAVEN_VERSION.matcher(output.get());
        if (!m.find()) {
            return new Check("Maven", Status.FAIL, "mvn -v did not print a Maven version; reinstall Maven 3.8+");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        String version = m.group(1) + "." + m.group(2) + "." + m.group(3);
        return major > 3 || (major == 3 && minor >= 8) ? new Check("Maven", Status.OK, version)
                : new Check("Maven", Status.FAIL, version + " is too old; install Maven 3.8 or newer");
    }

    Check switchboard(boolean mavenWorks, PrintWriter out) {
        String version = VersionProvider.version();
        String name = "Switchboard " + version;
        if (repository.hasSwitchboard(version) && (noInstall || !mavenWorks)) {
            return new Check(name, Status.OK, "installed in " + repository.root());
        }
        if (!repository.hasSwitchboard(version) && (noInstall || !mavenWorks)) {
            return new Check(name, Status.FAIL, "not in the local Maven repository " + repository.root() + "; "
                    + (noInstall ? "run switchboard doctor without --no-install to install it"
                    : "fix Maven first, then run switchboard doctor again to install it"));
        }
        try {
            InitCommand.ensureInstalled(repository, checkout, version, out);
            return new Check(name, Status.OK, "installed in " + repository.root());
        } catch (ConfigException | IOException e) {
            return new Check(name, Status.FAIL, e.getMessage());
        }
    }

    Check port() {
        try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return new Check("Port " + port, Status.OK, "free on 127.0.0.1 for switchboard dev");
        } catch (IOException e) {
            return new Check("Port " + port, Status.FAIL, "in use on 127.0.0.1 (" + e.getMessage() + "); stop the"
                    + " program listening there (another switchboard dev?), or use switchboard dev --port with"
                    + " another port");
        }
    }

    Check chromium() {
        Optional<Path> found = path.stream()
                .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome").map(dir::resolve))
                .filter(Files::isExecutable).findFirst();
        return found.map(p -> new Check("Chromium (optional)", Status.OK, p.toString()))
                .orElseGet(() -> new Check("Chromium (optional)", Status.MISSING_OPTIONAL, "not found; the"
                        + " pages work in any browser, only Switchboard's own browser tests need chromium"
                        + " (Debian: apt-get install chromium chromium-driver)"));
    }

    private static List<Path> searchPath() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isBlank()).map(Path::of).toList();
    }

    /** Runs {@code command} for at most a minute; its output if it exited with 0. */
    private static Optional<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            // mvn -v prints a few lines; reading before waiting keeps a full pipe from blocking it.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
