package dwell.report;

import dwell.text.Json;
import dwell.casefile.CaseFile;
import dwell.text.SafeText;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** Writes a case in one of the report formats. */
public final class Reports {
    /** The report formats. */
    public enum Kind { html, csv, jsonl, stix }

    private Reports() {
    }

    /** Writes the affected-mailbox CSV ({@link ImpactCsv}) to {@code out}, or to standard output when out is null. */
    public static void writeImpactCsv(Path caseFile, Path out) throws SQLException, IOException {
        try (CaseFile c = CaseFile.openExisting(caseFile);
             Writer w = SafeText.utf8(out == null ? System.out : Files.newOutputStream(out))) {
            ImpactCsv.write(c, w);
            w.flush();
        }
    }

    /** Writes the report to {@code out}, or to standard output when out is null. */
    public static void write(Path caseFile, Kind kind, Path out, String org, String tlp, int minConfidence) throws SQLException, IOException {
        try (CaseFile c = CaseFile.openExisting(caseFile)) {
            write(c, caseFile, kind, out, org, tlp, minConfidence);
        }
    }

    /**
     * Writes the report of an open case (the case file at {@code caseFile}) to {@code out}, or to standard output when
     * out is null: a scan writes its report through the connection that imported the run, since opening a DuckDB
     * database costs a large part of a small scan's case stage.
     */
    public static void write(CaseFile c, Path caseFile, Kind kind, Path out, String org, String tlp, int minConfidence)
            throws SQLException, IOException {
        try (Writer w = SafeText.utf8(out == null ? System.out : Files.newOutputStream(out))) {
            switch (kind) {
                case html -> HtmlReport.write(c, caseFile.getFileName().toString(), w);
                case csv -> TimesketchCsv.write(c, w);
                case jsonl -> {
                    FindingRows.each(c, f -> {
                        w.write(Json.LINE.writeValueAsString(f));
                        w.write('\n');
                    });
                }
                case stix -> StixBundle.write(c, org, tlp, minConfidence, w);
            }
            w.flush();
        }
    }
}
