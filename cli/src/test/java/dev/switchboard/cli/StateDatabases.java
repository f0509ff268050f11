package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/** The SQLite files a stopped {@code switchboard dev} left in its state directory. */
final class StateDatabases {

    private StateDatabases() {
    }

    /** Returns every {@code .sqlite} file under {@code state}. */
    static List<Path> under(Path state) throws IOException {
        try (Stream<Path> files = Files.walk(state)) {
            return files.filter(p -> p.toString().endsWith(".sqlite")).toList();
        }
    }

    /** Asserts that SQLite's {@code PRAGMA integrity_check} answers {@code ok} for each of {@code databases}. */
    static void assertIntact(List<Path> databases) throws SQLException {
        for (Path db : databases) {
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 var st = c.createStatement();
                 var rs = st.executeQuery("PRAGMA integrity_check")) {
                assertTrue(rs.next());
                assertEquals("ok", rs.getString(1), db.toString());
            }
        }
    }
}
