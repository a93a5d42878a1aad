package dwell.report;

import dwell.casefile.CaseFile;
import dwell.casefile.QueryResult;
import java.sql.SQLException;
import java.util.List;

/** What the reports read from a case: the latest run's view of items, findings, incidents, their impact and exposure. */
record CaseData(QueryResult runs, QueryResult items, QueryResult months, QueryResult incidents, QueryResult exposure,
                QueryResult levels, QueryResult incidentFindings, QueryResult rules, QueryResult days, QueryResult hosts,
                QueryResult impact) {
    private static final String LATEST_INCIDENTS = "run_id = (SELECT max(run_id) FROM runs)";

    static CaseData load(CaseFile c) throws SQLException {
        return new CaseData(
                c.query("SELECT run_id, command_line, dwell_version, ruleset_digest, started, ended FROM runs ORDER BY run_id"),
                c.query("SELECT path, sha256, size, format, events, first, last, errors, error FROM items WHERE "
                        + CaseFile.LATEST_RUN + " ORDER BY path"),
                c.query("SELECT strftime(time, '%Y-%m') AS month, level, count(*) AS n FROM findings WHERE time IS NOT NULL AND "
                        + CaseFile.LATEST_RUN + " GROUP BY ALL ORDER BY month"),
                c.query("SELECT id, first, last, dwell_days, hosts, indicators, techniques, cves, findings, story, summary FROM incidents "
                        + "WHERE " + LATEST_INCIDENTS + " ORDER BY first NULLS LAST, id"),
                c.query("SELECT server, cve, title, level, details FROM exposure WHERE " + LATEST_INCIDENTS + " ORDER BY server, cve"),
                c.query("SELECT level, count(*) AS n FROM findings WHERE " + CaseFile.LATEST_RUN + " GROUP BY level"),
                // every finding of every incident, where it is: ranks incidents and gives a story step all its rules
                c.query("SELECT i.id AS incident, f.id, f.level, f.detector, f.rule_title, f.path, f.line, f.record FROM (SELECT id, "
                        + "unnest(from_json(findings, '[\"VARCHAR\"]')) AS finding FROM incidents WHERE " + LATEST_INCIDENTS
                        + ") i JOIN findings f ON f.id = i.finding ORDER BY i.id, f.path, f.line, f.record, f.detector, f.rule_title, f.id"),
                c.query("SELECT level, detector, rule_title, count(*) AS n FROM findings WHERE " + CaseFile.LATEST_RUN
                        + " AND detector <> 'exposure' GROUP BY ALL ORDER BY n DESC, detector, rule_title"),
                // an event several rules hit is one event of its day
                c.query("SELECT strftime(time, '%Y-%m-%d') AS day, count(DISTINCT (path, line, record)) AS events FROM findings "
                        + "WHERE time IS NOT NULL AND level IN ('medium', 'high', 'critical') AND detector <> 'exposure' AND "
                        + CaseFile.LATEST_RUN + " GROUP BY day ORDER BY events DESC, day"),
                c.query("SELECT coalesce(host, '-') AS host, count(*) AS n FROM findings WHERE " + CaseFile.LATEST_RUN
                        + " GROUP BY ALL ORDER BY n DESC, host"),
                c.query("SELECT incident_id, kind, coalesce(mailbox, path) AS what, protocols, first, last, requests, bytes, target, how "
                        + "FROM impact WHERE " + LATEST_INCIDENTS + " ORDER BY incident_id, kind, first, what"));
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
