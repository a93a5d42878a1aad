package dwell.format.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.LogSources;
import dwell.format.Collected;
import dwell.format.Format;
import dwell.format.Readers;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OabGeneratorReaderTest {
    @Test
    void leadingTimeAndMessageWithContinuationLines() throws IOException {
        String log = "orphan line before any time\n"
                + "2021-03-03T07:50:01.100Z,Information,OABGenerator,Starting generation of OAB 'Default Offline Address Book'\n"
                + "2021-03-03T07:50:02.250Z,Error,OABGenerator,Download failed and temporary file "
                + "'\\\\10.0.0.5\\c$\\inetpub\\wwwroot\\aspnet_client\\shell.aspx' needs to be removed.\n"
                + "   at Microsoft.Exchange.OABGenerator.Download()\r\n"
                + "   at Microsoft.Exchange.OABGenerator.Run()\r\n"
                + "[2021-03-03 07:51:00] OAB generation completed\n";
        Collected c = Collected.read(new OabGeneratorReader(), "OABGeneratorLog/OABGenerator_20210303.log", log);
        assertEquals(3, c.events.size());
        assertEquals(List.of(1L), c.unreadableLines);
        Event e = c.event(1);
        assertEquals(Instant.parse("2021-03-03T07:50:02.250Z"), e.time());
        assertTrue(e.get("Message").startsWith("Error,OABGenerator,Download failed and temporary file '\\\\10.0.0.5\\c$"));
        assertTrue(e.get("Message").endsWith("\n   at Microsoft.Exchange.OABGenerator.Run()"), e.get("Message"));
        assertEquals("2021-03-03T07:50:02.250Z", e.get("Time"));
        assertEquals(3, e.provenance().line());
        assertEquals(LogSources.forFormat(Format.EXCHANGE_OAB), e.logSource());
        Event last = c.event(2);
        assertEquals(Instant.parse("2021-03-03T07:51:00Z"), last.time());
        assertEquals("OAB generation completed", last.get("Message"));
        assertEquals(6, last.provenance().line());
    }

    @Test
    void isRegistered() {
        assertTrue(Readers.forFormat(Format.EXCHANGE_OAB) instanceof OabGeneratorReader);
    }
}
