package dwell.casefile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dwell.scan.Background;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The case: one DuckDB file holding every run's evidence items, findings (by stable id, so a repeated
 * scan adds a run without duplicating them), indicators, incidents, what their actors reached, exposure, and the
 * request rate of the web logs.
 */
public final class CaseFile implements AutoCloseable {
    /** The tables a case holds, in the order they are exported. */
    public static final List<String> TABLES = List.of("runs", "items", "findings", "indicators", "incidents", "impact", "exposure", "triage",
            "traffic_rate");

    /**
     * The condition that picks the latest run's findings and items ({@code last_run} is the last run that found or
     * read them): what a scan's terminal summary and summary.json counted, and what the reports show.
     */
    public static final String LATEST_RUN = "last_run = (SELECT max(run_id) FROM runs)";

    /** ISO-8601 UTC text to a TIMESTAMP (the case keeps UTC throughout). */
    private static final String TIME_SQL = "TRY_CAST(replace(replace(time, 'T', ' '), 'Z', '') AS TIMESTAMP)";
    private static final ObjectMapper JSON = new ObjectMapper().configure(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION, false);

    /**
     * A run whose files and case together are smaller than this is imported and reported on one DuckDB thread: on
     * such work DuckDB's workers cost more in hand-offs than they save (SigmaHQ's rules over the EVTX samples, 1,575
     * findings, 4.3 MB: the findings' import statements took 0.6 s CPU with two threads, 0.2 s with one; 30 MB of
     * findings 2.7-3.2 s against 1.6 s, in no less wall time).
     */
    static final long ONE_THREAD_BELOW = 32L << 20;

    private final DuckDBConnection conn;
    /** The case file's size when opened (0 for a new one): the stored part of the work a run's import adds to. */
    private final long storedBytes;
    /** The checkpoint {@link #checkpointBeside} started, which {@link #close} waits for; null when none runs. */
    private Background<Void> checkpoint;
    /** Whether a run was imported through this connection: its pages are in the WAL until a checkpoint. */
    private boolean imported;

    private CaseFile(DuckDBConnection conn, long storedBytes) {
        this.conn = conn;
        this.storedBytes = storedBytes;
    }

