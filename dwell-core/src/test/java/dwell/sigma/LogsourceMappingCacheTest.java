package dwell.sigma;

import dwell.rulecache.RuleFileStamps;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.event.LogSource;
import dwell.event.LogSources;
import dwell.formats.Formats;
import dwell.rulecache.RuleCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logsource mapping through the rule cache: decoded, it binds every rule as the mapping parsed from YAML does. */
class LogsourceMappingCacheTest {
    @TempDir
    Path dir;

    private final List<String> notes = new ArrayList<>();

    private RuleCache cache() {
        return RuleCache.in(dir.resolve("cache"), "test", notes::add);
    }

    /** What a mapping decides, as text: each logsource's targets (by their parts), the dispatch, the formats' raw text. */
    private static String decisions(LogsourceMapping m, Set<LogSource> sources) {
        StringBuilder b = new StringBuilder(m.eventIdField() + " " + m.dispatchFields() + "\n");
        Formats.all().forEach(f -> b.append(f.id().id()).append(' ').append(m.rawRendersFields(f.id())).append('\n'));
        for (LogSource ls : sources) {
            b.append(ls).append(" ->");
            for (LogsourceMapping.Target t : m.targets(ls)) {
                b.append(" [").append(t.product()).append('/').append(t.category()).append('/').append(t.service())
                        .append(' ').append(t.format() == null ? null : t.format().id()).append(' ')
                        .append(new java.util.TreeSet<>(t.eventIds())).append(' ').append(new java.util.TreeMap<>(t.fields()))
                        .append(']');
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Every logsource SigmaHQ's Windows rules name, the channels' and the formats', and some no mapping names. */
    private static Set<LogSource> sources() throws IOException {
        Set<LogSource> out = new LinkedHashSet<>(LogSources.channels());
        out.addAll(Formats.logSources());
        RuleSet set = new RuleLoader(Placeholders.none(), RuleCache.off()).load(List.of(Corpora.path("sigma/rules/windows")));
        set.rules().forEach(r -> out.add(r.logSource()));
        out.add(new LogSource("linux", null, "auditd"));
        out.add(new LogSource(null, "webserver", null));
        out.add(new LogSource(null, null, null));
        return out;
    }

    @Test
    void theBuiltinMappingDecodedDecidesAsParsed() throws IOException {
        LogsourceMapping parsed = LogsourceMapping.load(List.of(), RuleCache.off());
        byte[] bytes = LogsourceMappingCodec.encode(parsed);
        LogsourceMapping decoded = LogsourceMappingCodec.decode(bytes);
        Set<LogSource> sources = sources();
        assertTrue(sources.size() > 40, sources.toString());
        String want = decisions(parsed, sources);
        assertTrue(want.contains("process_creation"), want);
        assertEquals(want, decisions(decoded, sources));
        assertArrayEquals(bytes, LogsourceMappingCodec.encode(decoded), "equal mappings encode alike");
    }

    @Test
    void everyTruncationIsRefused() throws IOException {
        byte[] bytes = LogsourceMappingCodec.encode(LogsourceMapping.load(List.of(), RuleCache.off()));
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThrows(IllegalArgumentException.class, () -> LogsourceMappingCodec.decode(cut), "cut at " + n);
        }
        assertThrows(IllegalArgumentException.class, () -> LogsourceMappingCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)));
    }

    private Path entry() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("sigmamapping-")).reduce((a, b) -> {
                throw new AssertionError("more than one entry");
            }).orElseThrow();
        }
    }

    @Test
    void aCachedMappingWithAUserFileDecidesAsParsedAndADamagedOneIsNotedAndMadeAnew() throws IOException, InterruptedException {
        Path user = dir.resolve("user.yaml");
        Files.writeString(user, """
                sources:
                  - logsource: {product: windows, category: process_creation}
                    events:
                      - {service: sysmon, EventID: [1, 99], fields: {Image: [Image, ProcessPath]}}
                dispatch_fields: [Provider_Name]
                """);
        Files.setLastModifiedTime(user, FileTime.fromMillis(1_600_000_000_000L));
        // the status-change time a write leaves is now: stamps are trusted once it is older than RuleFileStamps.SETTLED
        Thread.sleep(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(RuleFileStamps.SETTLED) + 200);
        Set<LogSource> sources = sources();
        String want = decisions(LogsourceMapping.load(List.of(user), RuleCache.off()), sources);
        assertTrue(want.contains("ProcessPath"), want);
        assertEquals(want, decisions(LogsourceMapping.load(List.of(user), cache()), sources), "miss");
        Path entry = entry();
        assertEquals(want, decisions(LogsourceMapping.load(List.of(user), cache()), sources), "hit");
        assertEquals(List.of(), notes);
        byte[] b = Files.readAllBytes(entry);
        b[b.length / 2] ^= 1;
        Files.write(entry, b);
        assertEquals(want, decisions(LogsourceMapping.load(List.of(user), cache()), sources), "damaged");
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("damaged or altered"), notes.get(0));
        // the same size and modification time, other content: the status-change time tells
        Files.writeString(user, Files.readString(user).replace("ProcessPath", "ProcessPAth"));
        Files.setLastModifiedTime(user, FileTime.fromMillis(1_600_000_000_000L));
        String edited = decisions(LogsourceMapping.load(List.of(user), cache()), sources);
        assertTrue(edited.contains("ProcessPAth") && !edited.contains("ProcessPath"), edited);
        Thread.sleep(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(RuleFileStamps.SETTLED) + 200);
        assertEquals(edited, decisions(LogsourceMapping.load(List.of(user), cache()), sources), "settled, stamped anew");
        assertEquals(edited, decisions(LogsourceMapping.load(List.of(user), cache()), sources), "from the new entry");
        assertEquals(1, notes.size(), notes.toString());
    }
}
