package dwell.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.evtx.EvtxLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The signature-base LOKI/THOR IOC files: every file loads, counts match the files, known entries are there. */
class LokiFeedTest {
    private static final Path IOCS = Corpora.path("signature-base/iocs");
    private static final int C2_ENTRIES = 1844;

    /** Data lines of a LOKI file: not blank, not a comment. */
    private static long dataLines(String file) throws Exception {
        return Files.readAllLines(IOCS.resolve(file)).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    }

    private static FeedStats stats(IocSet set, String file) {
        return set.feeds().stream().filter(f -> f.feed().endsWith(file)).findFirst().orElseThrow();
    }

    @Test
    void wholeDirectoryLoadsWithEveryEntryAccountedFor() throws Exception {
        IocSet set = IocFeeds.load(List.of(IOCS));
        assertEquals(4, set.feeds().size(), "README is not a feed: " + set.feeds());
        for (String f : List.of("hash-iocs.txt", "filename-iocs.txt", "c2-iocs.txt", "keywords.txt")) {
            FeedStats st = stats(set, f);
            assertEquals(dataLines(f), st.loaded() + st.rejectedCount(), f + ": loaded + rejected = data lines; " + st.rejected());
        }
        assertEquals(FeedKind.LOKI_HASH, stats(set, "hash-iocs.txt").kind());
        assertEquals(FeedKind.LOKI_FILENAME, stats(set, "filename-iocs.txt").kind());
        assertEquals(FeedKind.LOKI_C2, stats(set, "c2-iocs.txt").kind());
        assertEquals(FeedKind.LOKI_KEYWORD, stats(set, "keywords.txt").kind());
        // the signature-base files are clean: everything loads, including every filename regex under re2j
        assertEquals(0, stats(set, "hash-iocs.txt").rejectedCount(), stats(set, "hash-iocs.txt").rejected().toString());
        assertEquals(0, stats(set, "filename-iocs.txt").rejectedCount(), stats(set, "filename-iocs.txt").rejected().toString());
        assertEquals(0, stats(set, "c2-iocs.txt").rejectedCount(), stats(set, "c2-iocs.txt").rejected().toString());
        // counted independently with grep/awk on the corpus at its SOURCE commit
        assertEquals(3224, stats(set, "hash-iocs.txt").loaded());
        assertEquals(3828, stats(set, "filename-iocs.txt").loaded());
        assertEquals(C2_ENTRIES, stats(set, "c2-iocs.txt").loaded());
    }

    @Test
    void knownEntries() throws Exception {
        IocSet set = IocFeeds.load(List.of(IOCS));
        Map<String, Ioc> byValue = set.iocs().stream()
                .collect(Collectors.toMap(i -> i.value().text(), i -> i, (a, b) -> a, LinkedHashMap::new));
        Ioc darkCaracal = byValue.get("ce583821191345274cd954b2db7da9742c239fe413fc17dcb97ffdd7b51cb072");
        assertEquals(IocType.SHA256, darkCaracal.type());
        assertEquals("Dark Caracal - MS Windows HtmlHelp Data", darkCaracal.comment());
        assertEquals(null, darkCaracal.score());
        Ioc log4j = byValue.get("bf4f41403280c1b115650d470f9b260a5c9042c04d9bcc2a6ca504a66379b2d6");
        assertEquals(55, log4j.score(), "HASH;SCORE;COMMENT form");
        assertTrue(log4j.comment().startsWith("Vulnerable Log4j library"));
        Ioc snowman = byValue.get("58.64.143.244");
        assertEquals(IocType.IPV4, snowman.type());
        assertTrue(snowman.comment().startsWith("FireEye Operation Snowman"), snowman.comment());
        assertEquals(IocType.DOMAIN, byValue.get("suroot.com").type());
        assertEquals(65, byValue.get("176.123.5.126").score(), "C2 with ;SCORE");
        Ioc regin = byValue.get("\\\\usbclass\\.sys");
        assertEquals(IocType.FILE_PATH, regin.type());
        assertEquals(80, regin.score());
        assertEquals("Regin", regin.comment());
        assertEquals(IocType.KEYWORD, byValue.get("sekurlsa::LogonPasswords").type());
        assertEquals(IocSource.class, snowman.source().getClass());
        assertTrue(snowman.source().ruleId().startsWith("c2-iocs.txt:"));
    }

    @Test
    void filenameRegexesMatchLikeLoki() throws Exception {
        IocDetector d = IocDetector.load(List.of(IOCS.resolve("filename-iocs.txt")));
        assertTrue(ids(d, "C:\\Windows\\System32\\drivers\\usbclass.sys").contains("\\\\usbclass\\.sys"));
        // case-sensitive unless (?i)
        assertFalse(ids(d, "C:\\Windows\\System32\\drivers\\USBCLASS.SYS").contains("\\\\usbclass\\.sys"));
        // the false-positive regex vetoes: procdump under SysInternals is fine, elsewhere it is not
        String procdump = d.match(event("C:\\Users\\x\\procdump64.exe")).stream()
                .map(h -> h.ioc().value().text()).filter(t -> t.contains("procdump")).findFirst().orElse(null);
        assertTrue(procdump != null, "procdump outside SysInternals matches");
        assertTrue(d.match(event("C:\\Tools\\SysInternals\\procdump64.exe")).stream()
                .noneMatch(h -> h.ioc().value().text().equals(procdump)), "vetoed by the false-positive regex");
    }

    private static List<String> ids(IocDetector d, String image) {
        return d.match(event(image)).stream().map(h -> h.ioc().value().text()).toList();
    }

    static MapEvent event(String image) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Image", image);
        return new MapEvent(null, EvtxLog.ID, LogSource.NONE, f, image, Provenance.record("x.evtx", 1), null);
    }
}
