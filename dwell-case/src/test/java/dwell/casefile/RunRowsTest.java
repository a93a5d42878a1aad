package dwell.casefile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The rows a run's documents give the case's tables, in their column order, the run's id left to the import. */
class RunRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object RUN = RunRows.RUN_ID;

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void itemsIncidentsImpactAndTrafficAsTheTablesTakeThem() throws Exception {
        RunRows r = RunRows.of(
                tree("{'items': [{'path': 'a.evtx', 'sha256': null, 'size': 5, 'format': 'evtx', 'events': 2, 'first': '2021-03-02T00:00:00Z',"
                        + " 'last': null, 'errors': 1, 'error': 'bad chunk'}, {'path': 'b.log', 'sha256': 'ab', 'format': 'iis-w3c'}]}"),
                tree("{'incidents': [{'id': 'INC-1', 'first': '2021-03-03T01:17:58Z', 'last': '2021-03-04T00:00:00.5Z', 'dwell_days': 1,"
                        + " 'hosts': ['EXCH01'], 'indicators': [{'type': 'ip', 'value': '1.2.3.4'}], 'techniques': [], 'cves': ['CVE-2021-26855'],"
                        + " 'findings': ['f1'], 'story': [{'time': '2021-03-03T01:17:58Z', 'summary': 'x \\u00e9'}], 'summary': 'one', 'leads': [],"
                        + " 'impact': {'mailboxes': [{'mailbox': 'a@b', 'protocols': ['Owa', 'Ews'], 'first': '2021-03-03T01:20:00Z', 'requests': 3,"
                        + " 'bytes': 40}], 'staged': [{'path': 'p.zip', 'time': '2021-03-03T01:40:00Z', 'downloaded': '2021-03-03T02:00:00Z',"
                        + " 'how': 'download'}], 'bytes_to_actor': {'Owa': 99}}}]}"),
                tree("{'traffic': {'series': [{'format': 'iis-w3c', 'host': 'W3SVC1', 'rate': {'bucket_minutes': 60, 'columns': ['start',"
                        + " 'requests', 'peak_per_minute', 'server_errors'], 'buckets': [['2021-03-03T01:00:00Z', 10, 4, 1]]}},"
                        + " {'format': 'iis-w3c', 'host': 'old', 'rate': {'columns': ['start'], 'buckets': [['2021-03-03T01:00:00Z']]}}]}}"));
        LocalDateTime t = LocalDateTime.of(2021, 3, 3, 1, 17, 58);
        assertEquals(2, r.items().size());
        assertArrayEquals(new Object[] {"a.evtx", "", 5L, "evtx", 2L, LocalDateTime.of(2021, 3, 2, 0, 0), null, 1L, "bad chunk", RUN, RUN},
                r.items().get(0));
        assertArrayEquals(new Object[] {"b.log", "ab", 0L, "iis-w3c", 0L, null, null, 0L, null, RUN, RUN}, r.items().get(1));
        assertArrayEquals(new Object[] {RUN, "INC-1", t, LocalDateTime.of(2021, 3, 4, 0, 0, 0, 500_000_000), 1L, "[\"EXCH01\"]",
                "[{\"type\":\"ip\",\"value\":\"1.2.3.4\"}]", "[]", "[\"CVE-2021-26855\"]", "[\"f1\"]",
                "[{\"time\":\"2021-03-03T01:17:58Z\",\"summary\":\"x \u00e9\"}]", "one", "[]"}, r.incidents().get(0));
        assertEquals(3, r.impact().size());
        assertArrayEquals(new Object[] {RUN, "INC-1", "mailbox", "a@b", "Owa, Ews", LocalDateTime.of(2021, 3, 3, 1, 20), null, 3L, 40L,
                null, null, null}, r.impact().get(0));
        assertArrayEquals(new Object[] {RUN, "INC-1", "staged", null, null, LocalDateTime.of(2021, 3, 3, 1, 40),
                LocalDateTime.of(2021, 3, 3, 2, 0), null, null, null, "p.zip", "download"}, r.impact().get(1));
        assertArrayEquals(new Object[] {RUN, "INC-1", "bytes_to_actor", null, "Owa", null, null, null, 99L, null, null, null},
                r.impact().get(2));
        // a series without the four columns is left out
        assertEquals(1, r.traffic().size());
        assertArrayEquals(new Object[] {RUN, "iis-w3c", "W3SVC1", 60, LocalDateTime.of(2021, 3, 3, 1, 0), 10L, 4L, 1L}, r.traffic().get(0));
    }

    @Test
    void absentDocumentsGiveNoRows() {
        RunRows r = RunRows.of(null, null, null);
        assertTrue(r.items().isEmpty() && r.incidents().isEmpty() && r.impact().isEmpty() && r.traffic().isEmpty());
    }
}
