package dwell.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.casefile.CaseFile;
import dwell.casefile.QueryResult;
import dwell.casefile.Triage;
import dwell.casefile.TriageStatus;
import dwell.report.CaseView;
import dwell.report.FindingRows;
import dwell.text.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workbench's one connection to the case: what its pages and API read (the latest run's findings, incidents and
 * their impact) and the triage decisions it appends. One DuckDB connection serves one request at a time.
 */
final class CaseStore implements AutoCloseable {
    /** Values a facet lists, the most frequent first. */
    static final int FACET_VALUES = 50;
    /** How far a pivot chain is followed back: rounds are few, but a case is input and may loop. */
    private static final int MAX_CHAIN = 50;

    private final CaseFile c;
    private final int run;
    private final String analyst;
    private final Clock clock;
    private CaseView view;

    private CaseStore(CaseFile c, int run, String analyst, Clock clock) {
        this.c = c;
        this.run = run;
        this.analyst = analyst;
        this.clock = clock;
    }

    /** Opens the case for reading and triage (adding the triage table to a case written before it existed). */
    static CaseStore open(Path db, String analyst, Clock clock) throws SQLException, IOException {
        CaseFile c = CaseFile.open(db);
        QueryResult r = c.query("SELECT coalesce(max(run_id), 0) FROM runs");
        return new CaseStore(c, ((Number) r.rows().get(0).get(0)).intValue(), analyst, clock);
    }

    /** The report's parts of the case, read once: a scan cannot change the case while the workbench holds it. */
    synchronized CaseView view() throws SQLException {
        if (view == null) view = CaseView.load(c);
        return view;
    }

    /** {@code {"total", "findings": [...]}}: one page of the findings the filter picks, in findings.jsonl order. */
    synchronized ObjectNode findings(FindingFilter filter) throws SQLException, IOException {
        FindingFilter.Where w = filter.where(run, null);
        ObjectNode out = Json.object();
        out.put("total", count(w));
        ArrayNode list = out.putArray("findings");
        FindingRows.page(c, w.sql(), w.params(), filter.offset(), filter.limit(), list::add);
        return out;
    }

    private long count(FindingFilter.Where w) throws SQLException {
        return ((Number) c.query("SELECT count(*) FROM findings f WHERE " + w.sql(), w.params().toArray()).rows().get(0).get(0)).longValue();
    }

    /**
     * Per facet, its values' counts among the findings the other facets, the text and the window pick (so a chosen
     * value's alternatives stay visible): {@code {"level": [{"value", "count"}], ...}}, the most frequent first.
     */
    synchronized ObjectNode facets(FindingFilter filter) throws SQLException {
        ObjectNode out = Json.object();
        for (FindingFilter.Facet f : FindingFilter.Facet.values()) {
            FindingFilter.Where w = filter.where(run, f);
            Map<String, Long> counts = new HashMap<>();
            String sql = switch (f) {
                // the distinct tag lists are few: unnest those, not every finding's
                case TECHNIQUE -> "SELECT substr(v, 8), sum(n) FROM (SELECT unnest(from_json(tags, '[\"VARCHAR\"]')) AS v, n FROM "
                        + "(SELECT f.tags, count(*) AS n FROM findings f WHERE " + w.sql() + " GROUP BY f.tags)) WHERE v LIKE 'attack.t%' GROUP BY v";
                // the decided findings are few: count those, and the rest still needs review
                case STATUS -> "SELECT t.status, count(*) FROM findings f JOIN " + Triage.CURRENT + " t ON t.finding_id = f.id WHERE "
                        + w.sql() + " GROUP BY t.status";
                default -> "SELECT " + f.column + ", count(*) FROM findings f WHERE " + w.sql() + " GROUP BY ALL";
            };
            for (List<Object> r : c.query(sql, w.params().toArray()).rows()) counts.put(String.valueOf(r.get(0)), ((Number) r.get(1)).longValue());
            if (f == FindingFilter.Facet.STATUS) {
                long decided = counts.values().stream().mapToLong(Long::longValue).sum();
                counts.merge(TriageStatus.NEEDS_REVIEW.id(), count(w) - decided, Long::sum);
                counts.values().removeIf(n -> n == 0);
            }
            ArrayNode values = out.putArray(f.param);
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(FACET_VALUES)
                    .forEach(e -> values.addObject().put("value", e.getKey()).put("count", e.getValue()));
        }
        return out;
    }

    /** Findings per day under the filter but its time window (the chart that sets the window shows all of it). */
    synchronized ObjectNode timeline(FindingFilter filter) throws SQLException {
        FindingFilter all = new FindingFilter(filter.facets(), filter.text(), null, null, filter.incident(), 0, 1);
        FindingFilter.Where w = all.where(run, null);
        ObjectNode out = Json.object();
        ArrayNode days = out.putArray("days");
        ArrayNode counts = out.putArray("counts");
        String sql = "SELECT epoch(date_trunc('day', f.time))::BIGINT AS d, count(*) FROM findings f WHERE f.time IS NOT NULL AND " + w.sql() + " GROUP BY d ORDER BY d";
        for (List<Object> r : c.query(sql, w.params().toArray()).rows()) {
            days.add(((Number) r.get(0)).longValue());
            counts.add(((Number) r.get(1)).longValue());
        }
        return out;
    }