    /** Opens (creating if needed) the case file at {@code db}. */
    public static CaseFile open(Path db) throws SQLException, IOException {
        if (db.getParent() != null) Files.createDirectories(db.getParent());
        long stored = size(db);
        DuckDbLibrary.ensure();
        DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
        CaseFile cf = new CaseFile(c, stored);
        try {
            cf.createSchema();
        } catch (SQLException | IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return cf;
    }

    /**
     * schema.sql in one transaction: one commit, so one write of the WAL to disk, where a commit per statement wrote
     * it 15 times (0.05-0.3 s of waiting on a loaded machine for a new case).
     */
    private void createSchema() throws SQLException, IOException {
        String script;
        try (InputStream in = CaseFile.class.getResourceAsStream("/dwell/casefile/schema.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
        }
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            for (String sql : script.split(";")) {
                if (!sql.isBlank()) st.execute(sql);
            }
            conn.commit();
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    /** Opens an existing case read-only. */
    public static CaseFile openExisting(Path db) throws SQLException {
        try {
            DuckDbLibrary.ensure();
        } catch (IOException e) {
            throw new SQLException(e.getMessage(), e);
        }
        java.util.Properties p = new java.util.Properties();
        p.setProperty("duckdb.read_only", "true");
        return new CaseFile((DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), p), size(db));
    }

    public Connection connection() {
        return conn;
    }

    /** A second connection to this case's database, for reading on another thread; closing it leaves this one open. */
    public CaseFile duplicate() throws SQLException {
        return new CaseFile((DuckDBConnection) conn.duplicate(), storedBytes);
    }

    /**
     * Starts DuckDB's checkpoint of what is committed (the WAL written into the database file) on a thread and a
     * connection of its own, so that it runs beside the reads that follow (a scan's report) instead of in
     * {@link #close}, which waits for it. Reading is not blocked by it; a checkpoint that fails or is refused here
     * leaves the work to {@code close}, as before.
     */
    public void checkpointBeside() throws SQLException {
        if (checkpoint != null) return;
        Connection second = conn.duplicate();
        checkpoint = Background.start("dwell-case-checkpoint", () -> {
            try (second; Statement st = second.createStatement()) {
                st.execute("CHECKPOINT");
            } catch (SQLException | RuntimeException e) {
                // close() checkpoints what is left and reports its own failure
            }
            return null;
        });
    }

    /**
     * {@link #checkpointBeside} when a run was imported through this connection, nothing otherwise (a case only read
     * has no pages of its own to write). The HTML report calls it once its queries have run: started before them, the
     * checkpoint held them up (0.3 s instead of 0.05 in a warm in-process round), while after them it runs beside the
     * report's rendering, which is Java alone.
     */
    public void checkpointImportBeside() throws SQLException {
        if (imported) checkpointBeside();
    }

    /**
     * Adds a run from a scan's output folder: {@code inventory.json}, {@code findings.jsonl} and, when present,
     * {@code incidents.json} and the traffic rate series of {@code summary.json}. Returns the new run's id. A small
     * run and case leave DuckDB on one thread ({@link #ONE_THREAD_BELOW}) for the rest of this connection, the
     * report written after the import included.
     */
    public int importRun(Path outDir, RunInfo run) throws SQLException, IOException {
        long work = storedBytes;
        for (String f : List.of("inventory.json", "findings.jsonl", "incidents.json", "summary.json")) work += size(outDir.resolve(f));
        if (work < ONE_THREAD_BELOW) {
            try (Statement st = conn.createStatement()) {
                st.execute("SET threads = 1");
            }
        }
        // the JSON documents are parsed and made rows on a thread of their own while DuckDB imports the findings on this
        // one: a small run's DuckDB has one thread, and the second core would wait
        Background<RunRows> documents = Background.start("dwell-case-documents", () -> RunRows.of(
                tree(outDir.resolve("inventory.json")), tree(outDir.resolve("incidents.json")), tree(outDir.resolve("summary.json"))));
        conn.setAutoCommit(false);
        try {
            int runId = nextRunId();
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, runId);
                ps.setString(2, run.commandLine());
                ps.setString(3, run.version());
                ps.setString(4, run.rulesetDigest());
                ps.setTimestamp(5, ts(run.started()));
                ps.setTimestamp(6, ts(run.ended()));
                ps.executeUpdate();
            }
            importFindings(outDir.resolve("findings.jsonl"), runId);
            RunRows rows = documents.join(IOException.class);
            importItems(rows.items(), runId);
            importIncidents(rows.incidents(), runId);
            try (DuckDBAppender a = conn.createAppender("main", "impact")) {
                append(a, rows.impact(), runId);
            }
            try (DuckDBAppender a = conn.createAppender("main", "traffic_rate")) {
                append(a, rows.traffic(), runId);
            }
            conn.commit();
            imported = true;
            return runId;
        } catch (SQLException | IOException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
            documents.awaitEnd();
        }
    }

    /** The file's JSON, or null when there is no such file. */
    private static JsonNode tree(Path file) throws IOException {
        return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
    }

