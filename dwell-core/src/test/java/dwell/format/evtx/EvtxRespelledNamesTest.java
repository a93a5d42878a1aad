package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.event.Event;
import dwell.format.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Windows Defender's event data names hold spaces; Sigma rules address them without (ThreatName). */
class EvtxRespelledNamesTest {
    private static final Pattern DATA = Pattern.compile("<Data Name=\"([^\"]* [^\"]*)\">([^<]*)</Data>");

    @Test
    void defenderDataAnswersUnderTheNamesSigmaRulesUse() throws IOException {
        Path f = Corpora.path("evtx-attack-samples/AutomatedTestingTools/WinDefender_Events_1117_1116_AtomicRedTeam.evtx");
        List<EvtxEvent> events = new ArrayList<>();
        try (InputStream in = Files.newInputStream(f)) {
            new EvtxLog(1).read(f.toString(), in, new EventSink() {
                @Override
                public void event(Event e) {
                    events.add((EvtxEvent) e);
                }

                @Override
                public void unreadable(long position, String reason) {
                }
            });
        }
        assertEquals(11, events.size());
        int checked = 0;
        for (EvtxEvent e : events) {
            // the rendered XML is the independent witness of each spaced name's value
            Matcher m = DATA.matcher(e.xml());
            while (m.find()) {
                String value = m.group(2).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                        .replace("&quot;", "\"").replace("&apos;", "'");
                assertEquals(value, e.get(m.group(1)), m.group(1));
                assertEquals(value, e.get(m.group(1).replace(" ", "")), m.group(1));
                assertEquals(value, e.get(m.group(1).replace(" ", "_")), m.group(1));
                checked++;
            }
            assertTrue(e.get("ThreatName").contains(":"), e.get("ThreatName"));
            assertTrue(e.get("Path").contains("file:_C:\\AtomicRedTeam"), e.get("Path"));
            assertEquals("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", e.get("ProcessName"));
            assertFalse(e.fields().containsKey("ThreatName"), "the event's own fields keep their names");
            assertNull(e.get("Threat  Name"));
        }
        assertTrue(checked > 11 * 30, "spaced names checked: " + checked);
    }
}
