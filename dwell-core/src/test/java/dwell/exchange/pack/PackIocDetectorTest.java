package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.FormatId;
import dwell.evidence.EvidenceItem;
import dwell.format.w3c.IisW3cLog;
import dwell.hunt.Finding;
import dwell.ioc.FeedStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackIocDetectorTest {
    static final PackIocDetector IOCS = PackIocDetector.load(PackEvents.RULES);

    @TempDir
    Path dir;

    @Test
    void everyFeedLineLoads() {
        Map<String, Integer> loaded = IOCS.feeds().stream().collect(Collectors.toMap(FeedStats::feed, FeedStats::loaded));
        assertEquals(Map.of("builtin:exchange/hafnium-2021.csv", 25, "builtin:exchange/hafnium-2021-filename-iocs.txt", 29), loaded);
        for (FeedStats f : IOCS.feeds()) assertEquals(0, f.rejectedCount(), f.feed() + ": " + f.rejected());
    }

    @Test
    void anAttackerAddressInAnIisLogIsTaggedAsProxyLogonExploitation() {
        PackEvents.Sink sink = new PackEvents.Sink();
        IOCS.onEvent(PackEvents.line(IisW3cLog.ID, "u_ex210303.log", 5, "2021-03-03T01:17:58Z", "x",
                "c-ip", "104.140.114.110", "cs-uri-stem", "/ecp/y.js"), sink);
        IOCS.onEvent(PackEvents.line(IisW3cLog.ID, "u_ex210303.log", 6, "2021-03-03T01:17:59Z", "x",
                "c-ip", "104.140.114.111", "cs-uri-stem", "/ecp/y.js"), sink);
        assertEquals(1, sink.findings.size());
        Finding f = sink.findings.get(0);
        assertEquals("ioc", f.detector());
        assertTrue(f.rule().tags().containsAll(List.of("attack.t1190", "cve.2021-26855")), f.rule().tags().toString());
        assertEquals("high", f.rule().level().id());
    }

    @Test
    void webShellNamesCountOnlyInTheirFolders() throws IOException {
        Path f = Files.writeString(dir.resolve("page"), "<%@ Page %>");
        assertEquals(List.of("file-path"), itemHits("EXCH01/inetpub/wwwroot/aspnet_client/system_web/log.aspx", f));
        assertEquals(List.of("file-path"), itemHits("EXCH01/Exchange/FrontEnd/HttpProxy/owa/auth/OutlookEN.aspx", f));
        assertEquals(List.of(), itemHits("EXCH01/Exchange/FrontEnd/HttpProxy/ecp/default.aspx", f));
        assertEquals(List.of(), itemHits("EXCH01/inetpub/wwwroot/log.aspx", f));
    }

    @Test
    void aPublishedWebShellHash() throws IOException {
        Path f = Files.writeString(dir.resolve("x"), "x");
        PackEvents.Sink sink = new PackEvents.Sink();
        IOCS.onItem(new EvidenceItem("C/ProgramData/x.bin", 1, Instant.EPOCH,
                "b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0", FormatId.UNKNOWN), f, sink);
        assertEquals(1, sink.findings.size());
        assertEquals("critical", sink.findings.get(0).rule().level().id());
        assertTrue(sink.findings.get(0).rule().tags().contains("attack.t1505.003"));
    }

    private List<String> itemHits(String path, Path content) {
        PackEvents.Sink sink = new PackEvents.Sink();
        IOCS.onItem(new EvidenceItem(path, 11, Instant.EPOCH, "00".repeat(32), FormatId.UNKNOWN), content, sink);
        sink.findings.forEach(x -> assertTrue(x.rule().tags().contains("attack.t1505.003"), x.rule().tags().toString()));
        return sink.findings.stream().map(x -> x.details().get("type").toString()).toList();
    }
}
