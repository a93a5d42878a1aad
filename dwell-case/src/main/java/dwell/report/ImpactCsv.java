package dwell.report;

import dwell.casefile.CaseFile;
import dwell.casefile.QueryResult;
import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest run's affected mailboxes, one row per incident and mailbox, for whoever must notify the people whose
 * mail was exposed: read through which protocols, first and last access, requests and bytes answered, and where
 * its mail was forwarded or exported to and who was granted access to it. Every cell is defused as in the Timesketch
 * CSV (a mailbox is evidence text too).
 */
final class ImpactCsv {
    static final List<String> COLUMNS = List.of("incident", "mailbox", "protocols", "first_access", "last_access", "requests",
            "bytes", "forwarded_to", "exported_to", "access_granted_to");

    private static final String SQL = "SELECT incident_id, mailbox, "
            + "max(protocols) FILTER (WHERE kind = 'mailbox'), "
            + "strftime(min(first) FILTER (WHERE kind = 'mailbox'), '%Y-%m-%dT%H:%M:%S.%gZ'), "
            + "strftime(max(last) FILTER (WHERE kind = 'mailbox'), '%Y-%m-%dT%H:%M:%S.%gZ'), "
            + "sum(requests) FILTER (WHERE kind = 'mailbox'), sum(bytes) FILTER (WHERE kind = 'mailbox'), "
            + "string_agg(DISTINCT target, '; ' ORDER BY target) FILTER (WHERE kind = 'forwarding'), "
            + "string_agg(DISTINCT path, '; ' ORDER BY path) FILTER (WHERE kind = 'export'), "
            + "string_agg(DISTINCT target || coalesce(' (' || how || ')', ''), '; ' ORDER BY target || coalesce(' (' || how || ')', '')) "
            + "FILTER (WHERE kind = 'permission') "
            + "FROM impact WHERE run_id = (SELECT max(run_id) FROM runs) AND mailbox IS NOT NULL "
            + "GROUP BY incident_id, mailbox ORDER BY length(incident_id), incident_id, mailbox";

    private ImpactCsv() {
    }

    static void write(CaseFile c, Writer out) throws SQLException, IOException {
        TimesketchCsv.line(out, COLUMNS, -1);
        QueryResult r = c.query(SQL);
        for (List<Object> row : r.rows()) {
            List<String> cells = new ArrayList<>();
            for (Object o : row) cells.add(o == null ? "" : o.toString());
            TimesketchCsv.line(out, cells, -1);
        }
    }
}
