package dwell.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.hunt.Diagnostic;
import dwell.ioc.stix.StixParser;
import dwell.ioc.stix.StixPatternException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile nesting in IOC feeds (STIX patterns, JSON documents) is rejected with a reason, never a stack overflow. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FeedNestingTest {
    private static final String IP = "[ipv4-addr:value = '198.51.100.7']";

    @TempDir
    Path dir;

    private static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    @Test
    void stixPatternParenthesesDeepAreRejected() {
        StixPatternException obs = assertThrows(StixPatternException.class, () -> StixParser.parse(nested("(", IP, ")", 5_000)));
        assertTrue(obs.getMessage().startsWith("nesting deeper than 100 at "), obs.getMessage());
        StixPatternException cmp = assertThrows(StixPatternException.class,
                () -> StixParser.parse("[" + nested("(", "ipv4-addr:value = '198.51.100.7'", ")", 5_000) + "]"));
        assertTrue(cmp.getMessage().startsWith("nesting deeper than 100 at "), cmp.getMessage());
        StixPatternException seq = assertThrows(StixPatternException.class,
                () -> StixParser.parse(String.join(" FOLLOWEDBY ", Collections.nCopies(5_000, IP))));
        assertTrue(seq.getMessage().startsWith("nesting deeper than 100 at "), seq.getMessage());
    }

    @Test
    void longOrRunsCompileInOrder() throws Exception {
        StringBuilder run = new StringBuilder("[");
        for (int i = 0; i < 1_000; i++) run.append(i == 0 ? "" : " OR ").append("ipv4-addr:value = '10.0.").append(i / 256).append('.').append(i % 256).append('\'');
        List<List<StixCompiler.Term>> dnf = StixCompiler.compile(run + "]");
        assertEquals(1_000, dnf.size());
        assertEquals("10.0.0.0", dnf.get(0).get(0).value().text());
        assertEquals("10.0.3.231", dnf.get(999).get(0).value().text());
    }

    private FeedStats load(String name, String json) throws Exception {
        Path f = Files.writeString(dir.resolve(name), json);
        return IocFeeds.load(List.of(f)).feeds().get(0);
    }

    @Test
    void stixBundleNestedAHundredThousandDeepIsRejected() throws Exception {
        FeedStats st = load("deep.json", "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":" + nested("[", "", "]", 100_000) + "}");
        assertEquals(List.of("object 1: not a JSON object", "line 1: nesting deeper than 100, rest of file not read"),
                st.rejected().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void mispResponsesNestedDeepAreRejected() throws Exception {
        FeedStats st = load("misp.json", nested("{\"response\":[", "{}", "]}", 50_000));
        assertEquals(FeedKind.MISP, st.kind());
        assertTrue(st.rejected().stream().anyMatch(d -> d.reason().equals("nesting deeper than 100, rest of file not read")),
                st.rejected().toString());
    }
}
