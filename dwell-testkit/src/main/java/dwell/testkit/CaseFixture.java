package dwell.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A scan output folder with hostile evidence text planted in every field a report prints. */
public final class CaseFixture {
    public static final List<String> PAYLOADS = List.of(
            "<script>window.__pwned='script'</script>",
            "<img src=x onerror=\"window.__pwned='img'\">",
            "javascript:window.__pwned='js-url'",
            "{{constructor.constructor('window.__pwned=\"template\"')()}}",
            "</script><script>window.__pwned='breakout'</script>",
            "\"><svg onload=window.__pwned='svg'>",
            "${alert(1)}<!--");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseFixture() {
    }

    /**
     * Writes findings.jsonl, inventory.json and incidents.json (its impact too: mailboxes, forwarding, an export...)
     * into {@code dir}; {@code extra} more benign findings.
     */
    public static Path write(Path dir, int extra) throws IOException {
        Files.createDirectories(dir);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            ObjectNode f = finding("hostile" + i, "2021-03-0" + (1 + i % 8) + "T08:03:30Z", "sigma", "Web shell " + p, "high",
                    p, "W3SVC1/u_ex21030" + (1 + i % 8) + ".log " + p, 10 + i);
            f.with("event").put("cs-uri-stem", p).put("cs(User-Agent)", p);
            ((ArrayNode) f.get("indicators")).addObject().put("type", "ip").put("value", "198.51.100." + i);
            ((ArrayNode) f.get("indicators")).addObject().put("type", "path").put("value", p);
            lines.append(JSON.writeValueAsString(f)).append('\n');
        }
        ObjectNode exposure = finding("expo1", "2021-03-05T00:00:00Z", "exposure", "EXCH01 exposed to ProxyLogon", "critical",
                "EXCH01", "exchange-inventory.csv", 2);
        ((ArrayNode) exposure.with("rule").get("tags")).add("cve.2021-26855");
        exposure.putObject("details").put("status", "vulnerable").put("action", "install Mar21SU " + PAYLOADS.get(0));
        lines.append(JSON.writeValueAsString(exposure)).append('\n');
        for (int i = 0; i < extra; i++) {
            String day = String.format("20%02d-%02d-%02dT%02d:00:00Z", 19 + (i % 3), 1 + (i % 12), 1 + (i % 28), i % 24);
            lines.append(JSON.writeValueAsString(finding("f" + i, day, "ioc", "Known attacker address", i % 5 == 0 ? "critical" : "medium",
                    "EXCH0" + (i % 3), "W3SVC1/u_ex" + (i % 1000) + ".log", i))).append('\n');
        }
        Files.writeString(dir.resolve("findings.jsonl"), lines, StandardCharsets.UTF_8);
        ObjectNode inv = JSON.createObjectNode();
        ArrayNode items = inv.putArray("items");
        items.addObject().put("path", "W3SVC1/u_ex190411.log").put("sha256", "aa".repeat(32)).put("size", 100).put("format", "iis-w3c")
                .put("events", 10).put("first", "2019-04-11T00:00:00Z").put("last", "2019-04-11T23:00:00Z").put("errors", 0).putNull("error");
        items.addObject().put("path", "W3SVC1/u_ex210303.log").put("sha256", "bb".repeat(32)).put("size", 100).put("format", "iis-w3c")
                .put("events", 10).put("first", "2021-03-03T00:00:00Z").put("last", "2021-03-03T23:00:00Z").put("errors", 1)
                .put("error", PAYLOADS.get(1));
        items.addObject().put("path", PAYLOADS.get(4)).put("sha256", "cc".repeat(32)).put("size", 1).put("format", "json")
                .put("events", 1).put("first", "2020-01-01T00:00:00Z").put("last", "2020-01-02T00:00:00Z").put("errors", 0).putNull("error");
        Files.writeString(dir.resolve("inventory.json"), JSON.writeValueAsString(inv));
        ObjectNode incidents = JSON.createObjectNode();
        ObjectNode inc = incidents.putArray("incidents").addObject();
        inc.put("id", "INC-1").put("first", "2019-04-11T09:14:02Z").put("last", "2021-03-03T08:03:30Z").put("dwell_days", 692);
        inc.putArray("hosts").add("EXCH01").add(PAYLOADS.get(5));
        ArrayNode attributed = inc.putArray("indicators");
        for (int i = 0; i < PAYLOADS.size(); i++) {
            ObjectNode ip = attributed.addObject().put("type", "ip").put("value", "198.51.100." + i).put("strength", "strong");
            ip.putArray("findings").add("hostile" + i);
            ObjectNode path = attributed.addObject().put("type", "path").put("value", PAYLOADS.get(i)).put("strength", "strong");
            path.putArray("findings").add("hostile" + i);
        }
        for (String[] x : new String[][] {{"hash", "d2".repeat(32)}, {"hash", "e3".repeat(20)}, {"hash", "f4".repeat(16)},
                {"domain", "evil.example"}, {"url", "http://evil.example/" + PAYLOADS.get(2)}, {"file", "c:\\users\\public\\" + PAYLOADS.get(3)},
                {"account", "contoso\\" + PAYLOADS.get(6)}, {"user-agent", PAYLOADS.get(5)}}) {
            boolean weak = x[0].equals("account") || x[0].equals("user-agent");
            attributed.addObject().put("type", x[0]).put("value", x[1]).put("strength", weak ? "weak" : "strong")
                    .putArray("findings").add("hostile0");
        }
        inc.putArray("techniques").add("T1505.003");
        inc.putArray("cves").add("CVE-2021-26855");
        inc.putArray("findings").add("hostile0");
        inc.putArray("story").addObject().put("time", "2019-04-11T09:14:02Z").put("summary", "first trace " + PAYLOADS.get(3))
                .put("path", PAYLOADS.get(0)).put("line", 4).put("record", 0).put("finding", "hostile0");
        ObjectNode impact = inc.putObject("impact");
        for (int i = 0; i < PAYLOADS.size(); i++) {
            ObjectNode m = impact.withArray("mailboxes").addObject().put("mailbox", PAYLOADS.get(i) + "@contoso.local");
            m.putArray("protocols").add("Ews").add(PAYLOADS.get(i));
            m.put("first", "2021-03-03T01:0" + i + ":00Z").put("last", "2021-03-03T02:00:00Z").put("requests", 3 + i).put("bytes", 1000 * i);
        }
        impact.withArray("mailboxes").addObject().put("mailbox", "=HYPERLINK(\"http://evil.example\")").putArray("protocols").add("Owa");
        impact.putArray("forwarding").addObject().put("mailbox", PAYLOADS.get(0) + "@contoso.local").put("to", PAYLOADS.get(4))
                .put("time", "2021-03-03T01:20:00Z").put("how", PAYLOADS.get(5));
        impact.putArray("exports").addObject().put("mailbox", PAYLOADS.get(0) + "@contoso.local").put("path", "+" + PAYLOADS.get(6))
                .put("time", "2021-03-03T01:21:00Z");
        impact.putArray("permissions").addObject().put("mailbox", "*").put("grantee", PAYLOADS.get(2)).put("rights", PAYLOADS.get(3))
                .put("time", "2021-03-03T01:22:00Z");
        impact.putArray("address_book").addObject().put("time", "2021-03-03T01:25:00Z").put("path", PAYLOADS.get(1));
        impact.putArray("staged").addObject().put("path", PAYLOADS.get(3)).put("time", "2021-03-03T01:40:00Z").put("how", "download")
                .put("downloaded", "2021-03-03T01:40:00Z");
        Files.writeString(dir.resolve("incidents.json"), JSON.writeValueAsString(incidents));
        return dir;
    }

    private static ObjectNode finding(String id, String time, String detector, String title, String level, String host,
                                      String path, long line) {
        ObjectNode f = JSON.createObjectNode();
        f.put("id", id).put("time", time).put("detector", detector);
        ObjectNode rule = f.putObject("rule");
        rule.put("id", "rule-" + title.hashCode()).put("title", title).put("level", level);
        rule.putArray("tags").add("attack.t1505.003");
        f.put("host", host);
        f.putObject("evidence").put("path", path).put("sha256", "ab".repeat(32)).put("format", "iis-w3c").put("line", line).put("record", 0);
        f.putObject("event").put("c-ip", "198.51.100.23");
        f.putArray("indicators");
        return f;
    }
}
