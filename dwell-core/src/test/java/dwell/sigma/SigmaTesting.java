package dwell.sigma;

import dwell.event.Event;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.evtx.EvtxLog;
import dwell.hunt.Diagnostic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds rules and events for the Sigma tests. */
final class SigmaTesting {
    private SigmaTesting() {
    }

    /** A rule document around a detection section (indented by four spaces in the YAML). */
    static String rule(String detection) {
        StringBuilder sb = new StringBuilder("title: test rule\nid: test-1\nlevel: high\nlogsource:\n    product: windows\n    service: security\ndetection:\n");
        for (String line : detection.split("\n")) sb.append("    ").append(line).append('\n');
        return sb.toString();
    }

    static SigmaRule load(String detection) {
        RuleSet set = new RuleLoader().loadText("test.yml", rule(detection));
        if (!set.rejected().isEmpty()) throw new AssertionError("rejected: " + set.rejected());
        return set.rules().get(0);
    }

    static Diagnostic reject(String yaml) {
        RuleSet set = new RuleLoader().loadText("bad.yml", yaml);
        if (set.rejected().isEmpty()) throw new AssertionError("not rejected: " + yaml);
        return set.rejected().get(0);
    }

    static Event event(String... kv) {
        return event(null, kv);
    }

    static Event event(Instant t, String... kv) {
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) f.put(kv[i], kv[i + 1]);
        return new MapEvent(t, EvtxLog.ID, new LogSource("windows", null, "security"), f, kv.length % 2 == 1 ? kv[kv.length - 1] : null,
                Provenance.record("test.evtx", 1), "HOST1");
    }

    /** True when the detection matches the event (fields as written, no aliases). */
    static boolean matches(String detection, Event e) {
        Matcher m = Binder.bind(load(detection).detection(), FieldResolver.IDENTITY);
        return m.matches(new EventView().reset(e));
    }

    static boolean matches(String detection, String... kv) {
        return matches(detection, event(kv));
    }

    static List<Event> events(Event... es) {
        return List.of(es);
    }
}
