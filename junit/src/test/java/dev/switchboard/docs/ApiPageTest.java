package dev.switchboard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

// docs/api.md: every public type of the API modules has its section, and the page names no type that is gone.
class ApiPageTest {

    private static final Path PAGE = Path.of("..", "docs", "api.md").toAbsolutePath().normalize();
    private static final Pattern PACKAGE = Pattern.compile("^## `(dev\\.switchboard[\\w.]*)`$");
    private static final Pattern TYPE = Pattern.compile("^### `(\\w+)`$");
    private static final Pattern NESTED = Pattern.compile("`([A-Z]\\w*(?:\\.[A-Z]\\w*)+)`");

    private static Set<String> publicTypes;
    private static List<String> page;

    @BeforeAll
    static void read() throws IOException {
        publicTypes = new TreeSet<>();
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard.http", "dev.switchboard.durable", "dev.switchboard.worker",
                        "dev.switchboard.junit");
        for (JavaClass c : classes) {
            if (!c.getPackageName().contains(".internal") && isReachable(c)) {
                publicTypes.add(c.getPackageName() + " " + nestedName(c));
            }
        }
        page = Files.readAllLines(PAGE);
    }

    /** Public, and every enclosing type public too, so a user can name it. */
    private static boolean isReachable(JavaClass c) {
        if (c.isAnonymousClass() || c.isLocalClass() || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
            return false;
        }
        return c.getEnclosingClass().map(ApiPageTest::isReachable).orElse(true);
    }

    private static String nestedName(JavaClass c) {
        return c.getEnclosingClass().map(outer -> nestedName(outer) + ".").orElse("") + c.getSimpleName();
    }

    /** Returns "package Type" for every {@code ### `Type`} and every {@code `Type.Nested`} under a package heading. */
    private static Set<String> documented() {
        var result = new TreeSet<String>();
        String pkg = null;
        String type = null;
        for (String line : page) {
            Matcher p = PACKAGE.matcher(line);
            Matcher t = TYPE.matcher(line);
            if (p.matches()) {
                pkg = p.group(1);
                type = null;
            } else if (t.matches() && pkg != null) {
                type = t.group(1);
                result.add(pkg + " " + type);
            } else if (type != null && line.startsWith("Nested: ")) {
                Matcher n = NESTED.matcher(line);
                while (n.find()) {
                    result.add(pkg + " " + n.group(1));
                }
            }
        }
        return result;
    }

    @Test
    void everyPublicTypeHasASectionInItsPackage() {
        var missing = new TreeSet<>(publicTypes);
        missing.removeAll(documented());
        assertTrue(missing.isEmpty(), "public types missing from docs/api.md (package Type): " + missing
                + "; add a ### section (or a Nested: line under its outer type) with a snippet from an ApiTourTest");
    }

    @Test
    void thePageNamesNoTypeThatIsGone() {
        var gone = new TreeSet<>(documented());
        gone.removeAll(publicTypes);
        assertTrue(gone.isEmpty(), "docs/api.md names types that are not public API (package Type): " + gone
                + "; remove their sections or fix the package heading");
    }

    @Test
    void everyTypeSectionShowsASnippet() {
        String type = null;
        boolean snippet = true;
        var without = new TreeSet<String>();
        for (String line : page) {
            if (TYPE.matcher(line).matches() || PACKAGE.matcher(line).matches()) {
                if (!snippet) {
                    without.add(type);
                }
                Matcher t = TYPE.matcher(line);
                type = t.matches() ? t.group(1) : null;
                snippet = type == null;
            } else if (line.startsWith("<!-- snippet: ")) {
                snippet = true;
            }
        }
        if (!snippet) {
            without.add(type);
        }
        assertEquals(Set.of(), without, "type sections of docs/api.md without a snippet marker");
    }

    @Test
    void theScanFindsTheApiItDocuments() {
        // Guards the check itself: an import that found nothing would let every page pass.
        assertTrue(publicTypes.contains("dev.switchboard.durable DurableObject"), publicTypes.toString());
        assertTrue(publicTypes.contains("dev.switchboard.http WebSocketMessage.Text"), publicTypes.toString());
        assertTrue(publicTypes.contains("dev.switchboard.junit SwitchboardExtension"), publicTypes.toString());
    }
}
