package dwell.report;

import dwell.casefile.CaseFile;
import dwell.casefile.QueryResult;
import java.sql.SQLException;
import java.util.List;

/** What the reports read from a case: the latest run's view of items, findings, incidents, their impact and exposure. */
record CaseData(QueryResult runs, QueryResult items, QueryResult months, QueryResult incidents, QueryResult exposure,
                QueryResult levels, QueryResult impact) {

    static CaseData load(CaseFile c) throws SQLException {
        return new CaseData(
                c.query("SELECT run_id, command_line, dwell_version, ruleset_digest, started, ended FROM runs ORDER BY run_id"),
                c.query("SELECT path, sha256, size, format, events, first, last, errors, error FROM items WHERE "
                        + CaseFile.LATEST_RUN + " ORDER BY path"),
                c.query("SELECT strftime(time, '%Y-%m') AS month, level, count(*) AS n FROM findings WHERE time IS NOT NULL AND "
                        + CaseFile.LATEST_RUN + " GROUP BY ALL ORDER BY month"),
                c.query("SELECT id, first, last, dwell_days, hosts, indicators, techniques, cves, findings, story, summary FROM incidents "
                        + "WHERE run_id = (SELECT max(run_id) FROM runs) ORDER BY first NULLS LAST, id"),
                c.query("SELECT server, cve, title, level, details FROM exposure WHERE run_id = (SELECT max(run_id) FROM runs) "
                        + "ORDER BY server, cve"),
                c.query("SELECT level, count(*) AS n FROM findings WHERE " + CaseFile.LATEST_RUN + " GROUP BY level"),
                c.query("SELECT incident_id, kind, coalesce(mailbox, path) AS what, protocols, first, last, requests, bytes, target, how "
                        + "FROM impact WHERE run_id = (SELECT max(run_id) FROM runs) ORDER BY incident_id, kind, first, what"));
    }

    static int col(QueryResult r, String name) {
        int i = r.columns().indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no column " + name);
        return i;
    }

    static String str(List<Object> row, int i) {
        Object o = row.get(i);
        return o == null ? null : o.toString();
    }
}