    private int nextRunId() throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(max(run_id), 0) + 1 FROM runs")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Items already in the case (by path and digest) are updated, not added. */
    private void importItems(List<Object[]> rows, int runId) throws SQLException {
        if (rows.isEmpty()) return;
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TEMP TABLE stage_items AS SELECT * FROM items LIMIT 0");
        }
        try (DuckDBAppender a = conn.createAppender("temp", "main", "stage_items")) {
            append(a, rows, runId);
        }
        try (Statement st = conn.createStatement()) {
            st.execute("INSERT INTO items SELECT * FROM stage_items ON CONFLICT (path, sha256) DO UPDATE SET "
                    + "last_run = excluded.last_run, events = excluded.events, errors = excluded.errors, error = excluded.error");
            st.execute("DROP TABLE stage_items");
        }
    }

    /**
     * Findings go through DuckDB's own JSON reader: a million lines import in seconds, not minutes. Rule and evidence
     * are read as structs: as JSON, each of the nine fields taken from them parsed its object again.
     */
    private void importFindings(Path findings, int runId) throws SQLException {
        if (!Files.exists(findings) || size(findings) == 0) return;
        String file = findings.toAbsolutePath().toString().replace("'", "''");
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TEMP TABLE stage AS SELECT * FROM read_json('" + file + "', format = 'newline_delimited', "
                    + "columns = {id: 'VARCHAR', time: 'VARCHAR', detector: 'VARCHAR', rule: 'STRUCT(id VARCHAR, title VARCHAR, level VARCHAR, tags JSON)', host: 'VARCHAR', "
                    + "evidence: 'STRUCT(path VARCHAR, sha256 VARCHAR, format VARCHAR, line VARCHAR, record VARCHAR)', event: 'JSON', indicators: 'JSON', details: 'JSON'})");
            st.execute("INSERT INTO findings SELECT id, " + TIME_SQL + ", detector, rule.id, rule.title, "
                    + "rule.level, coalesce(CAST(rule.tags AS VARCHAR), '[]'), host, evidence.path, "
                    + "evidence.sha256, evidence.format, coalesce(TRY_CAST(evidence.line AS BIGINT), 0), "
                    + "coalesce(TRY_CAST(evidence.record AS BIGINT), 0), coalesce(CAST(event AS VARCHAR), '{}'), "
                    + "coalesce(CAST(indicators AS VARCHAR), '[]'), coalesce(CAST(details AS VARCHAR), '{}'), " + runId + ", " + runId
                    + " FROM stage WHERE id IS NOT NULL ON CONFLICT (id) DO UPDATE SET last_run = excluded.last_run, "
                    // what a later run knows better (an exposure proven exploited, dated by more logs) replaces the old view
                    + "time = excluded.time, rule_title = excluded.rule_title, level = excluded.level, tags = excluded.tags, "
                    + "details = excluded.details");
            st.execute("INSERT INTO indicators SELECT DISTINCT id, json_extract_string(i, '$.type'), json_extract_string(i, '$.value') FROM "
                    + "(SELECT id, unnest(CAST(indicators AS JSON[])) AS i FROM stage WHERE json_type(indicators) = 'ARRAY') "
                    + "WHERE json_extract_string(i, '$.type') IS NOT NULL AND json_extract_string(i, '$.value') IS NOT NULL ON CONFLICT DO NOTHING");
            st.execute("INSERT INTO exposure SELECT " + runId + ", id, host, (SELECT 'CVE-' || upper(substr(t, 5)) FROM "
                    + "(SELECT unnest(CAST(rule.tags AS VARCHAR[])) AS t) WHERE t LIKE 'cve.%' LIMIT 1), rule.title, "
                    + "rule.level, coalesce(CAST(details AS VARCHAR), '{}') FROM stage WHERE detector = 'exposure' "
                    + "ON CONFLICT DO NOTHING");
            st.execute("DROP TABLE stage");
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The incidents' columns, named: a case written before summary and leads existed added them last. */
    private static final String INCIDENT_COLUMNS = "run_id, id, first, last, dwell_days, hosts, indicators, techniques, cves, findings, story, "
            + "summary, leads";

    /**
     * Incidents go through an appender: a prepared statement's batch executed each of its rows alone (185 incidents
     * took 0.15-0.25 s of CPU).
     */
    private void importIncidents(List<Object[]> rows, int runId) throws SQLException {
        if (rows.isEmpty()) return;
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TEMP TABLE stage_incidents AS SELECT " + INCIDENT_COLUMNS + " FROM incidents LIMIT 0");
        }
        try (DuckDBAppender a = conn.createAppender("temp", "main", "stage_incidents")) {
            append(a, rows, runId);
        }
        try (Statement st = conn.createStatement()) {
            st.execute("INSERT INTO incidents (" + INCIDENT_COLUMNS + ") SELECT * FROM stage_incidents");
            st.execute("DROP TABLE stage_incidents");
        }
    }

    /** Appends {@link RunRows}' rows, the run's id where they say. */
    private static void append(DuckDBAppender a, List<Object[]> rows, int runId) throws SQLException {
        for (Object[] row : rows) {
            a.beginRow();
            for (Object v : row) {
                if (v == RunRows.RUN_ID) a.append(runId);
                else if (v instanceof String t) a.append(t);
                else if (v instanceof Long n) a.append(n.longValue());
                else if (v instanceof Integer n) a.append(n.intValue());
                else if (v instanceof LocalDateTime t) a.append(t);
                else if (v == null) a.appendNull();
                else throw new IllegalArgumentException("no column type for " + v.getClass());
            }
            a.endRow();
        }
    }

    /** Appends a triage decision; earlier decisions on the finding stay as its history. Refuses an id the case does not hold. */
    public void triage(Triage t) throws SQLException {
        try (PreparedStatement known = conn.prepareStatement("SELECT 1 FROM findings WHERE id = ?")) {
            known.setString(1, t.findingId());
            try (ResultSet rs = known.executeQuery()) {
                if (!rs.next()) throw new IllegalArgumentException("no finding " + t.findingId() + " in the case");
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO triage (finding_id, status, note, analyst, time) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, t.findingId());
            ps.setString(2, t.status().id());
            ps.setString(3, t.note());
            ps.setString(4, t.analyst());
            ps.setTimestamp(5, ts(t.time()));
            ps.executeUpdate();
        }
    }

    /** Whether the case has the triage table (cases written before it existed have none until opened for writing). */
    public boolean hasTriage() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'triage' AND schema_name = 'main'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** Runs any SQL ({@code ?} bound to {@code params}) and returns the column names and rows as strings (null stays null). */
    public QueryResult query(String sql, Object... params) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) st.setObject(i + 1, params[i]);
            return rows(st.executeQuery());
        }
    }

    private static QueryResult rows(ResultSet result) throws SQLException {
        try (ResultSet rs = result) {
            int n = rs.getMetaData().getColumnCount();
            List<String> cols = new ArrayList<>();
            // a TIMESTAMP read as the driver's java.sql.Timestamp goes through the default time zone's calendar
            boolean[] timestamp = new boolean[n + 1];
            for (int i = 1; i <= n; i++) {
                cols.add(rs.getMetaData().getColumnLabel(i));
                timestamp[i] = "TIMESTAMP".equals(rs.getMetaData().getColumnTypeName(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    Object o = timestamp[i] ? rs.getObject(i, LocalDateTime.class) : rs.getObject(i);
                    row.add(o instanceof Timestamp t ? t.toLocalDateTime().toInstant(ZoneOffset.UTC).toString()
                            : o instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC).toString() : o);
                }
                rows.add(row);
            }
            return new QueryResult(cols, rows);
        }
    }

    /** Writes every table as {@code DIR/<table>.parquet}. */
    public List<Path> exportParquet(Path dir) throws SQLException, IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        try (Statement st = conn.createStatement()) {
            for (String t : TABLES) {
                Path p = dir.resolve(t + ".parquet").toAbsolutePath();
                st.execute("COPY " + t + " TO '" + p.toString().replace("'", "''") + "' (FORMAT PARQUET)");
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        if (checkpoint != null) checkpoint.join(SQLException.class);
        conn.close();
    }

    private static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.valueOf(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }
}
