package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;

/** Records carved from slack space whose template was overwritten must not come out with shifted fields. */
class EvtxRecoveredTest {
    @Test
    void carvedSysmonRecordsKeepTheirFieldsInPlace() throws IOException {
        Path f = Corpora.path("evtx-attack-samples/Defense Evasion/de_PsScriptBlockLogging_disabled_sysmon12_13.evtx");
        List<EvtxEvent> recovered = new ArrayList<>();
        try (InputStream in = Files.newInputStream(f)) {
            new EvtxLog(1).read(f.toString(), in, new EventSink() {
                @Override
                public void event(Event e) {
                    if (((EvtxEvent) e).recovered()) recovered.add((EvtxEvent) e);
                }

                @Override
                public void unreadable(long position, String reason) {
                }
            });
        }
        assertTrue(recovered.size() > 10, "slack records are still recovered: " + recovered.size());
        for (EvtxEvent e : recovered) {
            if (!"1".equals(e.get("EventID"))) continue;
            String image = e.get("Image");
            assertTrue(image == null || image.contains("\\"), "record " + e.provenance() + " Image=" + image);
            String pid = e.get("ProcessId");
            assertTrue(pid == null || pid.matches("\\d+"), "record " + e.provenance() + " ProcessId=" + pid);
        }
        // before the value-type check, 22 carved process creations here had a version string as Image
        assertEquals(0, recovered.stream().filter(e -> "1".equals(e.get("EventID")) && e.get("Image") != null
                && !e.get("Image").contains("\\")).count());
    }
}
