package dwell.report;

import dwell.casefile.CaseFile;
import dwell.casefile.Triage;
import dwell.scan.Background;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The HTML report's findings rows (the latest run's, in report order, with their indicators and current triage),
 * queried on a second connection and thread while the rest of the report is rendered: DuckDB joins and sorts them
 * beside the report's other queries instead of after them. That thread also renders the rows' JSON
 * ({@link FindingsJson}), up to {@link #AHEAD_CHARS}, which the report's own thread then only copies; it renders the rest.
 */
final class FindingsQuery implements AutoCloseable {
    /** At most this much of the JSON is held in memory ahead of the report (all of it for 30,000 findings or so). */
    static final long AHEAD_CHARS = 8L << 20;

    private final CaseFile second;
    private final long aheadChars;
    private Background<Ahead> rows;
    private Statement statement;

    /** The rows, their JSON's first part as rendered on the query's thread, and whether that part holds every row. */
    private record Ahead(ResultSet rows, FindingsJson json, StringWriter rendered, boolean complete) {
    }

    private FindingsQuery(CaseFile second, long aheadChars) {
        this.second = second;
        this.aheadChars = aheadChars;
    }

    /** Starts the query over a duplicate of {@code cf}'s connection. */
    static FindingsQuery start(CaseFile cf) throws SQLException {
        return start(cf, AHEAD_CHARS);
    }

    /** Starts the query, rendering up to about {@code aheadChars} of the JSON on its thread. */
    static FindingsQuery start(CaseFile cf, long aheadChars) throws SQLException {
        FindingsQuery q = new FindingsQuery(cf.duplicate(), aheadChars);
        q.rows = Background.start("dwell-report-findings", q::run);
        return q;
    }

    private Ahead run() throws SQLException, IOException {
        statement = second.connection().createStatement();
        ResultSet rs = statement.executeQuery(sql(second.hasTriage()));
        StringWriter rendered = new StringWriter();
        FindingsJson json = new FindingsJson(rendered);
        boolean complete = json.rows(rs, aheadChars);
        if (complete) json.finish();
        else json.to(rendered);
        return new Ahead(rs, json, rendered, complete);
    }

    /** The columns: time, level, detector, rule title, host, path, sha256, line, record, id, indicators, triage. */
    static String sql(boolean triage) {
        return "SELECT replace(CAST(f.time AS VARCHAR), ' ', 'T') || 'Z', f.level, f.detector, f.rule_title, f.host, f.path, "
                + "f.sha256, f.line, f.record, f.id, i.ind, " + (triage ? "t.status || coalesce(': ' || t.note, '')" : "NULL")
                + " FROM findings f LEFT JOIN (SELECT finding_id, "
                + "left(string_agg(type || ' ' || value, ', ' ORDER BY type, value), 300) AS ind FROM indicators GROUP BY finding_id) i "
                + "ON i.finding_id = f.id " + (triage ? "LEFT JOIN " + Triage.CURRENT + " t ON t.finding_id = f.id " : "") + "WHERE f."
                + CaseFile.LATEST_RUN + " ORDER BY f.time NULLS LAST, f.path, f.line, f.record, f.id";
    }

    /** Writes the rows' JSON to {@code out}: what the query's thread rendered (waiting for it), then the rest; its failure as thrown. */
    void writeJson(Writer out) throws IOException, SQLException {
        Ahead a = ahead();
        out.write(a.rendered().getBuffer().toString());
        if (a.complete()) return;
        a.json().to(out);
        a.json().rows(a.rows(), Long.MAX_VALUE);
        a.json().finish();
    }

    private Ahead ahead() throws IOException, SQLException {
        try {
            return rows.join(Exception.class);
        } catch (IOException | SQLException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the query's thread (the connection must not close under it), then closes the rows and the connection. */
    @Override
    public void close() throws SQLException {
        rows.awaitEnd(); // a failure went to the report through writeJson()
        try (CaseFile c = second; Statement s = statement) {
            // closing the statement closes its rows
        }
    }
}
