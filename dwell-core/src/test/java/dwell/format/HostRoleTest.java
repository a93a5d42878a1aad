package dwell.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.event.Event;
import dwell.event.FieldRole;
import dwell.event.FieldRoles;
import dwell.evidence.Catalog;
import dwell.evidence.CatalogLimits;
import dwell.evidence.EvidenceItem;
import dwell.evidence.ItemVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host each reader gives an event is the value of one of its fields of the {@code host} role, so the one table
 * names every source's host field (W3C s-computername, HttpProxy ServerHostName, ECP ServerName, message tracking
 * server-hostname, exported events' Computer and its Winlogbeat spellings, syslog hostname, EVTX Computer).
 */
class HostRoleTest {
    @TempDir
    Path dir;

    @Test
    void everyReadersHostIsAHostRoleField() throws IOException {
        // examples/ logs IIS's default fields, without s-computername
        Files.writeString(dir.resolve("u_ex210303.log"), "#Software: Microsoft Internet Information Services 10.0\r\n"
                + "#Fields: date time s-sitename s-computername s-ip cs-method cs-uri-stem c-ip\r\n"
                + "2021-03-03 01:17:58 W3SVC1 EXCH01 10.0.0.21 POST /ecp/y.js 104.140.114.110\r\n");
        FieldRoles roles = FieldRoles.builtin();
        Map<String, Set<String>> hostFieldsByFormat = new ConcurrentHashMap<>();
        Set<String> failures = ConcurrentHashMap.newKeySet();
        ItemVisitor check = new ItemVisitor() {
            @Override
            public void visit(EvidenceItem item, InputStream content) throws IOException {
                EventReader reader = Readers.forFormat(item.format());
                if (reader == null) return;
                reader.read(item.path(), content, new EventSink() {
                    @Override
                    public void event(Event e) {
                        String host = e.host();
                        if (host == null) return;
                        Set<String> named = new TreeSet<>();
                        e.forEachField((name, value) -> {
                            if (host.equals(value) && roles.roleOf(name) == FieldRole.HOST) named.add(name);
                        });
                        if (named.isEmpty()) failures.add(item.format().id() + " " + item.path() + ": " + e.fields().keySet());
                        hostFieldsByFormat.computeIfAbsent(item.format().id(), k -> ConcurrentHashMap.newKeySet()).addAll(named);
                    }

                    @Override
                    public void unreadable(long position, String reason) {
                    }
                });
            }

            @Override
            public void finished(EvidenceItem item, List<String> problems) {
            }
        };
        new Catalog(CatalogLimits.DEFAULT, 2).walk(List.of(dir, Corpora.repoRoot().resolve("examples"),
                Corpora.path("evtx-attack-samples/Lateral Movement")), check);
        assertEquals(Set.of(), failures);
        assertEquals(Set.of("s-computername"), hostFieldsByFormat.get("iis-w3c"));
        assertEquals(Set.of("ServerHostName"), hostFieldsByFormat.get("exchange-httpproxy"));
        assertEquals(Set.of("ServerName"), hostFieldsByFormat.get("exchange-ecp"));
        assertEquals(Set.of("server-hostname"), hostFieldsByFormat.get("exchange-msgtrk"));
        assertEquals(Set.of("Computer", "host.name", "winlog.computer_name"), hostFieldsByFormat.get("json"));
        assertEquals(Set.of("hostname"), hostFieldsByFormat.get("syslog"));
        assertTrue(hostFieldsByFormat.get("evtx").contains("Computer"), hostFieldsByFormat.toString());
    }
}
