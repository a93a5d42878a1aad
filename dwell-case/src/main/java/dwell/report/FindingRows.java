package dwell.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.casefile.CaseFile;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.ZoneOffset;

/** Streams the findings of a case's latest run back into the findings.jsonl shape, one at a time. */
final class FindingRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Receives one finding. */
    interface Visitor {
        void finding(ObjectNode f) throws IOException;
    }

    private FindingRows() {
    }

    static void each(CaseFile c, Visitor v) throws SQLException, IOException {
        String sql = "SELECT id, time, detector, rule_id, rule_title, level, tags, host, path, sha256, format, line, record, "
                + "event, indicators, details FROM findings WHERE " + CaseFile.LATEST_RUN
                + " ORDER BY time NULLS LAST, path, line, record, id";
        try (Statement st = c.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ObjectNode f = JSON.createObjectNode();
                f.put("id", rs.getString("id"));
                Timestamp t = rs.getTimestamp("time");
                f.put("time", t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC).toString());
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
                v.finding(f);
            }
        }
    }

    private static JsonNode tree(String json) {
        try {
            return json == null ? JSON.nullNode() : JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
