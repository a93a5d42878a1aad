package dwell.ioc;

import dwell.hunt.Diagnostic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain lists and CSV feeds, and the bad input every line-based feed must survive. */
class LineFeedsTest {
    @TempDir
    Path dir;

    private IocSet load(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return IocFeeds.load(List.of(f));
    }

    private static Map<String, String> reasons(FeedStats st) {
        return st.rejected().stream().collect(Collectors.toMap(Diagnostic::source, Diagnostic::reason));
    }

    @Test
    void plainListInfersTypes() throws Exception {
        IocSet set = load("advisory.txt", String.join("\n",
                "# CISA AA21-062A", "", "203.0.113.5", "2001:db8::7", "198.51.100.0/24", "evil.example.com",
                "hxxps://drop[.]evil[.]example/x.js", "d41d8cd98f00b204e9800998ecf8427e",
                "da39a3ee5e6b4b0d3255bfef95601890afd80709",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "bad@evil.example",
                "C:\\inetpub\\wwwroot\\aspnet_client\\shell.aspx", "supp0rt.aspx", "evil.example/owa/x",
                "Mozilla/5.0 (compatible; ExchangeScan)", "*.tmp.exe", "WORD", "   ", "bad..domain", "300.1.1.1"));
        assertEquals(FeedKind.PLAIN, set.feeds().get(0).kind());
        assertEquals(List.of(IocType.IPV4, IocType.IPV6, IocType.CIDR, IocType.DOMAIN, IocType.URL, IocType.MD5,
                IocType.SHA1, IocType.SHA256, IocType.EMAIL, IocType.FILE_PATH, IocType.FILE_NAME, IocType.URL,
                IocType.USER_AGENT, IocType.FILE_NAME), set.iocs().stream().map(Ioc::type).toList());
        assertEquals("https://drop.evil.example/x.js", set.iocs().get(4).value().text(), "refanged");
        Map<String, String> r = reasons(set.feeds().get(0));
        assertEquals(3, r.size(), r.toString());
        assertTrue(r.get("line 17").contains("cannot infer"), r.toString());
        assertTrue(r.get("line 19").contains("cannot infer"), r.toString());
        assertTrue(r.get("line 20").contains("cannot infer"), "an invalid IPv4 is no domain either: " + r);
        assertEquals(5, set.iocs().get(2).source().line(), "source line kept");
    }

    @Test
    void csvWithHeaderAndQuotes() throws Exception {
        IocSet set = load("feed.csv", String.join("\n",
                "value,type,comment,score,valid_from",
                "203.0.113.5,ip-src,\"scanner, seen 2021\",80,2021-03-01T00:00:00Z",
                "\"evil.example\",domain,,,",
                "10.0.0.0/33,cidr,bad prefix,,",
                "x,regkey,unsupported,,",
                "d41d8cd98f00b204e9800998ecf8427e,sha256,wrong length,,",
                "evil.example,domain,bad score,high,",
                "evil.example,domain,bad time,,yesterday",
                "\"unterminated,domain,,,",
                ",domain,,,",
                "1.2.3.4,,,,"));
        FeedStats st = set.feeds().get(0);
        assertEquals(FeedKind.CSV, st.kind());
        assertEquals(2, st.loaded());
        Ioc first = set.iocs().get(0);
        assertEquals("scanner, seen 2021", first.comment());
        assertEquals(80, first.score());
        assertEquals("2021-03-01T00:00:00Z", first.validFrom().toString());
        Map<String, String> r = reasons(st);
        assertEquals(8, r.size(), r.toString());
        assertTrue(r.get("line 4").contains("invalid CIDR"));
        assertTrue(r.get("line 5").contains("unsupported indicator type: regkey"));
        assertTrue(r.get("line 6").contains("not a sha256 hex digest (64 hex digits)"));
        assertTrue(r.get("line 7").contains("score is not a number"));
        assertTrue(r.get("line 8").contains("ISO-8601"));
        assertTrue(r.get("line 9").contains("unterminated quoted field"));
        assertTrue(r.get("line 10").contains("missing value"));
        assertTrue(r.get("line 11").contains("missing type"));
    }

