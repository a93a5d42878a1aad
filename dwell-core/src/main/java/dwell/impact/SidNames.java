package dwell.impact;

import dwell.event.Event;
import dwell.format.csv.CsvLog;
import dwell.format.evtx.EvtxLog;
import dwell.format.json.JsonLog;
import dwell.event.FormatId;
import dwell.hunt.SummingDetector;
import dwell.hunt.FindingSink;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which account the evidence names with each SID (Security logon events, the MSExchange Management log's caller),
 * so that a {@code Sid~} anchor names a mailbox an analyst can read. Fed as a detector that emits nothing; only
 * Windows events are looked at, and only their few name and SID fields. The first name seen for a SID in evidence
 * order is not knowable across threads, so the name kept is the least one: the same whatever {@code --threads}.
 */
public final class SidNames implements SummingDetector {
    /** A mapping past this many SIDs is a domain's whole directory: enough to resolve anchors, bounded in memory. */
    private static final int MAX = 1_000_000;
    private final ImpactRules rules;
    private final List<List<String>> pairs;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public SidNames(ImpactRules rules) {
        this.rules = rules;
        this.pairs = rules.sidNames();
    }

    @Override
    public String id() {
        return "sid-names";
    }

    @Override
    public void onEvent(Event e, FindingSink sink) {
        FormatId f = e.format();
        if (f != EvtxLog.ID && f != JsonLog.ID && f != CsvLog.ID) return;
        for (List<String> p : pairs) {
            String sid = e.get(p.get(1));
            if (sid == null || !sid.regionMatches(true, 0, "S-1-5-21-", 0, 9)) continue;
            String name = e.get(p.get(0));
            if (name == null || name.isBlank() || name.equals("-")) continue;
            String domain = p.size() > 2 ? e.get(p.get(2)) : null;
            String full = (domain == null || domain.isBlank() || domain.equals("-") || name.contains("\\") ? "" : domain.strip() + "\\") + name.strip();
            String key = sid.strip().toUpperCase(Locale.ROOT);
            keep(key, full);
        }
    }

    private void keep(String sid, String name) {
        if (names.size() < MAX || names.containsKey(sid)) names.merge(sid, name, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    @Override
    public SidNames blank() {
        return new SidNames(rules);
    }

    @Override
    public Serializable part() {
        return new TreeMap<>(names);
    }

    /** The least name per SID again, so merging shares gives the single process's names. */
    @Override
    public void merge(Serializable part) {
        ((Map<?, ?>) part).forEach((sid, name) -> keep((String) sid, (String) name));
    }

    /** The account named with a SID, or null. */
    public String nameOf(String sid) {
        return names.get(sid.toUpperCase(Locale.ROOT));
    }
}
