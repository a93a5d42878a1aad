package dwell.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the format the catalog sniffs for every item of {@code examples/} and of the shared corpora (archive members
 * included), so that a change to sniffing or to its precedence shows up item by item. The pinned list
 * ({@code sniffed-formats.txt}) names every item that is not {@code unknown}, and how many items each root holds;
 * beside it, expectations derived from the items' names (how their writers name them) hold independently of it.
 * Regenerate the list with {@code -Ddwell.pin.write=PATH} after a reviewed, intended change.
 */
class SniffedFormatsPinTest {
    private static final String PINNED = "/dwell/evidence/sniffed-formats.txt";
    private static final Map<String, String> SNIFFED = new TreeMap<>();

    @BeforeAll
    static void walk() throws IOException {
        Path repo = Corpora.repoRoot();
        walk(repo.resolve("examples"), "examples");
        for (String corpus : List.of("evtx-attack-samples", "exchange", "sigma", "signature-base")) {
            walk(Corpora.path(corpus), "corpora/" + corpus);
        }
    }

    private static void walk(Path root, String label) throws IOException {
        Map<String, String> found = new ConcurrentSkipListMap<>();
        new Catalog(CatalogLimits.DEFAULT, 2).walk(List.of(root), new ItemVisitor() {
            @Override
            public void visit(EvidenceItem item, InputStream content) {
            }

            @Override
            public void finished(EvidenceItem item, List<String> problems) {
                String rel = item.path().substring(root.toString().length()).replace('\\', '/');
                found.put(label + rel, item.format().id());
            }
        });
        SNIFFED.putAll(found);
    }

    @Test
    void everyItemSniffsAsPinned() throws IOException {
        List<String> actual = render(SNIFFED);
        String write = System.getProperty("dwell.pin.write");
        if (write != null) Files.write(Path.of(write), actual, StandardCharsets.UTF_8);
        List<String> pinned;
        try (InputStream in = SniffedFormatsPinTest.class.getResourceAsStream(PINNED)) {
            pinned = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> missing = new ArrayList<>(pinned);
        missing.removeAll(actual);
        List<String> extra = new ArrayList<>(actual);
        extra.removeAll(pinned);
        assertEquals(List.of(), missing, "pinned but not sniffed so (sniffed now: " + extra + ")");
        assertEquals(List.of(), extra, "sniffed but not pinned");
    }

    /** One line per item that is not unknown ({@code format<TAB>path}), then each root's item count. */
    private static List<String> render(Map<String, String> sniffed) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        sniffed.forEach((path, format) -> {
            if (!format.equals("unknown")) out.add(format + "\t" + path);
            String root = path.startsWith("corpora/") ? path.substring(0, path.indexOf('/', 8)) : "examples";
            counts.merge(root, 1, Integer::sum);
        });
        counts.forEach((root, n) -> out.add("# items\t" + root + "\t" + n));
        return out;
    }

    @Test
    void itemsAreWhatTheirWritersNameThem() {
        int named = 0;
        for (Map.Entry<String, String> e : SNIFFED.entrySet()) {
            String expected = byName(e.getKey());
            if (expected == null) continue;
            named++;
            assertEquals(expected, e.getValue(), e.getKey());
        }
        assertTrue(named > 1000, "most items have a telling name: " + named);
    }

    @Test
    void rulesFeedsAndDocumentsAreNoLogs() {
        SNIFFED.forEach((path, format) -> {
            String n = path.toLowerCase(Locale.ROOT);
            if (n.endsWith(".yml") || n.endsWith(".yar") || n.endsWith(".yara") || n.endsWith(".md") || n.endsWith(".aspx")) {
                assertEquals("unknown", format, path);
            }
        });
    }

    /** The format an item's name promises (IIS's u_exYYMMDD.log, Exchange's log folders...), or null. */
    private static String byName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.matches("u_ex\\d{6}\\.log")) return "iis-w3c";
        if (name.matches("HttpProxy_\\d{10}-\\d+\\.LOG")) return "exchange-httpproxy";
        if (name.matches("ECPServer_\\d{10}-\\d+\\.LOG")) return "exchange-ecp";
        if (name.matches("MSGTRK\\d{10}-\\d+\\.LOG")) return "exchange-msgtrk";
        if (name.matches("OABGeneratorLog_\\d{10}-\\d+\\.LOG")) return "exchange-oab";
        if (name.endsWith(".evtx")) return "evtx";
        if (name.endsWith(".ndjson") || name.endsWith(".json") && path.contains("/events/")) return "json";
        if (name.endsWith(".zip")) return "zip";
        if (name.equals("access.log")) return "access-combined";
        if (path.startsWith("examples/") && path.contains("/syslog/")) return "syslog";
        return null;
    }
}
