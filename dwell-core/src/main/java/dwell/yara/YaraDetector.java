package dwell.yara;

import dwell.evidence.EvidenceItem;
import dwell.hunt.Detector;
import dwell.hunt.DetectorReport;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.FindingSink;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import dwell.hunt.Titles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs YARA rules over every evidence item and reports each matching rule as a {@code yara} finding, titled
 * {@code YARA: DESCRIPTION (RULE)} from the rule's {@code description} meta, or {@code YARA: RULE} without one.
 * The level comes from the rule's {@code severity} or {@code level} meta (a level name), else its
 * {@code score} meta (signature-base's 0-100: >=80 critical, >=70 high, >=50 medium, >=30 low, else
 * informational), else {@link #DEFAULT_LEVEL}: a YARA hit on evidence is worth a look.
 */
public final class YaraDetector implements Detector {
    /** Level of a rule that states neither severity nor score. */
    public static final Level DEFAULT_LEVEL = Level.HIGH;
    /** Longest rule description a title keeps, in characters (the whole of it stays in the rule's meta). */
    static final int MAX_DESCRIPTION = 100;
    /** Matched strings kept per finding. */
    private static final int MAX_STRINGS = 20;

    private final YaraRules rules;
    private final long timeoutSeconds;
    private final ThreadLocal<YaraScanner> scanners;
    /** Items whose scan failed (an I/O error, the time limit), for the summary: a file not scanned is no clean file. */
    private final Map<String, String> notScanned = new java.util.concurrent.ConcurrentSkipListMap<>();

    public YaraDetector(YaraRules rules) {
        this(rules, 0);
    }

    private YaraDetector(YaraRules rules, long timeoutSeconds) {
        this.rules = rules;
        this.timeoutSeconds = timeoutSeconds;
        this.scanners = ThreadLocal.withInitial(() -> new YaraScanner(rules).timeout(timeoutSeconds));
    }

    /** The same rules, each item's scan given at most {@code seconds} (0: no limit), as yara's {@code --timeout}. */
    public YaraDetector timeout(long seconds) {
        return seconds == timeoutSeconds ? this : new YaraDetector(rules, seconds);
    }

    /** Compiles rule files (all must compile) into a detector; defines are {@code name -> value} externals. */
    public static YaraDetector fromFiles(List<Path> ruleFiles, Map<String, String> defines) throws YaraCompileException {
        return new YaraDetector(YaraRules.compile(ruleFiles, defines));
    }

    public YaraRules rules() {
        return rules;
    }

    @Override
    public String id() {
        return "yara";
    }

    @Override
    public boolean itemLocal() {
        return true;
    }

    @Override
    public boolean wantsItems() {
        return true;
    }

    @Override
    public void onItem(EvidenceItem item, Path content, FindingSink sink) {
        List<RuleMatch> matches;
        try {
            matches = scanners.get().scan(content);
        } catch (IOException | RuntimeException e) {
            notScanned.put(item.path(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        }
        for (RuleMatch m : matches) sink.add(finding(item, m));
    }

    /** The items its rules could not be run over, by path, with the reason. */
    public Map<String, String> notScanned() {
        return Map.copyOf(notScanned);
    }

    /** Takes in the items another instance, hunting a share of the evidence apart, could not scan. */
    public void addNotScanned(Map<String, String> more) {
        notScanned.putAll(more);
    }

    @Override
    public void report(DetectorReport report) {
        if (notScanned.isEmpty()) return;
        List<Map<String, Object>> items = new ArrayList<>();
        notScanned.forEach((path, reason) -> items.add(Map.of("path", path, "reason", reason)));
        report.section("yara", Map.of("not_scanned", items));
    }

    static Finding finding(EvidenceItem item, RuleMatch m) {
        Map<String, String> keep = new LinkedHashMap<>();
        for (String k : List.of("author", "reference", "description", "date", "hash", "score", "severity")) {
            Object v = m.meta().get(k);
            if (v != null) keep.put(k, v.toString());
        }
        String title = m.meta().get("description") instanceof String d && !d.isBlank()
                ? "YARA: " + Titles.oneLine(d, MAX_DESCRIPTION) + " (" + m.rule() + ")" : "YARA: " + m.rule();
        RuleRef rule = new RuleRef(m.rule(), title, level(m.meta()), m.tags(), keep);
        List<Map<String, Object>> strings = new ArrayList<>();
        for (RuleMatch.StringMatch s : m.strings()) {
            if (strings.size() == MAX_STRINGS) break;
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("identifier", s.identifier());
            one.put("offset", s.offset());
            one.put("data", printable(s.data()));
            strings.add(one);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("strings", strings);
        details.put("matches", m.strings().size());
        EvidenceRef ev = new EvidenceRef(item.path(), item.sha256(), item.format() == null ? null : item.format().id(), 0, 0);
        return Finding.of(item.mtime(), "yara", rule, null, ev, Map.of(), List.of(), details);
    }

    /** The rule's level from its meta, as documented on the class. */
    static Level level(Map<String, Object> meta) {
        for (String k : List.of("severity", "level")) {
            if (meta.get(k) instanceof String s) {
                try {
                    return Level.parse(s);
                } catch (IllegalArgumentException e) {
                    // not a level name: fall through to score
                }
            }
        }
        Object score = meta.get("score");
        long v = -1;
        if (score instanceof Long l) v = l;
        else if (score instanceof String s && s.trim().matches("\\d+")) v = Long.parseLong(s.trim());
        if (v >= 0) {
            if (v >= 80) return Level.CRITICAL;
            if (v >= 70) return Level.HIGH;
            if (v >= 50) return Level.MEDIUM;
            if (v >= 30) return Level.LOW;
            return Level.INFORMATIONAL;
        }
        return DEFAULT_LEVEL;
    }

    /** Matched bytes as text, with non-printable bytes written {@code \xNN} (as {@code yara -s} does). */
    public static String printable(byte[] data) {
        StringBuilder b = new StringBuilder();
        for (byte x : data) {
            int c = x & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') b.append((char) c);
            else if (c == '\\') b.append("\\\\");
            else b.append(String.format(Locale.ROOT, "\\x%02x", c));
        }
        return new String(b.toString().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
    }
}
