package dev.switchboard.cli.project;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles a project's {@code src/main/java} in process with the JDK's compiler, against the
 * dependency class path, into a fresh directory per build. Not thread-safe: one build at a time.
 */
final class ProjectCompiler {

    /** What a build gave: the output directory and the number of classes, or the errors. */
    sealed interface Result {
        /** Every source compiled; {@code classes} class files are in {@code output}. */
        record Compiled(Path output, int classes) implements Result {
        }

        /** The compiler refused; each error is {@code path:line: message}. */
        record Failed(List<String> errors) implements Result {
        }
    }

    private final Path project;
    private final String classPath;

    ProjectCompiler(Path project, List<Path> classPath) {
        this.project = project;
        this.classPath = classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /** Compiles every source into {@code output}, which must not exist yet. */
    Result compile(Path output) throws IOException {
        var compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            return new Result.Failed(List.of("no Java compiler in this runtime; run switchboard with a JDK, not a JRE"));
        }
        List<Path> sources;
        Path root = project.resolve("src/main/java");
        try (Stream<Path> files = Files.exists(root) ? Files.walk(root) : Stream.empty()) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        Files.createDirectories(output);
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (var files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            var units = files.getJavaFileObjectsFromPaths(sources);
            // No annotation processing: the project's own build does that; this is the fast path.
            var options = List.of("-d", output.toString(), "-classpath", classPath, "-proc:none", "-g",
                    "-encoding", "UTF-8", "-implicit:none");
            boolean ok = compiler.getTask(new StringWriter(), files, diagnostics, options, null, units).call();
            if (!ok) {
                return new Result.Failed(errors(diagnostics));
            }
        }
        try (Stream<Path> files = Files.walk(output)) {
            return new Result.Compiled(output, (int) files.filter(p -> p.toString().endsWith(".class")).count());
        }
    }

    private List<String> errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        var errors = new ArrayList<String>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String where = d.getSource() == null ? "" : project.relativize(Path.of(d.getSource().toUri())) + ":"
                    + d.getLineNumber() + ": ";
            errors.add(where + "error: " + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
        }
        if (errors.isEmpty()) {
            errors.add("the compiler failed without saying why; run mvn compile to see more");
        }
        return errors;
    }
}