    @Test
    void csvWithoutHeader() throws Exception {
        IocSet set = load("iocs.csv", "domain;evil.example;c2\nip-dst;203.0.113.9\n");
        assertEquals(2, set.feeds().get(0).loaded());
        assertEquals("c2", set.iocs().get(0).comment());
    }

    @Test
    void lokiBadLines() throws Exception {
        IocSet f = load("my-filename-iocs.txt", String.join("\n",
                "# Test", "\\\\good\\.exe;80", "(?<=x)y\\.exe;70", "\\\\a(b;50", "\\\\x\\.exe;abc", "\\\\x\\.exe",
                "\\\\x\\.exe;50;(\\1)", "\\\\ok\\.dll;60;(?i)\\\\windows\\\\", ";50", "a;1;2;3"));
        FeedStats st = f.feeds().get(0);
        assertEquals(FeedKind.LOKI_FILENAME, st.kind());
        assertEquals(2, st.loaded(), st.rejected().toString());
        Map<String, String> r = reasons(st);
        assertTrue(r.get("line 3").contains("not supported by the linear-time engine"), r.get("line 3"));
        assertTrue(r.get("line 4").contains("missing closing )"), r.get("line 4"));
        assertTrue(r.get("line 5").contains("score is not a number"));
        assertTrue(r.get("line 6").contains("REGEX;SCORE"));
        assertTrue(r.get("line 7").startsWith("false-positive regex"), r.get("line 7"));
        assertTrue(r.get("line 9").contains("empty regex"));
        assertTrue(r.get("line 10").contains("more than three"));

        IocSet h = load("hash-iocs-extra.txt", "d41d8cd98f00b204e9800998ecf8427e;ok\nnothex;bad\nd41d8cd98f00b204e9800998ecf8427;short\n");
        assertEquals(1, h.feeds().get(0).loaded());
        assertEquals(2, h.feeds().get(0).rejectedCount());
        IocSet c = load("c2-extra.txt", "203.0.113.1\n203.0.113.300\nevil.example;70\nevil.example;x\nC:\\x.exe\n");
        assertEquals(2, c.feeds().get(0).loaded());
        assertEquals(3, c.feeds().get(0).rejectedCount(), c.feeds().get(0).rejected().toString());
    }

    @Test
    void overlongLinesAndBinaryAreRejectedNotFatal() throws Exception {
        StringBuilder b = new StringBuilder("203.0.113.1\n");
        b.append("a".repeat(FeedContext.MAX_LINE + 10)).append('\n');
        b.append("\u0000\u0001\u00ff binary junk\n");
        b.append("203.0.113.2\r\n");
        IocSet set = load("list.txt", b.toString());
        FeedStats st = set.feeds().get(0);
        assertEquals(2, st.loaded());
        assertEquals(2, st.rejectedCount());
        assertTrue(reasons(st).get("line 2").contains("longer than"));
    }

    @Test
    void hugeFeedIsStreamedLineByLine() throws Exception {
        // 300,000 lines with a bad line every 1,000th: memory stays that of the indicators, every problem is counted
        Path f = dir.resolve("big-c2-iocs.txt");
        int n = 300_000;
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                if (i % 1000 == 999) w.write("999.1.1." + i % 7 + "\n");
                else w.write("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + "\n");
            }
        }
        IocSet set = IocFeeds.load(List.of(f));
        FeedStats st = set.feeds().get(0);
        assertEquals(n - n / 1000, st.loaded());
        assertEquals(n / 1000, st.rejectedCount());
        assertEquals("line 1000", st.rejected().get(0).source());
        IocDetector d = new IocDetector(set, FieldPlacement.builtin());
        assertEquals(1, d.match(Events.iis("c-ip", "10.1.2.3")).size());
    }

    @Test
    void missingFeedIsAnError() {
        org.junit.jupiter.api.Assertions.assertThrows(java.nio.file.NoSuchFileException.class,
                () -> IocFeeds.load(List.of(dir.resolve("nope.txt"))));
    }
}
