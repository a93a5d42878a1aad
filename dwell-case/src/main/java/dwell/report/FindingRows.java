package dwell.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.casefile.CaseFile;
import dwell.casefile.Triage;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams findings of a case back into the findings.jsonl shape, one at a time, each with its current triage
 * decision ({@code "triage": {"status", "note", "analyst", "time"}}) when an analyst has made one.
 */
public final class FindingRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "f.id, f.time, f.detector, f.rule_id, f.rule_title, f.level, f.tags, f.host, f.path, f.sha256, "
            + "f.format, f.line, f.record, f.event, f.indicators, f.details";
    private static final String TRIAGE_COLUMNS = "t.status AS t_status, t.note AS t_note, t.analyst AS t_analyst, t.time AS t_time";
    /** The order findings.jsonl has: by time, then where in the evidence. */
    public static final String ORDER = "f.time NULLS LAST, f.path, f.line, f.record, f.id";

    /** Receives one finding. */
    public interface Visitor {
        void finding(ObjectNode f) throws IOException;
    }

    private FindingRows() {
    }

    /** The latest run's findings in findings.jsonl order. */
    static void each(CaseFile c, Visitor v) throws SQLException, IOException {
        select(c, "f." + CaseFile.LATEST_RUN, List.of(), "ORDER BY " + ORDER, v);
    }

    /**
     * The findings (table alias {@code f}, current triage {@code t}) that {@code where} picks with its {@code ?}
     * bound to {@code params}, {@code tail} (ORDER BY, LIMIT) appended.
     */
    public static void select(CaseFile c, String where, List<?> params, String tail, Visitor v) throws SQLException, IOException {
        boolean triage = c.hasTriage();
        run(c, "SELECT " + COLUMNS + ", " + (triage ? TRIAGE_COLUMNS + " FROM findings f LEFT JOIN " + Triage.CURRENT
                + " t ON t.finding_id = f.id" : "NULL AS t_status FROM findings f") + " WHERE " + where + " " + tail, params, v);
    }

    /**
     * One page of the findings {@code where} picks (alias {@code f}, not {@code t}), in findings.jsonl order: the page
     * is cut from the findings alone, and only its rows are joined to their triage.
     */
    public static void page(CaseFile c, String where, List<?> params, long offset, int limit, Visitor v) throws SQLException, IOException {
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        all.add(offset);
        run(c, "SELECT " + COLUMNS + ", " + TRIAGE_COLUMNS + " FROM (SELECT * FROM findings f WHERE " + where + " ORDER BY " + ORDER
                + " LIMIT ? OFFSET ?) f LEFT JOIN " + Triage.CURRENT + " t ON t.finding_id = f.id ORDER BY " + ORDER, all, v);
    }

    private static void run(CaseFile c, String sql, List<?> params, Visitor v) throws SQLException, IOException {
        try (PreparedStatement st = c.connection().prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) st.setObject(i + 1, params.get(i));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) v.finding(finding(rs));
            }
        }
    }

    private static ObjectNode finding(ResultSet rs) throws SQLException {
        ObjectNode f = JSON.createObjectNode();
        f.put("id", rs.getString("id"));
        f.put("time", iso(rs.getTimestamp("time")));
        f.put("detector", rs.getString("detector"));
        ObjectNode rule = f.putObject("rule");
        rule.put("id", rs.getString("rule_id"));
        rule.put("title", rs.getString("rule_title"));
        rule.put("level", rs.getString("level"));
        rule.set("tags", tree(rs.getString("tags")));
        f.put("host", rs.getString("host"));
        ObjectNode ev = f.putObject("evidence");
        ev.put("path", rs.getString("path"));
        ev.put("sha256", rs.getString("sha256"));
        ev.put("format", rs.getString("format"));
        ev.put("line", rs.getLong("line"));
        ev.put("record", rs.getLong("record"));
        f.set("event", tree(rs.getString("event")));
        f.set("indicators", tree(rs.getString("indicators")));
        f.set("details", tree(rs.getString("details")));
        if (rs.getString("t_status") != null) {
            f.putObject("triage").put("status", rs.getString("t_status")).put("note", rs.getString("t_note"))
                    .put("analyst", rs.getString("t_analyst")).put("time", iso(rs.getTimestamp("t_time")));
        }
        return f;
    }

    private static String iso(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? JSON.nullNode() : JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
