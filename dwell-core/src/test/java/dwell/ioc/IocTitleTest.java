package dwell.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.hunt.Finding;
import dwell.hunt.Titles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readable IOC finding titles for every feed format: the feed's own names, a short value, never a raw regex. */
class IocTitleTest {
    static final String SHA256 = "b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0";

    /** The titles of a feed's indicators, in feed order. */
    static List<String> titles(String fileName, String content) {
        List<Ioc> iocs = new ArrayList<>();
        FeedStats st = IocFeeds.loadStream("feeds/" + fileName, fileName,
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), iocs::add);
        assertEquals(0, st.rejectedCount(), st.rejected().toString());
        return iocs.stream().map(IocTitle::of).toList();
    }

    @Test
    void plainListsHaveNoNamesSoTheFeedNamesThem() {
        assertEquals(List.of("IOC: advisory.txt (203.0.113.5)", "IOC: advisory.txt (sha256 b75f163ca9b9240b...)",
                        "IOC: advisory.txt (C:\\inetpub\\wwwroot\\aspnet_client\\shell.aspx)"),
                titles("advisory.txt", "# CISA AA21-062A\n203.0.113.5\n" + SHA256 + "\nC:\\inetpub\\wwwroot\\aspnet_client\\shell.aspx\n"));
    }

    @Test
    void csvFeedsUseTheirCommentOrDescriptionColumn() {
        assertEquals(List.of("IOC: scanner, seen 2021 (203.0.113.5)", "IOC: feed.csv (evil.example)"),
                titles("feed.csv", "type,value,comment\nip,203.0.113.5,\"scanner, seen 2021\"\ndomain,evil.example,\n"));
        assertEquals(List.of("IOC: Microsoft HAFNIUM web shell (sha256 b75f163ca9b9240b...)"),
                titles("hashes.csv", "value;type;description\n" + SHA256 + ";sha256;Microsoft HAFNIUM web shell\n"));
        // no header: type,value[,comment]
        assertEquals(List.of("IOC: actor address (198.51.100.23)"), titles("bare.csv", "ip,198.51.100.23,actor address\n"));
    }

    @Test
    void lokiFilesUseTheEntrysCommentElseTheCommentAboveIt() {
        assertEquals(List.of("IOC: Microsoft HAFNIUM web shells (md5 d41d8cd98f00b204...)", "IOC: China Chopper (sha1 da39a3ee5e6b4b0d...)"),
                titles("hash-iocs.txt", "# Microsoft HAFNIUM web shells\nd41d8cd98f00b204e9800998ecf8427e\n"
                        + "da39a3ee5e6b4b0d3255bfef95601890afd80709;80;China Chopper\n"));
        assertEquals(List.of("IOC: APT C2 (evil.example)", "IOC: APT C2 (203.0.113.9)"),
                titles("c2-iocs.txt", "# APT C2\nevil.example;90\n203.0.113.9\n"));
        assertEquals(List.of("IOC: tool names (mimikatz)"), titles("keywords.txt", "# tool names\nmimikatz\n"));
    }

    @Test
    void aFileNameRegexIsShownByItsLiteralNeverRaw() {
        List<String> t = titles("filename-iocs.txt", String.join("\n",
                "# Web shell name of the 2021 Exchange campaigns",
                "(?i)[\\\\/](?:owa[\\\\/]auth|aspnet_client)[\\\\/](?:[^\\\\/]+[\\\\/])*log\\.aspx$;80",
                "(?i)[\\\\/](?:owa[\\\\/]auth|aspnet_client)[\\\\/](?:[^\\\\/]+[\\\\/])*RedirSuiteServerProxy\\.aspx$;80",
                "",
                "\\\\[0-9]{6}\\.(?:js|ps1)$;60",
                "(?i)\\\\inetpub\\\\wwwroot\\\\aspnet_client\\\\[a-z]{8}\\.aspx$;70",
                "[a-z]\\.[a-z]$;40", ""));
        assertEquals(List.of("IOC: Web shell name of the 2021 Exchange campaigns (log.aspx)",
                "IOC: Web shell name of the 2021 Exchange campaigns (RedirSuiteServerProxy.aspx)",
                // after a blank line the comment no longer applies: the feed names them; fewer than 3 literal characters
                "IOC: filename-iocs.txt (file-path pattern)",
                "IOC: filename-iocs.txt (\\inetpub\\wwwroot\\aspnet_client\\*.aspx)",
                "IOC: filename-iocs.txt (file-path pattern)"), t);
        for (String s : t) assertTrue(!s.contains("(?i)") && !s.contains("[") && !s.contains("$") && !s.contains("{"), s);
    }

    @Test
    void stixIndicatorsUseTheirNameElseTheirDescription() {
        String bundle = """
                {"type": "bundle", "id": "bundle--1", "objects": [
                 {"type": "indicator", "spec_version": "2.1", "id": "indicator--1", "name": "HAFNIUM operator address",
                  "description": "seen in March 2021", "pattern": "[ipv4-addr:value = '203.0.113.5']", "pattern_type": "stix",
                  "valid_from": "2021-03-02T00:00:00Z"},
                 {"type": "indicator", "spec_version": "2.1", "id": "indicator--2", "description": "Web shells named like the OAB reset",
                  "pattern": "[file:name MATCHES '^RedirSuite[A-Za-z]*\\\\\\\\.aspx$']", "pattern_type": "stix", "valid_from": "2021-03-02T00:00:00Z"},
                 {"type": "indicator", "spec_version": "2.1", "id": "indicator--3", "name": "Server pages",
                  "pattern": "[file:name LIKE '%%.aspx']", "pattern_type": "stix", "valid_from": "2021-03-02T00:00:00Z"},
                 {"type": "indicator", "spec_version": "2.1", "id": "indicator--4",
                  "pattern": "[file:hashes.'SHA-256' = '%s']", "pattern_type": "stix", "valid_from": "2021-03-02T00:00:00Z"}
                ]}""".formatted(SHA256);
        assertEquals(List.of("IOC: HAFNIUM operator address (203.0.113.5)", "IOC: Web shells named like the OAB reset (RedirSuite*.aspx)",
                "IOC: Server pages (%.aspx)", "IOC: bundle.json (sha256 b75f163ca9b9240b...)"), titles("bundle.json", bundle));
    }

    @Test
    void mispAttributesUseTheirCommentElseTheEventsInfo() {
        String event = """
                {"Event": {"info": "Exchange intrusion 2021-03", "uuid": "e1", "Attribute": [
                  {"uuid": "a1", "type": "ip-dst", "value": "198.51.100.23", "comment": "web shell operator", "to_ids": true},
                  {"uuid": "a2", "type": "domain", "value": "evil.example", "to_ids": true}],
                 "Object": [{"name": "file", "uuid": "o1", "Attribute": [
                  {"uuid": "a3", "type": "sha256", "value": "%s", "comment": "dropped shell", "to_ids": true}]}]}}""".formatted(SHA256);
        assertEquals(List.of("IOC: web shell operator (198.51.100.23)", "IOC: MISP event: Exchange intrusion 2021-03 (evil.example)",
                "IOC: file: dropped shell (sha256 b75f163ca9b9240b...)"), titles("misp-event.json", event));
    }

    @Test
    void longNamesAndValuesAreShortenedToOneLine() {
        assertEquals("a b c", Titles.oneLine(" a\tb \n c ", 10));
        assertEquals("0123456...", Titles.oneLine("0123456789ab", 10));
        assertEquals("012345...", Titles.oneLine("012345 789ab", 10));
        assertEquals("0123456789", Titles.oneLine("0123456789", 10));
        String comment = "A very long\tdescription " + "of this indicator ".repeat(10);
        String agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/88.0 Safari/537.36";
        String t = titles("agents.csv", "type,value,comment\nuser-agent,\"" + agent + "\",\"" + comment + "\"\n").get(0);
        assertEquals("IOC: " + Titles.oneLine(comment, IocTitle.MAX_NAME) + " (" + agent.substring(0, IocTitle.MAX_VALUE - 3) + "...)", t);
        assertTrue(t.startsWith("IOC: A very long description of this indicator of"), t);
    }

    @Test
    void findingsCarryTheTitleAndKeepTheRawIndicatorInTheirDetails() throws Exception {
        String re = "(?i)[\\\\/]aspnet_client[\\\\/](?:[^\\\\/]+[\\\\/])*log\\.aspx$";
        List<Ioc> iocs = new ArrayList<>();
        FeedStats st = IocFeeds.loadStream("feeds/filename-iocs.txt", "filename-iocs.txt",
                new ByteArrayInputStream(("# Web shell name\n" + re + ";80\n").getBytes(StandardCharsets.UTF_8)), iocs::add);
        IocDetector d = new IocDetector(new IocSet(iocs, List.of(st)), FieldPlacement.builtin());
        List<Finding> out = new ArrayList<>();
        d.onEvent(Events.iis("cs-uri-stem", "/aspnet_client/system_web/log.aspx"), out::add);
        assertEquals(1, out.size());
        assertEquals("IOC: Web shell name (aspnet_client*log.aspx)", out.get(0).rule().title());
        assertEquals(re, out.get(0).details().get("indicator"));
        assertEquals("Web shell name", out.get(0).details().get("comment"));
    }
}
