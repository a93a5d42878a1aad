package dwell.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.casefile.QueryResult;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each incident's overview line and story show its own hosts, mailboxes read and impact rows, and no other's. */
class ReportIncidentsTest {
    private static QueryResult result(List<String> columns, Object[]... rows) {
        List<List<Object>> r = new ArrayList<>();
        for (Object[] row : rows) r.add(Arrays.asList(row));
        return new QueryResult(columns, r);
    }

    private static Object[] incident(String id, String hosts) {
        return new Object[] {id, "2021-03-01T00:00:00Z", "2021-03-02T00:00:00Z", 1L, hosts, "[]", "[]", "[]", "[]", "[]", "summary " + id};
    }

    private static Object[] impact(String incident, String kind, String what) {
        return new Object[] {incident, kind, what, null, "2021-03-01T00:00:00Z", null, 1L, 2L, null, null};
    }

    @Test
    void eachIncidentShowsItsOwnHostsMailboxesAndImpact() throws Exception {
        QueryResult none = result(List.of());
        QueryResult incidents = result(List.of("id", "first", "last", "dwell_days", "hosts", "indicators", "techniques", "cves",
                "findings", "story", "summary"), incident("INC-1", "[\"exch01\"]"), incident("INC-2", "[\"exch02\",\"dc01\"]"));
        QueryResult impact = result(List.of("incident_id", "kind", "what", "protocols", "first", "last", "requests", "bytes", "target",
                "how"), impact("INC-1", "mailbox", "a@x"), impact("INC-1", "mailbox", "b@x"), impact("INC-1", "export", "c.pst"),
                impact("INC-2", "mailbox", "d@x"));
        QueryResult findings = result(List.of("incident", "id", "level", "detector", "rule_title", "path", "line", "record"));
        ReportIncidents r = new ReportIncidents(new CaseData(none, none, none, incidents, none, none, findings, none, none, none, impact));
        assertEquals(2, r.mailboxesRead("INC-1"));
        assertEquals(1, r.mailboxesRead("INC-2"));
        assertEquals(0, r.mailboxesRead("INC-3"));
        StringWriter overview = new StringWriter();
        r.overview(overview);
        assertTrue(overview.toString().contains("<td>exch02, dc01</td><td>1</td></tr>"), overview.toString());
        StringWriter stories = new StringWriter();
        r.stories(stories);
        String[] story = stories.toString().split("<div class=\"incident\"");
        assertEquals(3, story.length, stories.toString());
        String one = story[1].contains("INC-1") ? story[1] : story[2];
        String two = story[1].contains("INC-1") ? story[2] : story[1];
        assertTrue(one.contains("Hosts: exch01<") && one.contains("a@x") && one.contains("b@x") && one.contains("c.pst") && !one.contains("d@x"), one);
        assertTrue(two.contains("Hosts: exch02, dc01<") && two.contains("d@x") && !two.contains("a@x"), two);
    }
}
