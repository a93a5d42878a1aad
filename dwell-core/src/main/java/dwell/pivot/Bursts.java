package dwell.pivot;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.event.FieldRole;
import dwell.hunt.Finding;
import dwell.hunt.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Detections close together on one host, by the {@code bursts} rule of {@code dwell/pivot/causes.yaml}: a script
 * setting seven registry keys or a reconnaissance tool tripping three rules in one second is one act, though
 * no value links its findings.
 */
final class Bursts {
    private static final List<FieldRole> OUTSIDE = List.of(FieldRole.CLIENT_ADDRESS, FieldRole.ADDRESS);

    private final long withinSeconds;
    private final long spanSeconds;
    private final Level minLevel;
    private final PivotFields fields;

    private Bursts(long withinSeconds, long spanSeconds, Level minLevel, PivotFields fields) {
        this.withinSeconds = withinSeconds;
        this.spanSeconds = spanSeconds;
        this.minLevel = minLevel;
        this.fields = fields;
    }

    static Bursts of(JsonNode rule, PivotFields fields) {
        return new Bursts(rule.path("within").asLong(), rule.path("span").asLong(),
                Level.parse(rule.path("min-level").asText("medium")), fields);
    }

    /**
     * Each detection of a burst to the burst's first. Only findings {@code unindicated} accepts take part, so a
     * burst never bridges two findings that each have their own strong links; nor do findings naming an address
     * that acted from outside (a web request, a network logon), which are that address's, not the host's: two
     * actors exploiting one server in the same minute stay apart.
     */
    List<Causes.Link> links(List<Finding> findings, IntPredicate unindicated) {
        Map<String, TreeMap<Instant, List<Integer>>> byHost = new HashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.host() == null || f.time() == null || f.event() == null || f.detector().equals(Pivot.DETECTOR)
                    || Pivot.isExposure(f) || f.rule().level().compareTo(minLevel) < 0
                    || !unindicated.test(i) || actsFromOutside(f)) continue;
            byHost.computeIfAbsent(f.host(), k -> new TreeMap<>()).computeIfAbsent(f.time(), k -> new ArrayList<>()).add(i);
        }
        List<Causes.Link> out = new ArrayList<>();
        for (TreeMap<Instant, List<Integer>> series : byHost.values()) {
            Instant start = null;
            Instant previous = null;
            int first = -1;
            for (Map.Entry<Instant, List<Integer>> e : series.entrySet()) {
                Instant t = e.getKey();
                boolean joins = previous != null && !t.isAfter(previous.plusSeconds(withinSeconds))
                        && !t.isAfter(start.plusSeconds(spanSeconds));
                if (!joins) {
                    start = t;
                    first = e.getValue().get(0);
                }
                for (int i : e.getValue()) {
                    if (i != first) out.add(new Causes.Link(i, first));
                }
                previous = t;
            }
        }
        return out;
    }

    private boolean actsFromOutside(Finding f) {
        String who = fields.roles().firstOf(f.event(), OUTSIDE);
        return who != null && AddressClass.of(who.strip()) != AddressClass.SPECIAL;
    }
}
