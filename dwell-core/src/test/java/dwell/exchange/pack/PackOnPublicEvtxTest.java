package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.Corpora;
import dwell.event.Event;
import dwell.format.EventSink;
import dwell.format.evtx.EvtxLog;
import dwell.formats.Formats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pack's process rules on real attack recordings of ../shared/corpora/evtx-attack-samples, read by dwell's EVTX reader. */
class PackOnPublicEvtxTest {
    /** "EventRecordID rule" for every pack rule that fires on the file's events. */
    private static List<String> fired(String sample) throws IOException {
        Path file = Corpora.path("evtx-attack-samples").resolve(sample);
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Formats.of(EvtxLog.ID).read(file.toString(), in, new EventSink() {
                @Override
                public void event(Event e) {
                    for (String rule : PackSigmaRulesTest.fired(e)) out.add(e.provenance().record() + " " + rule);
                }

                @Override
                public void unreadable(long position, String reason) {
                }
            });
        }
        return out;
    }

    @Test
    void iisWebShellSpawningCmd() throws IOException {
        // w3wp.exe -> cmd /c net user (the first record, EventRecordID 1044); cmd -> net -> net1 are not the web server's children
        assertEquals(List.of("1044 proc_exchange_worker_spawns_shell"), fired("Lateral Movement/LM_typical_IIS_webshell_sysmon_1_10_traces.evtx"));
    }

    @Test
    void comsvcsMiniDump() throws IOException {
        // the fourth record, EventRecordID 32154 (the exported log's header numbers it 4)
        assertEquals(List.of("32154 proc_lsass_dump"), fired("Credential Access/sysmon_10_1_memdump_comsvcs_minidump.evtx"));
    }

    @Test
    void ordinaryLsassAccessIsNotADumpCommand() throws IOException {
        assertEquals(List.of(), fired("Credential Access/sysmon_10_lsass_mimikatz_sekurlsa_logonpasswords.evtx"));
    }
}
