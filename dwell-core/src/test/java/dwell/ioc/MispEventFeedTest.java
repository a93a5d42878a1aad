package dwell.ioc;

import dwell.hunt.Diagnostic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.format.evtx.EvtxLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MISP events: attributes and object attributes, to_ids, composite types, missing fields. */
class MispEventFeedTest {
    @Test
    void attributesObjectsAndProblems() throws Exception {
        IocSet set = IocFeeds.load(List.of(StixBundleFeedTest.resource("misp-event.json")));
        FeedStats st = set.feeds().get(0);
        assertEquals(FeedKind.MISP, st.kind());
        assertEquals(8, st.loaded(), set.iocs().toString());
        Map<String, String> rejected = st.rejected().stream().collect(Collectors.toMap(Diagnostic::source, Diagnostic::reason));
        assertEquals(6, st.rejectedCount(), rejected.toString());
        assertEquals("attribute without a type", rejected.get("attribute a0000000-0000-4000-8000-000000000007"));
        assertEquals("attribute without a value", rejected.get("attribute a0000000-0000-4000-8000-000000000008"));
        assertTrue(rejected.get("attribute a0000000-0000-4000-8000-000000000009").contains("invalid IP address"));
        assertTrue(rejected.get("attribute a0000000-0000-4000-8000-000000000013").contains("not a md5 hex digest"));
        assertTrue(rejected.get("attribute a0000000-0000-4000-8000-000000000014").contains("two '|'-separated parts"));
        assertTrue(rejected.get("object b0000000-0000-4000-8000-000000000060").contains("without an Attribute list"));
        assertEquals(Map.of("to_ids is false (context, not for detection)", 3L, "type not matched by dwell: regkey", 1L), st.skipped());
    }

    @Test
    void compositeTypes() throws Exception {
        IocSet set = IocFeeds.load(List.of(StixBundleFeedTest.resource("misp-event.json")));
        List<Ioc> domainIp = set.iocs().stream()
                .filter(i -> "a0000000-0000-4000-8000-000000000002".equals(i.source().objectId())).toList();
        assertEquals(List.of(IocType.DOMAIN, IocType.IPV4), domainIp.stream().map(Ioc::type).toList(), "domain|ip: both");
        Ioc fileHash = set.iocs().stream().filter(i -> "a0000000-0000-4000-8000-000000000003".equals(i.source().objectId())).findFirst().orElseThrow();
        assertEquals(IocType.SHA256, fileHash.type(), "filename|sha256: the hash");
        assertTrue(fileHash.comment().contains("RedirSuiteServerProxy.aspx"), "the file name kept as comment");
        Ioc ipPort = set.iocs().stream().filter(i -> "a0000000-0000-4000-8000-000000000004".equals(i.source().objectId())).findFirst().orElseThrow();
        assertEquals(List.of(new Ioc.Check(new IocValue.Port(8080, Direction.ANY), false, true)), ipPort.requires());

        IocDetector d = new IocDetector(set, FieldPlacement.builtin());
        assertEquals(1, d.match(Events.of(EvtxLog.ID, "DestinationIp", "192.0.2.99", "DestinationPort", "8080")).size());
        assertEquals(0, d.match(Events.of(EvtxLog.ID, "DestinationIp", "192.0.2.99", "DestinationPort", "443")).size(),
                "ip-dst|port: a logged port must be the port");
        assertEquals(1, d.match(Events.iis("c-ip", "192.0.2.99")).size(), "a log without ports matches on the address");
        assertEquals(1, d.match(Events.iis("c-ip", "198.51.100.20")).size(), "domain|ip: the ip part");
        assertEquals(1, d.match(Events.iis("cs-host", "c2.hafnium.example")).size(), "domain|ip: the domain part");
        assertEquals(0, d.match(Events.iis("cs-host", "www.google.com")).size(), "to_ids false is not loaded");
        assertEquals(1, d.match(Events.of(EvtxLog.ID, "Hashes", "MD5=4b3039cf227fa7fce0b2a2b4b8d3f3b7,IMPHASH=00000000000000000000000000000000")).size(),
                "object attribute, hash case folded");
        assertEquals(1, d.match(Events.iis("cs-host", "mail.victim.example", "cs-uri-stem", "/owa/auth/errorFE.aspx", "s-port", "443")).size(),
                "url rebuilt from host and stem");
        assertEquals(1, d.match(Events.iis("cs(User-Agent)", "python-requests/2.25.1")).size());
        assertEquals("ioc", d.id());
    }

    @Test
    void responseWrapperAndMissingEvent(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("export.json");
        Files.writeString(f, "{\"response\":[{\"Event\":{\"info\":\"x\",\"Attribute\":[{\"type\":\"sha1\",\"value\":\"0123456789abcdef0123456789abcdef01234567\"}]}}]}");
        IocSet set = IocFeeds.load(List.of(f));
        assertEquals(1, set.feeds().get(0).loaded(), "to_ids absent counts as true");
        assertEquals("MISP event: x", set.iocs().get(0).comment());
        Path g = dir.resolve("broken.json");
        Files.writeString(g, "{\"Event\":{\"Attribute\":[{\"type\":\"md5\",\"value\":\"d41d8cd98f00b204e9800998ecf8427e\"}, {\"type\":");
        IocSet s2 = IocFeeds.load(List.of(g));
        assertEquals(1, s2.feeds().get(0).loaded(), "what came before the break is kept");
        assertEquals(1, s2.feeds().get(0).rejectedCount());
        assertTrue(s2.feeds().get(0).rejected().get(0).reason().startsWith("malformed JSON"));
    }
}
