package dwell.cli;

import dwell.casefile.CaseFile;
import dwell.casefile.RunInfo;
import dwell.report.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** The end of a scan: the run goes into OUT/case.duckdb and the case is rendered as OUT/report.html. */
public final class CaseStage {
    @Option(names = "--no-case", description = "Do not write OUT/case.duckdb and OUT/report.html.")
    boolean noCase;

    /**
     * The command as typed, from the arguments of the whole line (the command's name among them), an argument with
     * blanks or shell characters in single quotes so that the line can be run again.
     */
    static String commandLine(List<String> args) {
        StringBuilder b = new StringBuilder("dwell");
        for (String a : args) {
            b.append(' ');
            if (!a.isEmpty() && a.matches("[A-Za-z0-9_./:=,@%+-]+")) b.append(a);
            else b.append('\'').append(a.replace("'", "'\\''")).append('\'');
        }
        return b.toString();
    }

    /**
     * Imports the scan's output folder as a new run of its case, then writes the HTML report; returns the paths.
     * {@code args} are the whole command line's.
     */
    List<Path> write(Path out, List<String> args, List<Path> ruleSources, boolean builtin, Instant started)
            throws IOException {
        if (noCase) return List.of();
        Path db = out.resolve("case.duckdb");
        Path html = out.resolve("report.html");
        RunInfo run = new RunInfo(commandLine(args), Main.version(), digest(ruleSources, builtin),
                started, Instant.now());
        try (CaseFile c = CaseFile.open(db)) {
            try {
                c.importRun(out, run);
            } catch (SQLException e) {
                throw new IOException("cannot write the case file " + db + ": " + e.getMessage(), e);
            }
            try {
                Reports.write(c, db, Reports.Kind.html, html, "dwell", "amber", 0);
            } catch (SQLException e) {
                throw new IOException("cannot write the report " + html + ": " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new IOException("cannot write the case file " + db + ": " + e.getMessage(), e);
        }
        return List.of(db, html);
    }

    /** SHA-256 over the bytes of every rule and feed file used (sorted by path) and the built-in packs' version. */
    static String digest(List<Path> sources, boolean builtin) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(((builtin ? "builtin " : "") + Main.version()).getBytes());
            List<Path> files = new ArrayList<>();
            for (Path p : sources) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.walk(p)) {
                        s.filter(Files::isRegularFile).forEach(files::add);
                    }
                } else if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
            files.sort(null);
            byte[] buf = new byte[65536];
            for (Path f : files) {
                md.update(f.toString().getBytes());
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
                    while (in.read(buf) >= 0) {
                        // digesting
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
