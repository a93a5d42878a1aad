package dwell.cli;

import dwell.casefile.CaseFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** The CASE argument of query and report: an existing DuckDB case file, refused as the user's error otherwise. */
final class CaseArgument {
    private CaseArgument() {
    }

    /** The path, when it names a regular file. */
    static Path existing(Path file) {
        if (!Files.isRegularFile(file)) throw new InputError("no such case file: " + file);
        return file;
    }

    /** Opens the case read-only; a file DuckDB cannot open is named with DuckDB's reason. */
    static CaseFile open(Path file) {
        try {
            return CaseFile.openExisting(existing(file));
        } catch (SQLException e) {
            throw unreadable(file, e);
        }
    }

    static InputError unreadable(Path file, SQLException e) {
        return new InputError(file + ": not a readable dwell case file (" + e.getMessage().strip() + ")", e);
    }
}
