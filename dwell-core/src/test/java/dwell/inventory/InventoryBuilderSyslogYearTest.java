package dwell.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.evidence.EvidenceItem;
import dwell.format.Format;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inventory hands each item's modification time to its reader, which year-less syslog times need. */
class InventoryBuilderSyslogYearTest {
    @Test
    void yearLessSyslogTimesTakeTheYearOfTheItemsModificationTime() throws IOException {
        byte[] log = "Dec 31 23:00:00 web01 sshd[1]: a\nJan  2 01:00:00 web01 sshd[2]: b\n".getBytes(StandardCharsets.UTF_8);
        EvidenceItem item = new EvidenceItem("var/log/auth.log", log.length, Instant.parse("2019-01-05T00:00:00Z"), null, Format.SYSLOG);
        InventoryBuilder builder = new InventoryBuilder();
        builder.visit(item, new ByteArrayInputStream(log));
        builder.finished(item, List.of());
        ItemSummary s = builder.build().items().get(0);
        assertEquals(2, s.events());
        assertEquals(Instant.parse("2018-12-31T23:00:00Z"), s.first());
        assertEquals(Instant.parse("2019-01-02T01:00:00Z"), s.last());
    }
}