    /** One finding (null when the case has none of that id) with its triage history, newest first, and its pivot chain. */
    synchronized ObjectNode finding(String id) throws SQLException, IOException {
        ObjectNode f = one(id);
        if (f == null) return null;
        ArrayNode history = f.putArray("triage_history");
        QueryResult h = query("SELECT status, note, analyst, time FROM triage WHERE finding_id = ? ORDER BY seq DESC", id);
        for (List<Object> r : h.rows()) {
            ObjectNode d = history.addObject();
            for (int k = 0; k < h.columns().size(); k++) d.put(h.columns().get(k), r.get(k) == null ? null : r.get(k).toString());
        }
        f.set("pivot_chain", chain(f));
        // provenance beyond the evidence: which scans (runs of the case) found it
        QueryResult runs = query("SELECT f.first_run, f.last_run, r.command_line, r.dwell_version, r.ended FROM findings f "
                + "LEFT JOIN runs r ON r.run_id = f.first_run WHERE f.id = ?", id);
        List<Object> r = runs.rows().get(0);
        f.putObject("runs").put("first", ((Number) r.get(0)).intValue()).put("last", ((Number) r.get(1)).intValue())
                .put("first_command_line", r.get(2) == null ? null : r.get(2).toString())
                .put("first_dwell_version", r.get(3) == null ? null : r.get(3).toString())
                .put("first_ended", r.get(4) == null ? null : r.get(4).toString());
        return f;
    }

    /**
     * The findings that led to a pivot finding, nearest first: each pivot finding names in {@code details.origin} the
     * finding whose indicator it shares, which may itself be a pivot finding of an earlier round.
     */
    private ArrayNode chain(ObjectNode f) throws SQLException, IOException {
        ArrayNode out = Json.MAPPER.createArrayNode();
        Set<String> seen = new HashSet<>(List.of(f.path("id").asText()));
        JsonNode at = f;
        while (out.size() < MAX_CHAIN) {
            String origin = at.path("details").path("origin").asText(null);
            if (origin == null || !seen.add(origin)) break;
            ObjectNode o = one(origin);
            ObjectNode step = out.addObject().put("id", origin)
                    .put("explanation", at.path("details").path("explanation").asText(null))
                    .set("indicator", at.path("details").path("indicator").deepCopy());
            if (o == null) break;
            step.put("time", o.path("time").asText(null)).put("detector", o.path("detector").asText())
                    .put("rule", o.path("rule").path("title").asText()).put("level", o.path("rule").path("level").asText());
            at = o;
        }
        return out;
    }

    private ObjectNode one(String id) throws SQLException, IOException {
        List<ObjectNode> found = new ArrayList<>();
        FindingRows.select(c, "f.id = ?", List.of(id), "", found::add);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The latest run's incidents as incidents.json has them, the most severe first, each with its impact. */
    synchronized ArrayNode incidents() throws SQLException {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String id : view().incidentIds()) out.add(incident(id));
        return out;
    }

    /** One incident of the latest run, or null. */
    synchronized ObjectNode incident(String id) throws SQLException {
        QueryResult r = query("SELECT id, first, last, "
                + "dwell_days, summary, hosts, indicators, techniques, cves, findings, story FROM incidents WHERE run_id = ? AND id = ?", run, id);
        if (r.rows().isEmpty()) return null;
        List<Object> row = r.rows().get(0);
        ObjectNode i = Json.object();
        for (int k = 0; k < 5; k++) i.set(r.columns().get(k), Json.MAPPER.valueToTree(row.get(k)));
        for (int k = 5; k < r.columns().size(); k++) i.set(r.columns().get(k), tree((String) row.get(k)));
        i.set("impact", ImpactTables.json(impact(id)));
        return i;
    }

    /** The incident's impact rows, as the impact table holds them. */
    synchronized QueryResult impact(String incident) throws SQLException {
        return query("SELECT kind, mailbox, protocols, first, last, requests, bytes, target, path, how FROM impact "
                + "WHERE run_id = ? AND incident_id = ? ORDER BY kind, first NULLS LAST, mailbox, path", run, incident);
    }

    /** The incident's findings, in findings.jsonl order (its page lists them all). */
    synchronized List<ObjectNode> incidentFindings(String incident) throws SQLException, IOException {
        List<ObjectNode> out = new ArrayList<>();
        FindingFilter f = new FindingFilter(java.util.Map.of(), null, null, null, incident, 0, 1);
        FindingFilter.Where w = f.where(run, null);
        FindingRows.select(c, w.sql(), w.params(), "ORDER BY " + FindingRows.ORDER, out::add);
        return out;
    }

    /** Records a decision by this workbench's analyst, now; returns the finding with its history. */
    synchronized ObjectNode triage(String id, TriageStatus status, String note) throws SQLException, IOException {
        c.triage(new Triage(id, status, note == null || note.isBlank() ? null : note, analyst, clock.instant()));
        return finding(id);
    }

    private QueryResult query(String sql, Object... params) throws SQLException {
        return c.query(sql, params);
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        c.close();
    }
}
