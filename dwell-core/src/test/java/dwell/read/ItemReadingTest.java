package dwell.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dwell.event.Event;
import dwell.event.FormatId;
import dwell.evidence.Archive;
import dwell.evidence.EvidenceItem;
import dwell.format.Collected;
import dwell.format.EventSink;
import dwell.format.LogFormat;
import dwell.format.syslog.Syslog;
import dwell.format.w3c.IisW3cLog;
import dwell.inventory.InventoryBuilder;
import dwell.inventory.ItemSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The readers stage: each item read with the format the catalog sniffed, into the sink its listener gives. */
class ItemReadingTest {
    private static final String IIS = "#Software: Microsoft Internet Information Services 10.0\n#Fields: date time c-ip\n"
            + "2021-03-02 07:00:00 192.0.2.1\nnot a line\n2021-03-02 07:00:01 192.0.2.2\n";

    /** Opens the items it is told to read and records which format each was given with. */
    private static final class Recording implements ItemReading.Listener {
        final List<String> opened = new ArrayList<>();
        final List<String> finished = new ArrayList<>();
        final Collected collected = new Collected();
        final boolean read;

        Recording(boolean read) {
            this.read = read;
        }

        @Override
        public EventSink reading(EvidenceItem item, LogFormat format) {
            opened.add(item.path() + " " + (format == null ? null : format.id()));
            return read ? collected : null;
        }

        @Override
        public void finished(EvidenceItem item, List<String> problems) {
            finished.add(item.path() + " " + problems);
        }
    }

    private static EvidenceItem item(String path, FormatId format) {
        return new EvidenceItem(path, IIS.length(), null, null, format);
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAnItemWithTheFormatTheCatalogSniffed() throws IOException {
        Recording r = new Recording(true);
        ItemReading reading = new ItemReading(r);
        reading.visit(item("W3SVC1/u_ex210302.log", IisW3cLog.ID), bytes(IIS));
        reading.finished(item("W3SVC1/u_ex210302.log", IisW3cLog.ID), List.of());
        assertEquals(List.of("W3SVC1/u_ex210302.log iis-w3c"), r.opened);
        assertEquals(2, r.collected.events.size());
        assertEquals(List.of(4L), r.collected.unreadableLines);
        assertEquals(List.of("W3SVC1/u_ex210302.log []"), r.finished);
    }

    @Test
    void anItemOfNoLogFormatIsOpenedButNotRead() throws IOException {
        Recording r = new Recording(true);
        new ItemReading(r).visit(item("notes.txt", FormatId.UNKNOWN), bytes(IIS));
        new ItemReading(r).visit(item("a.zip", Archive.ZIP.id()), bytes(IIS));
        assertEquals(List.of("notes.txt null", "a.zip null"), r.opened);
        assertEquals(0, r.collected.events.size() + r.collected.unreadable.size());
    }

    @Test
    void aNullSinkLeavesTheItemUnread() throws IOException {
        Recording r = new Recording(false);
        InputStream in = bytes(IIS);
        new ItemReading(r).visit(item("u_ex210302.log", IisW3cLog.ID), in);
        assertEquals(IIS.length(), in.available(), "not a byte taken");
    }

    @Test
    void andThenHandsEveryEventOnAfterTheListenerHadIt() throws IOException {
        Recording r = new Recording(true);
        List<String> order = new ArrayList<>();
        ItemReading.Listener both = r.andThen((Event e) -> order.add(r.collected.events.size() + " " + e.get("c-ip")));
        new ItemReading(both).visit(item("u_ex210302.log", IisW3cLog.ID), bytes(IIS));
        assertEquals(List.of("1 192.0.2.1", "2 192.0.2.2"), order);
        assertEquals(1, r.collected.unreadable.size(), "unreadable lines go to the listener only");
        assertNull(new Recording(false).andThen(e -> { }).reading(item("x", IisW3cLog.ID), null));
    }

    @Test
    void yearLessSyslogTimesTakeTheYearOfTheItemsModificationTime() throws IOException {
        byte[] log = "Dec 31 23:00:00 web01 sshd[1]: a\nJan  2 01:00:00 web01 sshd[2]: b\n".getBytes(StandardCharsets.UTF_8);
        EvidenceItem item = new EvidenceItem("var/log/auth.log", log.length, Instant.parse("2019-01-05T00:00:00Z"), null, Syslog.ID);
        InventoryBuilder builder = new InventoryBuilder();
        ItemReading reading = new ItemReading(builder);
        reading.visit(item, new ByteArrayInputStream(log));
        reading.finished(item, List.of());
        ItemSummary s = builder.build().items().get(0);
        assertEquals(2, s.events());
        assertEquals(Instant.parse("2018-12-31T23:00:00Z"), s.first());
        assertEquals(Instant.parse("2019-01-02T01:00:00Z"), s.last());
    }
}
