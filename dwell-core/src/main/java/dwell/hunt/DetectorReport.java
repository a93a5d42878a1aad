package dwell.hunt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the detectors of a scan report beside their findings, for its summary: how many rules they loaded, what
 * they could not use (rules or feed entries rejected) or not run (a logsource no event has), and facts by summary
 * section ({@code iocs}, {@code exchange}...). Two reports to one section merge: maps key by key, lists appended.
 */
public final class DetectorReport {
    private int rules;
    private final List<Diagnostic> rejected = new ArrayList<>();
    private final List<Diagnostic> notRun = new ArrayList<>();
    private final Map<String, Map<String, Object>> sections = new LinkedHashMap<>();

    public synchronized void rules(int loaded) {
        rules += loaded;
    }

    public synchronized void rejected(Collection<Diagnostic> ds) {
        rejected.addAll(ds);
    }

    public synchronized void notRun(Collection<Diagnostic> ds) {
        notRun.addAll(ds);
    }

    /** Adds facts to a section of the summary. */
    public synchronized void section(String key, Map<String, Object> facts) {
        sections.merge(key, new LinkedHashMap<>(facts), DetectorReport::merge);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> m = new LinkedHashMap<>(a);
        b.forEach((k, v) -> m.merge(k, v, (x, y) -> {
            if (x instanceof Map<?, ?> mx && y instanceof Map<?, ?> my) return merge((Map<String, Object>) mx, (Map<String, Object>) my);
            if (x instanceof List<?> lx && y instanceof List<?> ly) {
                List<Object> l = new ArrayList<>(lx);
                l.addAll(ly);
                return l;
            }
            return x;
        }));
        return m;
    }

    public synchronized int rules() {
        return rules;
    }

    public synchronized List<Diagnostic> rejected() {
        return List.copyOf(rejected);
    }

    public synchronized List<Diagnostic> notRun() {
        return List.copyOf(notRun);
    }

    /** The sections in the order detectors first reported to them. */
    public synchronized Map<String, Map<String, Object>> sections() {
        return new LinkedHashMap<>(sections);
    }
}
