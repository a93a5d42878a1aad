package dwell.report;

import dwell.casefile.CaseFile;
import dwell.casefile.Triage;
import dwell.scan.Background;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The HTML report's findings rows (the latest run's, in report order, with their indicators and current triage),
 * queried on a second connection and thread while the rest of the report is rendered: DuckDB joins and sorts them
 * beside the report's other queries instead of after them. The rows are read on the caller's thread.
 */
final class FindingsQuery implements AutoCloseable {
    private final CaseFile second;
    private Background<ResultSet> rows;
    private Statement statement;

    private FindingsQuery(CaseFile second) {
        this.second = second;
    }

    /** Starts the query over a duplicate of {@code cf}'s connection. */
    static FindingsQuery start(CaseFile cf) throws SQLException {
        FindingsQuery q = new FindingsQuery(cf.duplicate());
        q.rows = Background.start("dwell-report-findings", q::run);
        return q;
    }

    private ResultSet run() throws SQLException {
        statement = second.connection().createStatement();
        return statement.executeQuery(sql(second.hasTriage()));
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

    /** The rows, once the query has run; its failure as thrown. */
    ResultSet rows() throws SQLException {
        return rows.join(SQLException.class);
    }

    /** Waits for the query's thread (the connection must not close under it), then closes the rows and the connection. */
    @Override
    public void close() throws SQLException {
        rows.awaitEnd(); // a failure went to the report through rows()
        try (CaseFile c = second; Statement s = statement) {
            // closing the statement closes its rows
        }
    }
}
