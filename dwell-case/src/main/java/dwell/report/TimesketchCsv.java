package dwell.report;

import dwell.text.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.casefile.CaseFile;
import dwell.text.SafeText;
import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings as a Timesketch timeline: {@code message}, {@code datetime}, {@code timestamp_desc}, then the
 * finding's facts. Cells that a spreadsheet would run as a formula are prefixed with a quote, and evidence text keeps
 * its line breaks but shows its other hidden characters escaped ({@link SafeText#visibleLines}).
 */
final class TimesketchCsv {
    static final List<String> COLUMNS = List.of("message", "datetime", "timestamp_desc", "finding_id", "detector", "rule_id",
            "rule_title", "level", "tags", "host", "evidence_path", "evidence_sha256", "evidence_format", "line", "record",
            "indicators", "event", "triage_status", "triage_note");

    private TimesketchCsv() {
    }

    static void write(CaseFile c, Writer out) throws SQLException, IOException {
        line(out, COLUMNS);
        FindingRows.each(c, f -> {
            JsonNode rule = f.path("rule");
            JsonNode ev = f.path("evidence");
            String time = f.path("time").isNull() ? "" : f.path("time").asText();
            List<String> row = new ArrayList<>();
            row.add(message(f));
            row.add(time);
            row.add(f.path("detector").asText().equals("file") ? "File Modification Time" : "Event Time");
            row.add(f.path("id").asText());
            row.add(f.path("detector").asText());
            row.add(rule.path("id").asText());
            row.add(rule.path("title").asText());
            row.add(rule.path("level").asText());
            row.add(join(rule.path("tags")));
            row.add(f.path("host").asText(""));
            row.add(ev.path("path").asText());
            row.add(ev.path("sha256").asText(""));
            row.add(ev.path("format").asText(""));
            row.add(ev.path("line").asText());
            row.add(ev.path("record").asText());
            StringBuilder ind = new StringBuilder();
            for (JsonNode i : f.path("indicators")) {
                if (ind.length() > 0) ind.append("; ");
                ind.append(i.path("type").asText()).append('=').append(i.path("value").asText());
            }
            row.add(ind.toString());
            row.add(Json.LINE.writeValueAsString(f.path("event")));
            row.add(f.path("triage").path("status").asText(""));
            row.add(f.path("triage").path("note").asText(""));
            line(out, row);
        });
    }

    private static String message(ObjectNode f) {
        String title = f.path("rule").path("title").asText();
        String host = f.path("host").asText("");
        return "[" + f.path("rule").path("level").asText() + "] " + title + (host.isEmpty() ? "" : " on " + host);
    }

    private static String join(JsonNode arr) {
        List<String> s = new ArrayList<>();
        arr.forEach(n -> s.add(n.asText()));
        return String.join(",", s);
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        line(out, cells, 1);
    }

    /** One CSV line; every cell but {@code timeColumn} (dwell's own ISO time, which Timesketch reads raw) is defused. */
    static void line(Writer out, List<String> cells, int timeColumn) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.write(',');
            String text = SafeText.visibleLines(cells.get(i));
            out.write(cell(i == timeColumn ? text : defuse(text)));
        }
        out.write("\r\n");
    }

    /** Neutralises spreadsheet formulas (OWASP CSV injection): a leading = + - @ tab or CR gets a quote. */
    static String defuse(String s) {
        if (s == null || s.isEmpty()) return "";
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    static String cell(String s) {
        if (s == null) return "";
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
