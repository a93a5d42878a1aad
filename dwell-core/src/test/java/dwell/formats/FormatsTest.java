package dwell.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.evidence.Archive;
import dwell.format.Clue;
import dwell.format.EventSink;
import dwell.format.Head;
import dwell.format.LogFormat;
import dwell.format.Series;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry: every format once under its output id, its facts, and how sniffing weighs clues and order. */
class FormatsTest {
    /** A format that claims every text head with one clue. */
    private static LogFormat claiming(String id, Clue clue) {
        return new LogFormat(FormatId.of(id), LogSource.NONE, Series.NONE) {
            @Override
            public Clue sniff(Head head) {
                return clue;
            }

            @Override
            public void read(String itemPath, Instant modified, InputStream in, EventSink sink) {
            }
        };
    }

    private static final Head HEAD = Head.of("x.log", "a\n".getBytes(StandardCharsets.UTF_8), 2);

    @Test
    void theStrongestClueWinsWhateverTheOrder() {
        LogFormat content = claiming("test-content", Clue.CONTENT);
        LogFormat fields = claiming("test-fields", Clue.FIELDS);
        assertSame(fields, Formats.pick(List.of(content, fields), HEAD));
        assertSame(fields, Formats.pick(List.of(fields, content), HEAD));
    }

    @Test
    void aMagicNumberEndsTheSniffing() {
        LogFormat magic = claiming("test-magic", Clue.MAGIC);
        List<String> asked = new ArrayList<>();
        LogFormat later = new LogFormat(FormatId.of("test-later"), LogSource.NONE, Series.NONE) {
            @Override
            public Clue sniff(Head head) {
                asked.add(head.name());
                return Clue.MAGIC;
            }

            @Override
            public void read(String itemPath, Instant modified, InputStream in, EventSink sink) {
            }
        };
        assertSame(magic, Formats.pick(List.of(magic, later), HEAD));
        assertEquals(List.of(), asked);
        assertSame(later, Formats.pick(List.of(claiming("test-content", Clue.CONTENT), later), HEAD));
        assertEquals(List.of(HEAD.name()), asked);
    }

    @Test
    void betweenEqualCluesTheFirstListedWins() {
        LogFormat a = claiming("test-a", Clue.CONTENT);
        LogFormat b = claiming("test-b", Clue.CONTENT);
        assertSame(a, Formats.pick(List.of(a, b), HEAD));
        assertSame(b, Formats.pick(List.of(b, a), HEAD));
    }

    @Test
    void noClueNoFormat() {
        assertNull(Formats.pick(List.of(claiming("test-none", null)), HEAD));
        assertNull(Formats.sniff("x", new byte[0], 0));
    }

    @Test
    void everyFormatOnceUnderItsOutputId() {
        List<String> ids = new ArrayList<>();
        for (LogFormat f : Formats.all()) {
            ids.add(f.id().id());
            assertSame(f, Formats.of(f.id()));
            assertSame(f, Formats.byId(f.id().id()));
        }
        // DESIGN.md's format ids, the archives and unknown apart
        assertEquals(new TreeSet<>(List.of("iis-w3c", "exchange-httpproxy", "exchange-ecp", "exchange-oab", "exchange-msgtrk",
                "json", "csv", "access-combined", "syslog", "evtx")), new TreeSet<>(ids));
        assertEquals(ids.size(), new TreeSet<>(ids).size());
        assertEquals(List.of("zip", "gzip", "tar"), Stream.of(Archive.values()).map(a -> a.id().id()).toList());
        assertEquals("unknown", FormatId.UNKNOWN.id());
    }

    @Test
    void archivesAndUnknownItemsHaveNoLogFormat() {
        for (Archive a : Archive.values()) assertNull(Formats.of(a.id()));
        assertNull(Formats.of(FormatId.UNKNOWN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Formats.byId("zip"));
        assertEquals("unknown format id: zip", e.getMessage());
    }

    @Test
    void webAndExchangeLogsFormDailySeries() {
        Map<String, Series> series = new TreeMap<>();
        for (LogFormat f : Formats.all()) series.put(f.id().id(), f.series());
        Map<String, Series> expected = new TreeMap<>();
        for (String daily : List.of("iis-w3c", "exchange-httpproxy", "exchange-ecp", "exchange-oab", "exchange-msgtrk", "access-combined")) {
            expected.put(daily, Series.DAILY);
        }
        for (String other : List.of("json", "csv", "syslog", "evtx")) expected.put(other, Series.NONE);
        assertEquals(expected, series);
    }

    @Test
    void logSourcesOfTheFormatsThatAreNotWindowsEventLogs() {
        Map<String, LogSource> sources = new TreeMap<>();
        for (LogFormat f : Formats.all()) sources.put(f.id().id(), f.logSource());
        LogSource web = new LogSource(null, "webserver", null);
        assertEquals(web, sources.get("iis-w3c"));
        assertEquals(web, sources.get("access-combined"));
        assertEquals(new LogSource("exchange", null, "httpproxy"), sources.get("exchange-httpproxy"));
        assertEquals(new LogSource("exchange", null, "ecp"), sources.get("exchange-ecp"));
        assertEquals(new LogSource("exchange", null, "oabgenerator"), sources.get("exchange-oab"));
        assertEquals(new LogSource("exchange", null, "msgtrk"), sources.get("exchange-msgtrk"));
        assertEquals(new LogSource("linux", null, null), sources.get("syslog"));
        for (String channelled : List.of("json", "csv", "evtx")) assertEquals(LogSource.NONE, sources.get(channelled), channelled);
        assertEquals(6, Formats.logSources().size(), "webserver once: " + Formats.logSources());
    }
}
