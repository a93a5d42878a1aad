package dwell.cli;

import dwell.text.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dwell evtx dump} end to end: the JSON-lines contract, XML, directories, archive members, bad paths. */
class EvtxDumpIT {
    private static final Path SAMPLE = Dwell.corpus("evtx-attack-samples")
            .resolve("Defense Evasion").resolve("Win_4985_T1186_Process_Doppelganging.evtx");

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> l = new ArrayList<>();
        for (String s : out.split("\n")) {
            if (!s.isBlank()) l.add(Json.MAPPER.readTree(s));
        }
        return l;
    }

    @Test
    void jsonLinesFollowTheContract() throws Exception {
        Dwell.Result r = Dwell.run("evtx", "dump", SAMPLE.toString(), "--format", "jsonl");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> records = lines(r.out());
        assertFalse(records.isEmpty());
        JsonNode first = records.get(0);
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("file", "record_id", "chunk_record_id", "timestamp", "event_id", "channel", "provider",
                "computer", "level", "fields", "recovered"), keys);
        assertEquals(12294, first.get("record_id").asLong(), "the rendered EventRecordID, as Event Viewer shows it");
        assertEquals(1, first.get("chunk_record_id").asLong(), "the exported log's renumbered record header");
        assertEquals(SAMPLE.toString(), first.get("file").asText());
        assertEquals("2019-08-14T14:06:44.4956748Z", first.get("timestamp").asText(), "FILETIME's 100 ns kept");
        assertEquals(4985, first.get("event_id").asInt());
        assertEquals("Security", first.get("channel").asText());
        assertEquals("Microsoft-Windows-Security-Auditing", first.get("provider").asText());
        assertEquals("MSEDGEWIN10", first.get("computer").asText());
        assertEquals("C:\\ProgramData\\proc_doppel64.exe", first.get("fields").get("ProcessName").asText());
        assertEquals("12294", first.get("fields").get("EventRecordID").asText());
        assertFalse(first.get("recovered").asBoolean());
    }

    @Test
    void xmlGivesOneEventPerRecord() throws Exception {
        Dwell.Result r = Dwell.run("evtx", "dump", "--format", "xml", SAMPLE.toString());
        assertEquals(0, r.exit(), r.err());
        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System>"
                + "<Provider Name=\"Microsoft-Windows-Security-Auditing\" Guid=\"{54849625-5478-4994-A5BA-3E3B0328C30D}\"/>"
                + "<EventID>4985</EventID>"), first);
        assertTrue(first.contains("<TimeCreated SystemTime=\"2019-08-14T14:06:44.4956748Z\"/>"), first);
        assertTrue(first.endsWith("</EventData></Event>"), first);
    }

    @Test
    void directoriesAndArchiveMembersAreRead(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("logs.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("Security.evtx"));
            z.write(Files.readAllBytes(SAMPLE));
            z.closeEntry();
        }
        Files.copy(SAMPLE, dir.resolve("plain.evtx"));
        Files.writeString(dir.resolve("notes.txt"), "not an event log\n");
        Path w3c = Files.writeString(dir.resolve("u_ex240101.log"),
                "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: 2024-01-01 00:00:00\n"
                        + "#Fields: date time cs-method cs-uri-stem\n2024-01-01 00:00:01 GET /\n");
        Dwell.Result r = Dwell.run("evtx", "dump", dir.toString());
        assertEquals(0, r.exit(), r.err());
        // files met walking a folder that are no EVTX file nor archive are skipped quietly; a file named is refused
        // with the format it is in
        assertEquals("", r.err());
        Dwell.Result named = Dwell.run("evtx", "dump", w3c.toString());
        assertEquals(2, named.exit(), named.err());
        assertTrue(named.err().contains("u_ex240101.log: not an EVTX file (iis-w3c): skipped"), named.err());
        List<JsonNode> records = lines(r.out());
        long fromZip = records.stream().filter(n -> n.get("file").asText().equals(zip + "!/Security.evtx")).count();
        long plain = records.stream().filter(n -> n.get("file").asText().endsWith("plain.evtx")).count();
        assertTrue(plain > 0);
        assertEquals(plain, fromZip, "an archive member (a stream) reads as the file does");
    }

    @Test
    void outputIsTheSameWhateverTheThreadCount(@TempDir Path dir) throws Exception {
        // the whole corpus, plus damage whose problems must come out on stderr in the same places: a file cut
        // inside its second chunk, one cut inside its header, an archive member, and a non-EVTX file named
        Path corpus = Dwell.corpus("evtx-attack-samples");
        Path big = Path.of(corpus + "/Privilege Escalation/Sysmon_UACME_64.evtx");
        byte[] bytes = Files.readAllBytes(big);
        Files.write(dir.resolve("cut.evtx"), java.util.Arrays.copyOf(bytes, 4096 + 65536 + 30000));
        Files.write(dir.resolve("header.evtx"), java.util.Arrays.copyOf(bytes, 1000));
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(dir.resolve("logs.zip")))) {
            z.putNextEntry(new ZipEntry("Security.evtx"));
            z.write(Files.readAllBytes(SAMPLE));
            z.closeEntry();
        }
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not an event log\n");
        for (String format : List.of("jsonl", "xml")) {
            Dwell.Result one = Dwell.run("evtx", "dump", "--format", format, "--threads", "1", corpus.toString(),
                    dir.toString(), notes.toString());
            Dwell.Result two = Dwell.run("evtx", "dump", "--format", format, "--threads", "2", corpus.toString(),
                    dir.toString(), notes.toString());
            Dwell.Result four = Dwell.run("evtx", "dump", "--format", format, "--threads", "4", corpus.toString(),
                    dir.toString(), notes.toString());
            // notes.txt is named and is no event log: status 2, once every other file is dumped
            assertEquals(2, one.exit(), one.err());
            assertTrue(one.err().strip().endsWith("dwell: 1 file named is not a readable EVTX file or archive: " + notes), one.err());
            assertTrue(one.out().lines().count() > 9000, format + ": the corpus was not dumped");
            assertTrue(one.err().contains("cut.evtx: chunk 1: chunk cut short"), one.err());
            assertTrue(one.err().contains("header.evtx: file cut short inside its header"), one.err());
            assertTrue(one.err().contains("notes.txt: not an EVTX file"), one.err());
            assertTrue(one.out().contains("logs.zip!/Security.evtx") || format.equals("xml"), "archive member read");
            // exact equality, not just the same records: the order of files, chunks and records is the contract
            assertTrue(one.out().equals(two.out()), format + ": --threads 2 output differs from --threads 1");
            assertTrue(one.out().equals(four.out()), format + ": --threads 4 output differs from --threads 1");
            assertEquals(one.err(), two.err(), format + ": stderr, --threads 2");
            assertEquals(one.err(), four.err(), format + ": stderr, --threads 4");
        }
    }

    @Test
    void chunkRecordIdIsLeftOutWhereItEqualsTheRecordId() throws Exception {
        // a log whose record headers carry the records' own numbers (an exported one renumbers them)
        Path unexported = Dwell.corpus("evtx-attack-samples/Credential Access/babyshark_mimikatz_powershell.evtx");
        Dwell.Result r = Dwell.run("evtx", "dump", unexported.toString());
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> records = lines(r.out());
        assertEquals(33, records.stream().filter(n -> !n.get("recovered").asBoolean()).count(), "evtxexport's count");
        for (JsonNode n : records) {
            assertEquals(n.get("fields").get("EventRecordID").asText(), n.get("record_id").asText());
            assertFalse(n.has("chunk_record_id"), n.toString());
        }
    }

    @Test
    void slackCopiesAreShownOnlyWithRecoveredAll(@TempDir Path dir) throws Exception {
        Path planted = PlantedEvtx.write(PlantedEvtx.SOURCE, PlantedEvtx.SECOND, dir.resolve("planted.evtx"));
        List<String> live = List.of("416055 1 2020-10-15T13:17:02.4033184Z live", "416056 2 2020-10-15T13:17:02.7368495Z live",
                "416057 3 2020-10-15T13:17:02.7379363Z live", "416058 4 2020-10-15T13:17:02.7386115Z live",
                "416059 5 2020-10-15T13:17:02.7647845Z live", "416060 6 2020-10-15T13:17:02.7650830Z live",
                "416061 7 2020-10-15T13:17:02.9634172Z live");
        String older = "416056 2 2020-10-15T12:17:02.7368495Z recovered";
        assertEquals(concat(live, List.of(older)), summary(Dwell.run("evtx", "dump", planted.toString())));
        List<String> all = new ArrayList<>(live);
        for (String l : live) all.add(l.replace(" live", " recovered"));
        all.set(live.size() + 1, older);
        assertEquals(all, summary(Dwell.run("evtx", "dump", "--recovered", "all", planted.toString())));
        assertEquals(live, summary(Dwell.run("evtx", "dump", "--recovered", "none", planted.toString())));
        Dwell.Result xml = Dwell.run("evtx", "dump", "--format", "xml", "--recovered", "all", planted.toString());
        assertEquals(2, xml.out().split("<EventRecordID>416055</EventRecordID>", -1).length - 1, "the copy in XML too");
        Dwell.Result unique = Dwell.run("evtx", "dump", "--format", "xml", planted.toString());
        assertEquals(1, unique.out().split("<EventRecordID>416055</EventRecordID>", -1).length - 1, "the copy left out of XML");
        Dwell.Result bad = Dwell.run("evtx", "dump", "--recovered", "some", planted.toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--recovered"), bad.err());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    /** "record_id chunk_record_id timestamp live|recovered" per record of a dump. */
    private static List<String> summary(Dwell.Result r) throws Exception {
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        List<String> out = new ArrayList<>();
        for (JsonNode n : lines(r.out())) {
            long id = n.get("record_id").asLong();
            out.add(id + " " + n.path("chunk_record_id").asLong(id) + " " + n.get("timestamp").asText() + " "
                    + (n.get("recovered").asBoolean() ? "recovered" : "live"));
        }
        return out;
    }

    @Test
    void threadsMustBePositive() throws Exception {
        Dwell.Result r = Dwell.run("evtx", "dump", "--threads", "0", SAMPLE.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--threads"), r.err());
    }

    @Test
    void missingPathIsAnInputError() throws Exception {
        Dwell.Result r = Dwell.run("evtx", "dump", "/no/such/file.evtx");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("/no/such/file.evtx"), r.err());
    }

    @Test
    void inventoryCountsEvtxEvents() throws Exception {
        Dwell.Result r = Dwell.run("inventory", "--format", "json", SAMPLE.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode item = Json.MAPPER.readTree(r.out()).get("items").get(0);
        assertEquals("evtx", item.get("format").asText());
        assertTrue(item.get("events").asLong() > 0, item.toString());
        assertEquals("2019-08-14T14:06:44.495674800Z", item.get("first").asText());
    }
}
