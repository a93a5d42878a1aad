package dwell.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import dwell.text.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One inventoried server's exposure findings, in the findings' order, and the CVEs proven exploited on it. */
public record ServerExposure(String name, List<Finding> findings) {
    /** Every server with exposure findings, by name. */
    public static List<ServerExposure> of(List<Finding> all) {
        Map<String, List<Finding>> by = new TreeMap<>();
        for (Finding f : all) {
            if (f.detector().equals("exposure") && f.host() != null) by.computeIfAbsent(f.host(), h -> new ArrayList<>()).add(f);
        }
        List<ServerExposure> out = new ArrayList<>();
        by.forEach((name, fs) -> out.add(new ServerExposure(name, fs)));
        return out;
    }

    public String build() {
        Object b = findings.get(0).details().get("build");
        return b == null ? null : b.toString();
    }

    public long at(Level level) {
        return findings.stream().filter(f -> f.rule().level() == level).count();
    }

    public List<Finding> exploited() {
        return findings.stream().filter(f -> Boolean.TRUE.equals(f.details().get("exploited_on_server"))).toList();
    }

    /** The CVE an exposure finding is about. */
    public static String cve(Finding f) {
        Object c = f.details().get("cve");
        return c == null ? f.rule().id() : c.toString();
    }

    /**
     * summary.json's {@code exposure}: {@code [{"server","build","findings","by_level":{...},"exploited":[{"cve",
     * "finding","proof_count","first_proof","proven_by":[ids]}]}]}.
     */
    public static ArrayNode json(List<Finding> all) {
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (ServerExposure s : of(all)) {
            ObjectNode o = arr.addObject();
            o.put("server", s.name());
            o.put("build", s.build());
            o.put("findings", s.findings().size());
            ObjectNode levels = o.putObject("by_level");
            for (Level l : Level.values()) levels.put(l.id(), s.at(l));
            ArrayNode ex = o.putArray("exploited");
            for (Finding f : s.exploited()) {
                ObjectNode e = ex.addObject();
                e.put("cve", cve(f));
                e.put("finding", f.id());
                e.set("proof_count", Json.MAPPER.valueToTree(f.details().get("proof_count")));
                e.set("first_proof", Json.MAPPER.valueToTree(f.details().get("first_proof")));
                ArrayNode ids = e.putArray("proven_by");
                if (f.details().get("proven_by") instanceof List<?> refs) {
                    for (Object r : refs) if (r instanceof Map<?, ?> m) ids.add(String.valueOf(m.get("id")));
                }
            }
        }
        return arr;
    }
}
