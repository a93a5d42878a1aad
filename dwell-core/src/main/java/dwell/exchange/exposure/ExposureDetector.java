package dwell.exchange.exposure;

import dwell.event.Event;
import dwell.event.Provenance;
import dwell.event.FormatId;
import dwell.format.access.AccessLog;
import dwell.format.csv.CsvLog;
import dwell.format.exchange.EcpLog;
import dwell.format.exchange.HttpProxyLog;
import dwell.format.exchange.MessageTrackingLog;
import dwell.format.exchange.OabGeneratorLog;
import dwell.format.w3c.IisW3cLog;
import dwell.hunt.SummingDetector;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.FindingSink;
import dwell.hunt.Level;
import dwell.hunt.RuleRef;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The exposure window in {@code dwell scan}: recognises Get-ExchangeServer inventory rows among the evidence
 * (CSV events with {@code Name} and {@code AdminDisplayVersion}) and tracks the time span of web and Exchange
 * logs, overall and per host. At the end it assesses each inventoried server (CU level: certainty cu-only) and
 * emits one {@code exposure} finding per open vulnerability, plus one for an unsupported product or unknown build.
 *
 * <p>Each finding: detector {@code exposure}; rule id {@code exposure.cve-2021-26855}, title naming CVE and
 * name, tags {@code cve.2021-26855} and {@code exposure.<vulnerable|at-risk|check-configuration>}; level from
 * exposure, exploitation and severity (vulnerable and exploited: critical); host = server name; evidence = the
 * inventory row. Its time is when the evidence last shows the server running at the inventoried build: the
 * inventory holds no time of its own (and a copied file's modification time says when it was copied), so it is
 * the last web/Exchange log event naming the server, else the last web/Exchange log event of all the evidence
 * (an inventory is exported with the logs it is collected with); with no such logs the finding is undated.
 * {@code details.dated_by} says which ({@code server-logs}, {@code evidence-logs}, absent when undated).
 * {@code details}: status, exposure, certainty, build, product, cu, action, remedy, exploited_in_wild,
 * exploited_since, window_start (exploited since, or for CVEs not known exploited the day the fix was published),
 * window_end (the last web/Exchange log event of the evidence), evidence_first, evidence_last, host_first,
 * host_last (that server's own log events, when its logs name it), coverage ({@code full}, {@code partial},
 * {@code none}, {@code no-host-logs}, {@code no-logs}), covers_window (coverage is full) and evidence_coverage
 * (the same for all web/Exchange logs, whatever host they name).
 * A server listed in several inventories is assessed once, on its highest build.
 */
public final class ExposureDetector implements SummingDetector {
    /** Formats whose events show when a server's web front end was used. */
    static final Set<FormatId> LOG_FORMATS = Set.of(IisW3cLog.ID, HttpProxyLog.ID, EcpLog.ID, OabGeneratorLog.ID,
            MessageTrackingLog.ID, AccessLog.ID);

    /** Bounds the per-server and per-host tables whatever the evidence holds. */
    static final int MAX_ENTRIES = 100_000;

    /** Made when the first inventory row is assessed: most scans hold none, and its catalogs took ~26 ms on C1. */
    private final Supplier<ExposureAssessor> assessor;
    private final Map<String, Row> servers = new ConcurrentHashMap<>();
    private final Map<String, EvidenceSpan> hosts = new ConcurrentHashMap<>();
    private final EvidenceSpan overall = new EvidenceSpan();

    /** Judges as of today (UTC), with the shipped knowledge, loaded only if an inventory row needs it. */
    public ExposureDetector() {
        this(ExposureAssessor.builtinWhenNeeded());
    }

    public ExposureDetector(ExposureAssessor assessor) {
        this(() -> assessor);
    }

    ExposureDetector(Supplier<ExposureAssessor> assessor) {
        this.assessor = assessor;
    }

    @Override
    public String id() {
        return "exposure";
    }

    /** An inventory row as seen: its observation and where it lies. */
    private record Row(Observation observation, Provenance provenance, Map<String, String> fields) {
    }

    @Override
    public void onEvent(Event event, FindingSink sink) {
        if (event.format() == CsvLog.ID) {
            String version = field(event, "AdminDisplayVersion");
            if (version == null) return; // any other CSV: one lookup and done
            String name = field(event, "Name");
            if (name == null || name.isBlank()) return;
            list(ServerName.key(name), event.provenance(), event.fields());
        } else if (LOG_FORMATS.contains(event.format()) && event.time() != null) {
            overall.add(event.time());
            String host = event.host();
            if (host != null && !host.isBlank()) seen(ServerName.key(host), event.time());
        }
    }

    private void list(String key, Provenance p, Map<String, String> fields) {
        Observation o = InventoryCsv.observation(fields, p.item() + ":" + p.line());
        if (servers.size() >= MAX_ENTRIES && !servers.containsKey(key)) return;
        servers.merge(key, new Row(o, p, new LinkedHashMap<>(fields)), ExposureDetector::preferred);
    }

    private void seen(String hostKey, Instant t) {
        if (hosts.size() < MAX_ENTRIES || hosts.containsKey(hostKey)) hosts.computeIfAbsent(hostKey, k -> new EvidenceSpan()).add(t);
    }

    /** An inventory row as listed (its observation is derived again where it is merged). */
    private record Listed(String key, Provenance provenance, LinkedHashMap<String, String> fields) implements Serializable {
    }

    /** One share's inventory rows kept and the spans of its logs, per host and overall. */
    private record Part(List<Listed> rows, Map<String, List<Instant>> hosts, List<Instant> overall) implements Serializable {
    }

    @Override
    public ExposureDetector blank() {
        return new ExposureDetector(assessor);
    }

    @Override
    public Serializable part() {
        List<Listed> rows = new ArrayList<>();
        servers.forEach((key, r) -> rows.add(new Listed(key, r.provenance(), new LinkedHashMap<>(r.fields()))));
        Map<String, List<Instant>> spans = new TreeMap<>();
        hosts.forEach((k, s) -> spans.put(k, Arrays.asList(s.first(), s.last())));
        return new Part(rows, spans, Arrays.asList(overall.first(), overall.last()));
    }

    /** The preferred row per server and the widest spans, as one process keeps them. */
    @Override
    public void merge(Serializable part) {
        Part p = (Part) part;
        p.rows().forEach(r -> list(r.key(), r.provenance(), r.fields()));
        p.hosts().forEach((k, span) -> span.forEach(t -> seen(k, t)));
        for (Instant t : p.overall()) if (t != null) overall.add(t);
    }

    private static String field(Event e, String name) {
        String v = e.get(name);
        if (v != null) return v;
        String[] found = new String[1];
        e.forEachField((k, val) -> {
            if (found[0] == null && k.strip().equalsIgnoreCase(name)) found[0] = val;
        });
        return found[0];
    }

    /** The row to keep when a server is listed twice: the higher build, then the earlier evidence position. */
    private static Row preferred(Row a, Row b) {
        if (a.observation().build() != null && b.observation().build() != null) {
            int c = a.observation().build().compareTo(b.observation().build());
            if (c != 0) return c > 0 ? a : b;
        } else if (a.observation().build() != null || b.observation().build() != null) {
            return a.observation().build() != null ? a : b;
        }
        Comparator<Row> pos = Comparator.comparing((Row r) -> r.provenance().item()).thenComparingLong(r -> r.provenance().line());
        return pos.compare(a, b) <= 0 ? a : b;
    }

    @Override
    public void finish(FindingSink sink) {
        List<Row> rows = new ArrayList<>(servers.values());
        rows.sort(Comparator.comparing((Row r) -> r.observation().name().toLowerCase(Locale.ROOT))
                .thenComparing(r -> r.provenance().item()).thenComparingLong(r -> r.provenance().line()));
        for (Row row : rows) {
            ServerAssessment s = assessor.get().assess(row.observation());
            EvidenceSpan host = hosts.get(ServerName.key(s.name()));
            Instant observed = host != null ? host.last() : overall.last();
            for (VulnerabilityExposure e : s.vulnerabilities()) {
                Vulnerability v = e.vulnerability();
                LocalDate startDay = v.exploited() ? v.exploitedSince() : v.published();
                Instant start = startDay.atStartOfDay(ZoneOffset.UTC).toInstant();
                Map<String, Object> d = details(s, host);
                d.put("cve", v.cve());
                d.put("exposure", e.exposure().id());
                d.put("severity", v.severity().id());
                d.put("remedy", e.remedy());
                d.put("exploited_in_wild", v.exploited());
                d.put("exploited_since", v.exploitedSince() == null ? null : v.exploitedSince().toString());
                window(d, start, host);
                RuleRef rule = new RuleRef("exposure." + v.cve().toLowerCase(Locale.ROOT),
                        "Exposed to " + v.cve() + ": " + v.name(), level(e.exposure(), v),
                        List.of(v.tag(), "exposure." + e.exposure().id()));
                sink.add(Finding.of(observed, id(), rule, s.name(), ref(row), row.fields(), List.of(), d));
            }
            if (s.status() == Status.UNSUPPORTED || s.status() == Status.UNKNOWN) {
                boolean unsupported = s.status() == Status.UNSUPPORTED;
                Map<String, Object> d = details(s, host);
                Instant start = unsupported ? s.product().endOfSupport().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null;
                if (start != null) window(d, start, host);
                RuleRef rule = unsupported
                        ? new RuleRef("exposure.unsupported-product", s.product().displayName() + " is out of support",
                                Level.HIGH, List.of("exposure.unsupported"))
                        : new RuleRef("exposure.unknown-build", "Exchange build could not be determined",
                                Level.LOW, List.of("exposure.unknown"));
                sink.add(Finding.of(observed, id(), rule, s.name(), ref(row), row.fields(), List.of(), d));
            }
        }
    }

    private static EvidenceRef ref(Row row) {
        return new EvidenceRef(row.provenance().item(), null, CsvLog.ID.id(), row.provenance().line(), row.provenance().record());
    }

    private Map<String, Object> details(ServerAssessment s, EvidenceSpan host) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("status", s.status().id());
        d.put("certainty", s.certainty().id());
        d.put("build", s.build());
        d.put("product", s.product() == null ? null : s.product().displayName());
        d.put("cu", s.cu());
        d.put("action", s.action());
        if (!s.notes().isEmpty()) d.put("notes", s.notes());
        if (host != null) d.put("dated_by", "server-logs");
        else if (overall.last() != null) d.put("dated_by", "evidence-logs");
        return d;
    }

    private void window(Map<String, Object> d, Instant start, EvidenceSpan host) {
        Instant end = overall.last();
        d.put("window_start", start.toString());
        d.put("window_end", end == null ? null : end.toString());
        d.put("evidence_first", overall.first() == null ? null : overall.first().toString());
        d.put("evidence_last", end == null ? null : end.toString());
        d.put("host_first", host == null ? null : host.first().toString());
        d.put("host_last", host == null ? null : host.last().toString());
        String coverage = end == null ? "no-logs" : host == null ? "no-host-logs" : coverage(start, end, host);
        d.put("coverage", coverage);
        d.put("covers_window", coverage.equals("full"));
        d.put("evidence_coverage", end == null ? "no-logs" : coverage(start, end, overall));
    }

    /** How a span of logs covers the window [start, end]: full, partial or none. */
    private static String coverage(Instant start, Instant end, EvidenceSpan logs) {
        if (end.isBefore(start) || logs.last().isBefore(start) || logs.first().isAfter(end)) return "none";
        return !logs.first().isAfter(start) && !logs.last().isBefore(end) ? "full" : "partial";
    }

    /** Exploited and certainly open is the worst; a configuration check or an unseen update weigh less. */
    static Level level(Exposure exposure, Vulnerability v) {
        Severity sev = v.severity();
        return switch (exposure) {
            case VULNERABLE -> v.exploited() ? Level.CRITICAL
                    : sev == Severity.CRITICAL ? Level.HIGH : sev == Severity.IMPORTANT ? Level.MEDIUM : Level.LOW;
            case AT_RISK, CHECK_CONFIGURATION -> v.exploited() ? Level.HIGH
                    : sev == Severity.CRITICAL ? Level.MEDIUM : Level.LOW;
        };
    }
}
