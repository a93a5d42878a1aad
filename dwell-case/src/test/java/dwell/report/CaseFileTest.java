package dwell.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.casefile.CaseFile;
import dwell.casefile.QueryResult;
import dwell.casefile.RunInfo;
import dwell.testkit.CaseFixture;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseFileTest {
    @TempDir
    Path tmp;

    private static RunInfo run(String t) {
        return new RunInfo("dwell scan examples/", "0.1.0", "digest", Instant.parse(t), Instant.parse(t).plusSeconds(5));
    }

    @Test
    void repeatedRunsAddARunWithoutDuplicatingFindings() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 20);
        Path db = tmp.resolve("case.duckdb");
        try (CaseFile c = CaseFile.open(db)) {
            assertEquals(1, c.importRun(out, run("2021-03-05T10:00:00Z")));
            assertEquals(2, c.importRun(out, run("2021-03-06T10:00:00Z")));
            QueryResult n = c.query("SELECT count(*), count(DISTINCT id), min(first_run), max(last_run) FROM findings");
            assertEquals(28L, ((Number) n.rows().get(0).get(0)).longValue());
            assertEquals(28L, ((Number) n.rows().get(0).get(1)).longValue());
            assertEquals(1, ((Number) n.rows().get(0).get(2)).intValue());
            assertEquals(2, ((Number) n.rows().get(0).get(3)).intValue());
            assertEquals(2L, ((Number) c.query("SELECT count(*) FROM runs").rows().get(0).get(0)).longValue());
            assertEquals(3L, ((Number) c.query("SELECT count(*) FROM items").rows().get(0).get(0)).longValue());
            assertEquals("CVE-2021-26855", c.query("SELECT cve FROM exposure WHERE run_id = 2").rows().get(0).get(0));
            assertEquals(692L, ((Number) c.query("SELECT dwell_days FROM incidents WHERE run_id = 2").rows().get(0).get(0)).longValue());
            assertEquals("2019-04-11T09:14:02Z", c.query("SELECT first FROM incidents WHERE run_id = 1").rows().get(0).get(0));
            assertEquals(14L, ((Number) c.query("SELECT count(*) FROM indicators").rows().get(0).get(0)).longValue());
        }
    }

    @Test
    void aRunAppendedToACaseThatHoldsRunsGetsTheSameRowsUnderItsOwnId() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 3);
        Files.writeString(out.resolve("summary.json"), "{\"traffic\": {\"series\": [{\"format\": \"iis-w3c\", \"host\": \"W3SVC1\", "
                + "\"rate\": {\"bucket_minutes\": 60, \"columns\": [\"start\", \"requests\", \"peak_per_minute\", \"server_errors\"], "
                + "\"buckets\": [[\"2021-03-03T01:00:00Z\", 10, 4, 1], [\"2021-03-03T02:00:00Z\", 7, 2, 0]]}}]}}");
        Path db = tmp.resolve("case.duckdb");
        try (CaseFile c = CaseFile.open(db)) {
            assertEquals(1, c.importRun(out, run("2021-03-05T10:00:00Z")));
        }
        try (CaseFile c = CaseFile.open(db)) {
            assertEquals(2, c.importRun(out, run("2021-03-06T10:00:00Z")));
            for (String table : List.of("incidents", "impact", "traffic_rate", "exposure")) {
                List<List<Object>> first = c.query("SELECT * EXCLUDE (run_id) FROM " + table + " WHERE run_id = 1 ORDER BY ALL").rows();
                assertFalse(first.isEmpty(), table);
                assertEquals(first, c.query("SELECT * EXCLUDE (run_id) FROM " + table + " WHERE run_id = 2 ORDER BY ALL").rows(), table);
            }
            assertEquals(List.of(List.of(3L, 1, 2)), c.query("SELECT count(*), min(first_run), max(last_run) FROM items").rows());
            assertEquals(List.of(List.of(0L)), c.query("SELECT count(*) FROM items WHERE last_run <> 2 OR first_run <> 1").rows());
        }
    }

    @Test
    void aSmallRunIsImportedOnOneDuckDbThreadALargeOneOnAll() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 20);
        int cores = Runtime.getRuntime().availableProcessors();
        try (CaseFile c = CaseFile.open(tmp.resolve("small.duckdb"))) {
            assertEquals(String.valueOf(cores), String.valueOf(c.query("SELECT current_setting('threads')").rows().get(0).get(0)));
            c.importRun(out, run("2021-03-05T10:00:00Z"));
            assertEquals("1", String.valueOf(c.query("SELECT current_setting('threads')").rows().get(0).get(0)));
        }
        // the same findings followed by 32 MB of blank lines, which the JSON reader passes over: the work is large
        Path findings = out.resolve("findings.jsonl");
        Files.writeString(findings, Files.readString(findings) + "\n".repeat(32 << 20));
        try (CaseFile c = CaseFile.open(tmp.resolve("large.duckdb"))) {
            c.importRun(out, run("2021-03-05T10:00:00Z"));
            assertEquals(String.valueOf(cores), String.valueOf(c.query("SELECT current_setting('threads')").rows().get(0).get(0)));
            assertEquals(28L, ((Number) c.query("SELECT count(*) FROM findings").rows().get(0).get(0)).longValue());
        }
    }

    @Test
    void theHtmlReportOfAnImportedRunCheckpointsItBesideAndLeavesTheSameCaseAndReportInOneFile() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 20);
        Path beside = tmp.resolve("beside.duckdb");
        Path plain = tmp.resolve("plain.duckdb");
        Path wal = Path.of(beside + ".wal");
        try (CaseFile c = CaseFile.open(beside)) {
            c.importRun(out, run("2021-03-05T10:00:00Z"));
            assertTrue(Files.size(wal) > 0, "the import is in the WAL until a checkpoint");
            Reports.write(c, beside, Reports.Kind.html, tmp.resolve("beside.html"), "o", "amber", 0);
            // the report started the checkpoint: the WAL empties while the connection is still open
            long until = System.nanoTime() + 60_000_000_000L;
            while (Files.exists(wal) && Files.size(wal) > 0 && System.nanoTime() < until) Thread.sleep(10);
            assertFalse(Files.exists(wal) && Files.size(wal) > 0, "checkpointed beside the report");
        }
        // the run checkpointed by close, the report written from the case opened again (on one thread, as the import left it)
        try (CaseFile c = CaseFile.open(plain)) {
            c.importRun(out, run("2021-03-05T10:00:00Z"));
        }
        try (CaseFile c = CaseFile.open(plain); java.sql.Statement st = c.connection().createStatement()) {
            st.execute("SET threads = 1");
            Reports.write(c, plain, Reports.Kind.html, tmp.resolve("plain.html"), "o", "amber", 0);
        }
        assertFalse(Files.exists(wal), "closed in one file");
        assertEquals(Files.readString(tmp.resolve("plain.html")).replace("plain.duckdb", "beside.duckdb"),
                Files.readString(tmp.resolve("beside.html")));
        try (CaseFile a = CaseFile.openExisting(beside); CaseFile b = CaseFile.openExisting(plain)) {
            for (String t : CaseFile.TABLES) {
                String sql = "SELECT * FROM " + t + " ORDER BY ALL";
                assertEquals(b.query(sql).rows(), a.query(sql).rows(), t);
            }
        }
    }

    @Test
    void aTimestampReadsAsItsUtcTextWhateverTheDefaultTimeZone() throws Exception {
        java.util.TimeZone zone = java.util.TimeZone.getDefault();
        try (CaseFile c = CaseFile.open(tmp.resolve("case.duckdb"))) {
            // 02:30 does not exist in Berlin that night: read through java.sql.Timestamp it came back as 03:30
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Berlin"));
            QueryResult r = c.query("SELECT TIMESTAMP '2021-03-28 02:30:00.123456' AS t, NULL::TIMESTAMP AS n");
            assertEquals(java.util.Arrays.asList("2021-03-28T02:30:00.123456Z", null), r.rows().get(0));
        } finally {
            java.util.TimeZone.setDefault(zone);
        }
    }

    @Test
    void anUnreadableDocumentFailsTheImportAndLeavesNoRun() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 20);
        Files.writeString(out.resolve("incidents.json"), "{\"incidents\": [");
        try (CaseFile c = CaseFile.open(tmp.resolve("case.duckdb"))) {
            assertThrows(java.io.IOException.class, () -> c.importRun(out, run("2021-03-05T10:00:00Z")));
            for (String t : List.of("runs", "items", "findings", "incidents")) {
                assertEquals(0L, ((Number) c.query("SELECT count(*) FROM " + t).rows().get(0).get(0)).longValue(), t);
            }
        }
    }

    @Test
    void aDuplicateConnectionSeesTheCommittedRunAndClosesAlone() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 20);
        try (CaseFile c = CaseFile.open(tmp.resolve("case.duckdb"))) {
            c.importRun(out, run("2021-03-05T10:00:00Z"));
            try (CaseFile d = c.duplicate()) {
                assertEquals(28L, ((Number) d.query("SELECT count(*) FROM findings").rows().get(0).get(0)).longValue());
            }
            assertEquals(1L, ((Number) c.query("SELECT count(*) FROM runs").rows().get(0).get(0)).longValue());
        }
    }

    @Test
    void aFindingsQueryThatFailsFailsTheReport() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 20);
        Path db = tmp.resolve("case.duckdb");
        try (CaseFile c = CaseFile.open(db)) {
            c.importRun(out, run("2021-03-05T10:00:00Z"));
            try (var st = c.connection().createStatement()) {
                st.execute("DROP TABLE indicators");
            }
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> Reports.write(c, db, Reports.Kind.html, tmp.resolve("r.html"), "o", "amber", 0));
            assertTrue(e.getMessage().contains("indicators"), e.getMessage());
        }
    }

    @Test
    void aLaterRunsViewOfAFindingReplacesTheEarlierOne() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 0);
        Path findings = out.resolve("findings.jsonl");
        String proven = Files.readString(findings);
        String first = proven.replace("\"EXCH01 exposed to ProxyLogon\",\"level\":\"critical\"",
                "\"EXCH01 exposed to ProxyLogon\",\"level\":\"high\"");
        Files.writeString(findings, first);
        Path db = tmp.resolve("case.duckdb");
        try (CaseFile c = CaseFile.open(db)) {
            c.importRun(out, run("2021-03-05T10:00:00Z"));
            // the same exposure finding (same id), proven exploited by the second run and dated by more logs
            Files.writeString(findings, proven.replace("\"EXCH01 exposed to ProxyLogon\",\"level\":\"critical\"",
                    "\"EXCH01 exposed to ProxyLogon - exploited on this server\",\"level\":\"critical\"")
                    .replace("\"time\":\"2021-03-05T00:00:00Z\"", "\"time\":\"2021-03-09T18:19:15Z\"")
                    .replace("\"status\":\"vulnerable\"", "\"status\":\"vulnerable\",\"exploited_on_server\":true"));
            assertFalse(first.equals(proven));
            c.importRun(out, run("2021-03-10T10:00:00Z"));
            QueryResult f = c.query("SELECT rule_title, CAST(time AS VARCHAR), json_extract(details, '$.exploited_on_server'), "
                    + "first_run, last_run, level FROM findings WHERE id = 'expo1'");
            assertEquals(1, f.rows().size());
            assertEquals("EXCH01 exposed to ProxyLogon - exploited on this server", f.rows().get(0).get(0));
            assertEquals("2021-03-09 18:19:15", f.rows().get(0).get(1));
            assertEquals("true", String.valueOf(f.rows().get(0).get(2)));
            assertEquals(1, ((Number) f.rows().get(0).get(3)).intValue());
            assertEquals(2, ((Number) f.rows().get(0).get(4)).intValue());
            assertEquals("critical", f.rows().get(0).get(5));
            QueryResult x = c.query("SELECT run_id, title, level FROM exposure ORDER BY run_id");
            assertEquals("high", x.rows().get(0).get(2));
            assertEquals("critical", x.rows().get(1).get(2));
            assertEquals("EXCH01 exposed to ProxyLogon", x.rows().get(0).get(1));
            assertEquals("EXCH01 exposed to ProxyLogon - exploited on this server", x.rows().get(1).get(1));
        }
    }

    @Test
    void tablesExportAsParquetThatDuckDbReadsBack() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 5);
        Path db = tmp.resolve("case.duckdb");
        try (CaseFile c = CaseFile.open(db)) {
            c.importRun(out, run("2021-03-05T10:00:00Z"));
            c.exportParquet(tmp.resolve("pq"));
            for (String t : CaseFile.TABLES) assertTrue(Files.size(tmp.resolve("pq").resolve(t + ".parquet")) > 0, t);
            QueryResult back = c.query("SELECT count(*) FROM read_parquet('" + tmp.resolve("pq/findings.parquet") + "')");
            assertEquals(13L, ((Number) back.rows().get(0).get(0)).longValue());
        }
    }

    @Test
    void timesketchCsvHasItsColumnsQuotesAndDefusesFormulas() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 1);
        Files.writeString(out.resolve("findings.jsonl"), Files.readString(out.resolve("findings.jsonl"))
                .replace("Known attacker address", "=HYPERLINK(\\\"http://x\\\",\\\"a, b\\\")"));
        Path db = tmp.resolve("case.duckdb");
        try (CaseFile c = CaseFile.open(db)) {
            c.importRun(out, run("2021-03-05T10:00:00Z"));
            StringWriter w = new StringWriter();
            TimesketchCsv.write(c, w);
            String[] lines = w.toString().split("\r\n");
            assertTrue(lines[0].startsWith("message,datetime,timestamp_desc,"));
            assertTrue(w.toString().contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\","), w.toString());
            assertTrue(lines[1].contains(",2019-01-01T00:00:00Z,Event Time,"), lines[1]);
        }
        assertEquals("'-2+3", TimesketchCsv.defuse("-2+3"));
        assertEquals("a,b", TimesketchCsv.defuse("a,b"));
    }

    @Test
    void stixPatternsForEachIndicatorType() {
        assertEquals("[ipv4-addr:value = '198.51.100.23']", StixBundle.pattern("ip", "198.51.100.23"));
        assertEquals("[ipv6-addr:value = '2001:db8::1']", StixBundle.pattern("ip", "2001:db8::1"));
        assertEquals("[file:hashes.'SHA-256' = '" + "ab".repeat(32) + "']", StixBundle.pattern("sha256", "ab".repeat(32)));
        assertEquals("[file:hashes.MD5 = '" + "ab".repeat(16) + "']", StixBundle.pattern("hash", "ab".repeat(16)));
        // the folder is part of the indicator: cmd.exe in a Startup folder is not every cmd.exe
        assertEquals("[file:name = 'log.aspx' AND file:parent_directory_ref.path = 'c:\\\\inetpub\\\\wwwroot\\\\aspnet_client']",
                StixBundle.pattern("file", "c:\\inetpub\\wwwroot\\aspnet_client\\log.aspx"));
        assertEquals("[file:name = 'cmd.exe' AND file:parent_directory_ref.path = 'c:\\\\']", StixBundle.pattern("file", "c:\\cmd.exe"));
        assertEquals("[file:name = 'log.aspx']", StixBundle.pattern("file", "log.aspx"));
        assertEquals("[user-account:account_login = 'it\\'s']", StixBundle.pattern("account", "it's"));
        assertEquals("[domain-name:value = 'evil.example']", StixBundle.pattern("domain", "evil.example"));
        assertEquals(null, StixBundle.pattern("method", "POST"));
        assertEquals("([user-account:account_login = 'CONTOSO\\\\svc from x'] AND [ipv4-addr:value = '198.51.100.23'])",
                StixBundle.pattern("account-address", "CONTOSO\\svc from x from 198.51.100.23"));
        assertEquals("([user-account:account_login = 'a'] AND [ipv6-addr:value = '2001:db8::1'])",
                StixBundle.pattern("account-address", "a from 2001:db8::1"));
        assertEquals(null, StixBundle.pattern("account-address", "no address"));
        assertEquals("2021-03-03T08:03:30.000Z", StixBundle.stamp(Instant.parse("2021-03-03T08:03:30Z")));
    }

    @Test
    void htmlEscapesEverythingFromEvidence() throws Exception {
        for (String p : CaseFixture.PAYLOADS) {
            String e = Html.esc(p);
            assertFalse(e.contains("<") || e.contains(">") || e.contains("\"") || e.contains("'"), e);
        }
        Path out = CaseFixture.write(tmp.resolve("out"), 3);
        Path db = tmp.resolve("case.duckdb");
        try (CaseFile c = CaseFile.open(db)) {
            c.importRun(out, run("2021-03-05T10:00:00Z"));
        }
        Path html = tmp.resolve("r.html");
        Reports.write(db, Reports.Kind.html, html, "org", "amber", 0);
        String page = Files.readString(html);
        // only the page's own two script blocks, and no evidence text opening a tag or a comment
        assertEquals(2, page.split("<script", -1).length - 1);
        assertFalse(page.contains("<img") || page.contains("<svg onload") || page.contains("<!--"), "raw markup from evidence");
        assertTrue(page.contains("Content-Security-Policy") && page.contains("default-src 'none'"));
    }

    @Test
    void impactTableAndTheAffectedMailboxCsvKeepEvidenceTextInert() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("impact-out"), 0);
        Path db = tmp.resolve("impact.duckdb");
        try (CaseFile c = CaseFile.open(db)) {
            c.importRun(out, run("2021-03-05T10:00:00Z"));
            assertEquals(List.of(List.of("address_book", 1L), List.of("export", 1L), List.of("forwarding", 1L),
                    List.of("mailbox", (long) CaseFixture.PAYLOADS.size() + 1), List.of("permission", 1L), List.of("staged", 1L)),
                    c.query("SELECT kind, count(*) FROM impact GROUP BY kind ORDER BY kind").rows());
        }
        Path csv = tmp.resolve("affected.csv");
        Reports.writeImpactCsv(db, csv);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(String.join(",", ImpactCsv.COLUMNS), rows.get(0));
        // one row per mailbox, and the permission's "every mailbox"
        assertEquals(CaseFixture.PAYLOADS.size() + 3, rows.size(), String.join("\n", rows));
        assertTrue(rows.contains("INC-1,\"'=HYPERLINK(\"\"http://evil.example\"\")\",Owa,,,0,0,,,"), String.join("\n", rows));
        String first = CaseFixture.PAYLOADS.get(0) + "@contoso.local";
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("INC-1," + TimesketchCsv.cell(first) + ",") && r.contains(",'+")),
                "the export path that starts with + is defused: " + String.join("\n", rows));
        Path html = tmp.resolve("impact.html");
        Reports.write(db, Reports.Kind.html, html, "org", "amber", 0);
        String page = Files.readString(html);
        assertTrue(page.contains("<table class=\"impact\">"));
        assertEquals(2, page.split("<script", -1).length - 1);
        assertFalse(page.contains("<img") || page.contains("<svg onload") || page.contains("<!--"), "raw markup from evidence");
    }
}
