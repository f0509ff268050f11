package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs a block's commands with bash in the pages' working directory, one bash per block so that
 * what one line sets up (a descriptor opened with {@code exec 3<>}) the next can use, and checks
 * each command's exit code. A {@code ./switchboard dev ...} line that declares no exit code is
 * handed to {@link DocServers}, since a reader runs it in its own terminal.
 *
 * <p>Used from the test thread only. A block that runs longer than two minutes (the benchmark
 * page's runs take one) is killed with its children and fails, naming the command that was running.
 */
final class DocShell {

    private static final long BLOCK_SECONDS = 120;
    private static final List<String> PROGRAMS = List.of("curl", "node", "xxd", "openssl");
    private static final Pattern DEV = Pattern.compile("^(\\./)?switchboard dev(\\s.*)?$", Pattern.DOTALL);

    private final Path directory;
    private final DocServers servers;
    private final Map<String, Boolean> found = new HashMap<>();

    DocShell(Path directory, DocServers servers) {
        this.directory = directory;
        this.servers = servers;
    }

    /** Why a command cannot run unattended, when it plainly cannot: it waits for typing or never ends. */
    static Optional<String> refusal(DocCommand command) {
        String text = command.text();
        if (command.expectedExit() != 0) {
            return Optional.empty(); // the page says how it ends
        }
        boolean executes = text.matches("(?s).*\\s(-x|--execute)\\s.*");
        if (text.matches("(?s).*\\bwscat\\b.*\\s(-c|--connect)\\s.*") && !executes) {
            return Optional.of("waits for typed input (wscat without -x)");
        }
        if (text.matches("(?s).*switchboard connect\\b.*") && !executes) {
            return Optional.of("waits for typed input (connect without -x)");
        }
        if (text.matches("(?s).*switchboard tail\\b.*") || text.matches("(?s).*\\bcurl\\b.*\\s-N\\b.*")) {
            return Optional.of("streams events until Ctrl-C");
        }
        if (command.program().equals("mvn")) {
            return Optional.of("runs a Maven build inside this one");
        }
        return Optional.empty();
    }

    /** A one-line reason to skip, when a command needs a program this machine does not have. */
    Optional<String> missingProgram(List<DocCommand> commands) throws Exception {
        String all = String.join("\n", commands.stream().map(DocCommand::text).toList());
        for (String program : PROGRAMS) {
            boolean used = Pattern.compile("(^|[\\s|;&(])" + program + "\\b").matcher(all).find();
            if (used && !has(program, program + " --version")) {
                return Optional.of("`" + program + "` is not installed on this machine");
            }
        }
        if (all.contains("npx wscat") && !has("wscat", "npx --yes wscat --version")) {
            return Optional.of("`npx wscat` does not run here (no Node.js, or npm could not fetch wscat)");
        }
        return Optional.empty();
    }

    /** Runs the block and returns everything its commands printed, standard error included. */
    String run(DocBlocks.Block block, List<DocCommand> commands) throws Exception {
        var output = new StringBuilder();
        var segment = new ArrayList<DocCommand>();
        for (var command : commands) {
            if (DEV.matcher(command.text()).matches() && command.expectedExit() == 0) {
                output.append(script(block, segment));
                segment.clear();
                var args = command.text().replaceFirst("^(\\./)?switchboard dev", "").strip();
                servers.restart(args.isEmpty() ? List.of() : List.of(args.split("\\s+")));
            } else {
                segment.add(command);
            }
        }
        return output.append(script(block, segment)).toString();
    }

    private String script(DocBlocks.Block block, List<DocCommand> commands) throws Exception {
        if (commands.isEmpty()) {
            return "";
        }
        Path status = Files.createTempFile(directory, "status", ".txt");
        Path log = Files.createTempFile(directory, "output", ".txt");
        var script = new StringBuilder("exec </dev/null\n");
        for (int i = 0; i < commands.size(); i++) {
            var command = commands.get(i);
            script.append("echo ").append(i).append(" > ").append(status).append('\n')
                    .append(servers.map(command.text())).append('\n')
                    .append("rc=$?; if [ $rc -ne ").append(command.expectedExit())
                    .append(" ]; then echo \"exit $rc\" >> ").append(status).append("; exit 1; fi\n");
        }
        script.append("echo done >> ").append(status).append('\n');
        var builder = new ProcessBuilder("bash", "-c", script.toString())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // npx asks before it installs a package; a reader answers once, the test cannot. curl
        // prints a progress meter when its output is not a terminal; .curlrc here turns it off.
        builder.environment().put("npm_config_yes", "true");
        builder.environment().put("CURL_HOME", directory.toString());
        Process bash = builder.start();
        bash.getOutputStream().close();
        boolean ended = bash.waitFor(BLOCK_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly().waitFor();
        }
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        List<String> said = Files.readAllLines(status);
        Files.delete(log);
        Files.delete(status);
        if (said.contains("done")) {
            return printed;
        }
        var command = commands.get(Integer.parseInt(said.get(0)));
        String what = ended ? "ended with " + said.get(said.size() - 1) + ", not exit " + command.expectedExit()
                + " (declare another with a trailing `# exit N` comment)"
                : "did not end within " + BLOCK_SECONDS + " s";
        return fail(block.where() + ": `" + command.text() + "` " + what + "; it printed:\n" + printed);
    }

    private boolean has(String program, String check) throws IOException, InterruptedException {
        Boolean known = found.get(program);
        if (known == null) {
            var probe = new ProcessBuilder("bash", "-c", check).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            probe.environment().put("npm_config_yes", "true");
            Process p = probe.start();
            known = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            p.destroyForcibly();
            found.put(program, known);
        }
        return known;
    }
}
