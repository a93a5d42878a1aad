package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * dwell against {@code evtxexport -f xml} (libyal's libevtx, Debian libevtx-utils) over every file of the
 * EVTX attack-samples corpus, reference output produced during the run. For every record the reference reads,
 * dwell must have a record with the same EventRecordID (matched by occurrence), TimeCreated, EventID, Channel,
 * Provider and EventData/UserData name-value pairs. python-evtx (Debian python3-evtx) is the reference for
 * files libevtx cannot read, and is checked directly on a sample so that the fallback itself is proven.
 *
 * <p>Normalisations, each a formatting difference only:
 * <ol>
 * <li>Hex integers: libevtx zero-pads HexInt32/HexInt64 to 8/16 digits ({@code 0x00000000000342ba}), Windows
 *     and dwell do not ({@code 0x342ba}); two {@code 0x} values compare as unsigned numbers.</li>
 * <li>TimeCreated and FILETIME values: libevtx prints nine fraction digits, dwell seven (FILETIME's 100 ns):
 *     they compare as instants. python-evtx prints microseconds computed through a floating-point
 *     conversion (off by up to ~2 us on 2019 dates), or none when zero: its times must lie within 5 us of
 *     dwell's. libevtx, compared exactly, is the oracle for time precision.</li>
 * <li>GUIDs: python-evtx prints them in lower case, Windows, libevtx and dwell in upper case; braced GUIDs
 *     compare case-insensitively.</li>
 * <li>Booleans: python-evtx prints Python's {@code True}/{@code False}; Windows, libevtx and dwell print
 *     {@code true}/{@code false}.</li>
 * <li>Characters XML 1.0 cannot carry (control characters) are replaced by U+FFFD on both sides, because
 *     the reference tools print them raw and the JDK's XML parser rejects them.</li>
 * <li>Line ends: an XML parser turns CR LF and lone CR into LF (XML 1.0 section 2.11), so dwell's values get
 *     the same treatment before comparing.</li>
 * </ol>
 */
class EvtxDifferentialTest {
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern GUID = Pattern.compile("\\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

    /** The reference's records of each corpus file, read once for all the tests of this class. */
    private static final Map<Path, List<ReferenceEvent>> REFERENCE = new HashMap<>();
    private static int pythonFallbacks;

    /** libevtx's records of {@code f}, or python-evtx's for a file libevtx cannot read. */
    private static synchronized List<ReferenceEvent> reference(Path f) throws Exception {
        List<ReferenceEvent> cached = REFERENCE.get(f);
        if (cached != null) return cached;
        Run ref = run(List.of("evtxexport", "-f", "xml", f.toString()));
        List<ReferenceEvent> expected;
        if (ref.exit != 0 || !ref.err.isBlank()) {
            expected = ReferenceEvent.parseAll(run(List.of("/usr/bin/python3", "/usr/bin/evtx_dump.py", f.toString())).out);
            pythonFallbacks++;
        } else {
            expected = ReferenceEvent.parseAll(ref.out);
        }
        REFERENCE.put(f, expected);
        return expected;
    }

    @Test
    void everyRecordLibevtxReadsMatches() throws Exception {
        List<Path> files = corpusFiles();
        assertTrue(files.size() >= 277, "corpus holds " + files.size() + " EVTX files");
        List<String> mismatches = new ArrayList<>();
        long compared = 0;
        for (Path f : files) compared += compare(f, reference(f), dwell(f), mismatches, false);
        System.out.println("evtx differential: " + files.size() + " files, " + compared + " records compared, "
                + pythonFallbacks + " files via python-evtx, " + mismatches.size() + " mismatches");
        Files.write(Path.of("target", "evtx-differential-mismatches.txt"), mismatches);
        assertTrue(compared > 8000, "only " + compared + " records compared");
        assertEquals(List.of(), mismatches.subList(0, Math.min(30, mismatches.size())), mismatches.size() + " mismatches");
    }

    /**
     * Record ids both ways, with what the hunt reads (slack copies of live records left out): every record the
     * reference reads comes from dwell as a live record with its EventRecordID as record id, as often as the
     * reference has it; every live record dwell delivers is one of those; the rest are recovered records none of
     * which has the EventRecordID and TimeCreated of a record the reference reads (they exist nowhere else).
     */
    @Test
    void recordIdsAreTheReferencesBothWays() throws Exception {
        List<String> mismatches = new ArrayList<>();
        long reference = 0;
        long live = 0;
        long unique = 0;
        long all = 0;
        for (Path f : corpusFiles()) {
            Map<String, Integer> expected = new HashMap<>();
            java.util.Set<String> known = new java.util.HashSet<>();
            for (ReferenceEvent r : reference(f)) {
                expected.merge(r.recordId(), 1, Integer::sum);
                known.add(r.recordId() + " " + Instant.parse(isoZ(r.timeCreated())));
            }
            Map<String, Integer> delivered = new HashMap<>();
            for (EvtxEvent e : delivered(f, RecoveredRecords.UNIQUE)) {
                String id = Long.toString(e.recordId());
                if (!e.recovered()) {
                    delivered.merge(id, 1, Integer::sum);
                    live++;
                } else {
                    unique++;
                    if (known.contains(id + " " + e.time())) mismatches.add(f.getFileName() + ": recovered record " + id + " at "
                            + e.time() + " is a record the reference reads");
                }
            }
            if (!expected.equals(delivered)) mismatches.add(f.getFileName() + ": record ids " + new java.util.TreeMap<>(expected)
                    + " vs dwell's " + new java.util.TreeMap<>(delivered));
            reference += reference(f).size();
            all += delivered(f, RecoveredRecords.ALL).stream().filter(EvtxEvent::recovered).count();
        }
        System.out.println("evtx record ids: reference " + reference + ", dwell live " + live + " + recovered unique " + unique
                + " (" + (all - unique) + " slack copies of live records left out of " + all + " recovered)");
        assertTrue(reference > 8000, "only " + reference + " reference records");
        assertEquals(List.of(), mismatches.subList(0, Math.min(30, mismatches.size())), mismatches.size() + " mismatches");
        assertEquals(reference, live);
    }

    private static String isoZ(String time) {
        String iso = time.replace(' ', 'T');
        return iso.endsWith("Z") ? iso : iso + "Z";
    }

    static List<EvtxEvent> delivered(Path f, RecoveredRecords recovered) throws IOException {
        List<EvtxEvent> events = new ArrayList<>();
        try (InputStream in = Files.newInputStream(f)) {
            new EvtxStream(1, recovered).read(f.toString(), in, c -> events.addAll(c.events()));
        }
        return events;
    }

    @Test
    void pythonEvtxAgreesOnASample() throws Exception {
        List<Path> files = corpusFiles();
        List<String> mismatches = new ArrayList<>();
        long compared = 0;
        // every 25th file: python-evtx is too slow for the whole corpus in a unit test run
        for (int i = 0; i < files.size(); i += 25) {
            Path f = files.get(i);
            Run ref = run(List.of("/usr/bin/python3", "/usr/bin/evtx_dump.py", f.toString()));
            assertEquals(0, ref.exit, "python-evtx failed on " + f + ": " + ref.err);
            compared += compare(f, ReferenceEvent.parseAll(ref.out), dwell(f), mismatches, true);
        }
        assertTrue(compared > 50, "only " + compared + " records compared");
        assertEquals(List.of(), mismatches.subList(0, Math.min(30, mismatches.size())), mismatches.size() + " mismatches");
    }

    static List<Path> corpusFiles() throws IOException {
        try (Stream<Path> s = Files.walk(Corpora.path("evtx-attack-samples"))) {
            return s.filter(p -> p.toString().toLowerCase().endsWith(".evtx")).sorted().toList();
        }
    }

    /** dwell's non-recovered records (reference tools skip slack space by default). */
    static List<EvtxEvent> dwell(Path f) throws IOException {
        List<EvtxEvent> events = new ArrayList<>();
        try (InputStream in = Files.newInputStream(f)) {
            new EvtxStream(1).read(f.toString(), in, c -> c.events().stream().filter(e -> !e.recovered()).forEach(events::add));
        }
        return events;
    }

    private static long compare(Path f, List<ReferenceEvent> expected, List<EvtxEvent> actual, List<String> mismatches,
                                boolean microseconds) {
        Map<String, List<EvtxEvent>> byId = new HashMap<>();
        for (EvtxEvent e : actual) byId.computeIfAbsent(e.get("EventRecordID"), k -> new ArrayList<>()).add(e);
        Map<String, Integer> seen = new HashMap<>();
        long n = 0;
        for (ReferenceEvent r : expected) {
            int occurrence = seen.merge(r.recordId(), 1, Integer::sum) - 1;
            List<EvtxEvent> candidates = byId.getOrDefault(r.recordId(), List.of());
            String where = f.getFileName() + " EventRecordID " + r.recordId();
            if (occurrence >= candidates.size()) {
                mismatches.add(where + ": not read by dwell");
                continue;
            }
            EvtxEvent e = candidates.get(occurrence);
            n++;
            if (!sameTime(r.timeCreated(), e.get("TimeCreated"), microseconds)) {
                mismatches.add(where + ": TimeCreated " + r.timeCreated() + " vs " + e.get("TimeCreated"));
            }
            check(where, "EventID", r.eventId(), e.eventId(), mismatches);
            check(where, "Channel", r.channel(), e.channel(), mismatches);
            check(where, "Provider", r.provider(), e.provider(), mismatches);
            Map<String, String> mine = e.dataFields();
            for (String k : new TreeSet<>(union(r.data().keySet(), mine.keySet()))) {
                check(where, k, r.data().get(k), mine.get(k), mismatches);
            }
        }
        return n;
    }

    private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static void check(String where, String field, String expected, String actual, List<String> mismatches) {
        if (!sameValue(expected, actual)) mismatches.add(where + ": " + field + " '" + expected + "' vs '" + actual + "'");
    }

    static boolean sameValue(String expected, String actual) {
        if (Objects.equals(expected, actual)) return true;
        if (expected == null || actual == null) return false;
        String a = ReferenceEvent.NOT_XML.matcher(actual.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("\uFFFD");
        if (expected.equals(a)) return true;
        if (HEX.matcher(expected).matches() && HEX.matcher(a).matches()) {
            return new BigInteger(expected.substring(2), 16).equals(new BigInteger(a.substring(2), 16));
        }
        if (GUID.matcher(expected).matches() && expected.equalsIgnoreCase(a)) return true;
        if ((expected.equals("True") || expected.equals("False")) && expected.equalsIgnoreCase(a)) return true;
        if (TIME.matcher(expected).matches() && TIME.matcher(a).matches()) return sameTime(expected, a, false);
        return false;
    }

    private static boolean sameTime(String expected, String actual, boolean microseconds) {
        if (expected == null || actual == null) return Objects.equals(expected, actual);
        String iso = expected.replace(' ', 'T');
        Instant want = Instant.parse(iso.endsWith("Z") ? iso : iso + "Z");
        Instant got = Instant.parse(actual);
        if (microseconds) {
            if (want.getNano() == 0 && got.getNano() < 1000) return want.getEpochSecond() == got.getEpochSecond();
            return Math.abs(java.time.Duration.between(want, got).toNanos()) <= 5000;
        }
        return want.equals(got);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("evtx-ref", ".xml");
        Path err = Files.createTempFile("evtx-ref", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("reference tool hung: " + cmd);
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
