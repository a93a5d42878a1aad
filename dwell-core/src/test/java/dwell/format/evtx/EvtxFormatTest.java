package dwell.format.evtx;

import static dwell.format.evtx.ChunkWriter.le;
import static dwell.format.evtx.ChunkWriter.of;
import static dwell.format.evtx.ChunkWriter.utf16;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.LogSources;
import dwell.format.evtx.ChunkWriter.Value;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The rules of the EVTX format, one synthetic chunk each: templates, tokens, value types, System fields. */
class EvtxFormatTest {
    /** 2021-03-02T12:34:56.1234567Z as FILETIME. */
    static final long FILETIME = (Instant.parse("2021-03-02T12:34:56Z").getEpochSecond() + 11_644_473_600L) * 10_000_000L + 1_234_567L;

    /** The usual record shape: an Event template with System substitutions 0..10, then EventData from {@code data}. */
    static void eventTemplate(ChunkWriter w, Consumer<ChunkWriter> data) {
        w.fragmentHeader();
        w.open("Event", true).attribute("xmlns", false).text("http://schemas.microsoft.com/win/2004/08/events/event").closeStart();
        w.open("System", false).closeStart();
        w.open("Provider", true).attribute("Name", true).subst(0, 1, false).attribute("Guid", false).subst(1, 0x0f, true).closeEmpty();
        w.open("EventID", true).attribute("Qualifiers", false).subst(2, 6, true).closeStart().subst(3, 6, false).end();
        w.open("TimeCreated", true).attribute("SystemTime", false).subst(4, 0x11, false).closeEmpty();
        w.open("EventRecordID", false).closeStart().subst(5, 0x0a, false).end();
        w.open("Execution", true).attribute("ProcessID", true).subst(6, 8, false).attribute("ThreadID", false).subst(7, 8, false).closeEmpty();
        w.open("Channel", false).closeStart().subst(8, 1, false).end();
        w.open("Computer", false).closeStart().subst(9, 1, false).end();
        w.open("Security", true).attribute("UserID", false).subst(10, 0x13, true).closeEmpty();
        w.end(); // System
        data.accept(w);
        w.end(); // Event
        w.eof();
    }

    static Value[] system(long recordId, Value qualifiers, int eventId, Value guid, Value sid) {
        return new Value[] {utf16("Microsoft-Windows-Security-Auditing"), guid, qualifiers, le(6, eventId, 2),
                le(0x11, FILETIME, 8), le(0x0a, recordId, 8), le(8, 4, 4), le(8, 6700, 4), utf16("Security"),
                utf16("DC01.corp.example"), sid};
    }

    static final Value NULL = new Value(0, new byte[0]);
    static final Value GUID = of(0x0f, 0x25, 0x96, 0x84, 0x54, 0x78, 0x54, 0x94, 0x49, 0xa5, 0xba, 0x3e, 0x3b, 0x03, 0x28, 0xc3, 0x0d);
    static final Value SYSTEM_SID = of(0x13, 1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0);

    static Value[] concat(Value[] a, Value... b) {
        Value[] out = new Value[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static List<EvtxEvent> read(byte[] file, List<Problem> problems) throws IOException {
        List<EvtxEvent> events = new ArrayList<>();
        new EvtxStream(1).read("test.evtx", new ByteArrayInputStream(file), r -> {
            problems.addAll(r.problems());
            events.addAll(r.events());
        });
        return events;
    }

    static List<EvtxEvent> readChunk(byte[] chunk) throws IOException {
        List<Problem> problems = new ArrayList<>();
        List<EvtxEvent> events = read(ChunkWriter.file(1, 0, chunk), problems);
        assertEquals(List.of(), problems);
        return events;
    }

    @Test
    void templateDefinedInlineIsReusedByLaterRecords() throws IOException {
        ChunkWriter w = new ChunkWriter();
        w.beginRecord(1, FILETIME).fragmentHeader();
        int def = w.beginInlineTemplate();
        eventTemplate(w, d -> d.open("EventData", false).closeStart()
                .open("Data", true).attribute("Name", false).text("TargetUserName").closeStart().subst(11, 1, false).end()
                .open("Data", false).closeStart().subst(12, 1, false).end()
                .open("Data", false).closeStart().subst(13, 1, false).end()
                .end());
        w.endInlineTemplate(def).values(concat(system(12294, le(6, 16384, 2), 4624, GUID, SYSTEM_SID),
                utf16("alice"), utf16("first"), utf16("second"))).eof().endRecord();
        w.beginRecord(2, FILETIME).fragmentHeader().templateRef(def)
                .values(concat(system(12295, NULL, 4625, NULL, NULL), utf16("bob"), utf16("x"), utf16("y"))).eof().endRecord();
        List<EvtxEvent> events = readChunk(w.finish());

        assertEquals(2, events.size());
        EvtxEvent a = events.get(0);
        assertEquals("4624", a.eventId());
        assertEquals("16384", a.get("Qualifiers"));
        assertEquals("Microsoft-Windows-Security-Auditing", a.provider());
        assertEquals("Microsoft-Windows-Security-Auditing", a.get("Provider_Name"));
        assertEquals("{54849625-5478-4994-A5BA-3E3B0328C30D}", a.get("Provider_Guid"));
        assertEquals("2021-03-02T12:34:56.1234567Z", a.get("TimeCreated"));
        assertEquals(Instant.parse("2021-03-02T12:34:56.1234567Z"), a.time());
        assertEquals("12294", a.get("EventRecordID"));
        assertEquals("4", a.get("ProcessID"));
        assertEquals("6700", a.get("ThreadID"));
        assertEquals("S-1-5-18", a.get("UserID"));
        assertEquals("Security", a.channel());
        assertEquals("DC01.corp.example", a.host());
        assertEquals(LogSources.forChannel("Security"), a.logSource());
        assertEquals("test.evtx", a.provenance().item());
        assertEquals(12294, a.provenance().record(), "the rendered EventRecordID, not the header's 1");
        assertEquals(12294, a.recordId());
        assertEquals(1, a.chunkRecordId());
        assertEquals(1, a.provenance().line(), "first record of the file");
        assertEquals("alice", a.get("TargetUserName"));
        assertEquals("first", a.get("Data1"));
        assertEquals("second", a.get("Data2"));
        assertFalse(a.recovered());

        EvtxEvent b = events.get(1);
        assertEquals("bob", b.get("TargetUserName"));
        assertEquals(12295, b.recordId());
        assertEquals(2, b.provenance().line());
        assertEquals("4625", b.eventId());
        assertNull(b.get("Qualifiers"), "optional null attribute is left out");
        assertNull(b.get("Provider_Guid"));
        assertTrue(b.xml().contains("<Provider Name=\"Microsoft-Windows-Security-Auditing\"/>"), b.xml());
        assertTrue(b.xml().contains("<Security/>"), b.xml());
        assertTrue(b.xml().startsWith("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System>"), b.xml());
    }

    /** One Data element per value type, each holding substitution 0 of that type. */
    private static String render(Value v) throws IOException {
        ChunkWriter w = new ChunkWriter();
        w.beginRecord(1, FILETIME).fragmentHeader();
        int def = w.beginInlineTemplate();
        w.fragmentHeader().open("Event", false).closeStart().open("System", false).closeStart()
                .open("EventID", false).closeStart().text("1").end().end()
                .open("EventData", false).closeStart()
                .open("Data", true).attribute("Name", false).text("V").closeStart().subst(0, v.type(), false).end()
                .end().end().eof();
        w.endInlineTemplate(def).values(v).eof().endRecord();
        return readChunk(w.finish()).get(0).get("V");
    }

    @Test
    void everyValueTypeRendersAsWindowsDoes() throws IOException {
        assertEquals("héllo wörld", render(utf16("héllo wörld\0")));
        assertEquals("ansi é", render(of(0x02, 'a', 'n', 's', 'i', ' ', 0xe9, 0)));
        assertEquals("-5", render(of(0x03, 0xfb)));
        assertEquals("250", render(of(0x04, 0xfa)));
        assertEquals("-2", render(le(0x05, -2, 2)));
        assertEquals("65535", render(le(0x06, 0xffff, 2)));
        assertEquals("-1", render(le(0x07, -1, 4)));
        assertEquals("4294967295", render(le(0x08, 0xffffffffL, 4)));
        assertEquals("-9000000000", render(le(0x09, -9_000_000_000L, 8)));
        assertEquals("18446744073709551615", render(le(0x0a, -1L, 8)));
        assertEquals("1.5", render(le(0x0b, Float.floatToIntBits(1.5f), 4)));
        assertEquals("0.25", render(le(0x0c, Double.doubleToLongBits(0.25), 8)));
        assertEquals("true", render(le(0x0d, 1, 4)));
        assertEquals("false", render(le(0x0d, 0, 4)));
        assertEquals("00FF10", render(of(0x0e, 0, 0xff, 0x10)));
        assertEquals("{54849625-5478-4994-A5BA-3E3B0328C30D}", render(GUID));
        assertEquals("0x7ff6", render(le(0x10, 0x7ff6, 8)));
        assertEquals("2021-03-02T12:34:56.1234567Z", render(le(0x11, FILETIME, 8)));
        assertEquals("2021-03-02T12:34:56.7890000Z", render(of(0x12, 0xe5, 0x07, 3, 0, 2, 0, 2, 0, 12, 0, 34, 0, 56, 0, 0x15, 0x03)));
        assertEquals("S-1-5-21-1-2-500", render(of(0x13, 1, 4, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0xf4, 1, 0, 0)));
        assertEquals("0x3e7", render(le(0x14, 0x3e7, 4)));
        assertEquals("0x8020000000000000", render(le(0x15, 0x8020000000000000L, 8)));
        assertEquals("", render(NULL));
    }

    @Test
    void arraysRepeatTheirElementOncePerItem() throws IOException {
        byte[] strings = "one\0two\0".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        assertEquals("one, two", render(new Value(0x81, strings)));
        assertEquals("1, 2, 65535", render(of(0x86, 1, 0, 2, 0, 0xff, 0xff)));
        assertEquals("0x1, 0x2", render(of(0x94, 1, 0, 0, 0, 2, 0, 0, 0)));
        assertEquals("S-1-5-18, S-1-5-19", render(of(0x93, 1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 5, 19, 0, 0, 0)));
        ChunkWriter w = new ChunkWriter();
        w.beginRecord(1, FILETIME).fragmentHeader();
        int def = w.beginInlineTemplate();
        w.fragmentHeader().open("Event", false).closeStart().open("EventData", false).closeStart()
                .open("Data", false).closeStart().subst(0, 0x81, false).end().end().end().eof();
        w.endInlineTemplate(def).values(new Value(0x81, strings)).eof().endRecord();
        String xml = readChunk(w.finish()).get(0).xml();
        assertEquals("<Event><EventData><Data>one</Data><Data>two</Data></EventData></Event>", xml);
    }

    @Test
    void optionalNullSubstitutionDropsItsElementNormalNullKeepsIt() throws IOException {
        ChunkWriter w = new ChunkWriter();
        w.beginRecord(1, FILETIME).fragmentHeader();
        int def = w.beginInlineTemplate();
        w.fragmentHeader().open("Event", false).closeStart().open("EventData", false).closeStart()
                .open("Data", true).attribute("Name", false).text("Kept").closeStart().subst(0, 1, false).end()
                .open("Binary", false).closeStart().subst(1, 0x0e, true).end()
                .end().end().eof();
        w.endInlineTemplate(def).values(NULL, NULL).eof().endRecord();
        EvtxEvent e = readChunk(w.finish()).get(0);
        assertEquals("<Event><EventData><Data Name=\"Kept\"/></EventData></Event>", e.xml());
        assertEquals("", e.get("Kept"));
        assertNull(e.get("Binary"));
    }

    @Test
    void referencesCdataAndProcessingInstructions() throws IOException {
        ChunkWriter w = new ChunkWriter();
        w.beginRecord(1, FILETIME).fragmentHeader()
                .open("Event", false).closeStart()
                .pi("xml-stylesheet", "href=\"a.xsl\"")
                .open("EventData", false).closeStart()
                .open("Data", true).attribute("Name", false).text("Cmd").charRef('a').entityRef("amp").closeStart()
                .text("a").charRef(0x3c).text("b").entityRef("amp").text("c").end()
                .open("Data", true).attribute("Name", false).text("Raw").closeStart().cdata("<x>&</x>").end()
                .end().end().eof().endRecord();
        EvtxEvent e = readChunk(w.finish()).get(0);
        assertEquals("a<b&c", e.get("Cmda&"), "attribute values concatenate their text and references");
        assertEquals("<x>&</x>", e.get("Raw"));
        assertEquals("<Event><?xml-stylesheet href=\"a.xsl\"?><EventData><Data Name=\"Cmda&amp;\">a&lt;b&amp;c</Data>"
                + "<Data Name=\"Raw\"><![CDATA[<x>&</x>]]></Data></EventData></Event>", e.xml());
    }

    @Test
    void nestedBinaryXmlValuesCarryNoDependencyIdentifier() throws IOException {
        ChunkWriter w = new ChunkWriter();
        w.beginRecord(1, FILETIME).fragmentHeader();
        int def = w.beginInlineTemplate();
        w.fragmentHeader().open("Event", false).closeStart()
                .open("System", false).closeStart().open("EventID", false).closeStart().subst(1, 6, false).end().end()
                .open("UserData", false).closeStart().subst(0, 0x21, false).end().end().eof();
        w.endInlineTemplate(def);
        // the value's bytes are written where the values go: count, descriptors, then data
        ChunkWriter v = new ChunkWriter();
        v.pos = 0;
        int valueStart = w.pos + 4 + 8;
        v.pos = valueStart;
        v.fragmentHeader().open("LogFileCleared", false, true).closeStart()
                .open("SubjectUserName", false, true).closeStart().text("admin").end()
                .open("SubjectDomainName", false, true).closeStart().text("CORP").end()
                .end().eof();
        byte[] xml = java.util.Arrays.copyOfRange(v.c, valueStart, v.pos);
        w.values(new Value(0x21, xml), le(6, 1102, 2)).eof().endRecord();
        EvtxEvent e = readChunk(w.finish()).get(0);
        assertEquals("1102", e.eventId());
        assertEquals("admin", e.get("SubjectUserName"));
        assertEquals("CORP", e.get("SubjectDomainName"));
        assertTrue(e.xml().contains("<UserData><LogFileCleared><SubjectUserName>admin</SubjectUserName>"), e.xml());
    }

    @Test
    void classicEventIdsCarryQualifiersInTheirHighWord() throws IOException {
        ChunkWriter w = new ChunkWriter();
        w.beginRecord(1, FILETIME).fragmentHeader()
                .open("Event", false).closeStart().open("System", false).closeStart()
                .open("EventID", false).closeStart().text(Long.toString(0x40001b58L)).end()
                .end().end().eof().endRecord();
        EvtxEvent e = readChunk(w.finish()).get(0);
        assertEquals("7000", e.eventId());
        assertEquals("16384", e.get("Qualifiers"));
    }

    @Test
    void dataNamesEqualToSystemNamesWinTheSystemValueIsKept() throws IOException {
        ChunkWriter w = new ChunkWriter();
        w.beginRecord(1, FILETIME).fragmentHeader();
        int def = w.beginInlineTemplate();
        eventTemplate(w, d -> d.open("EventData", false).closeStart()
                .open("Data", true).attribute("Name", false).text("ProcessID").closeStart().subst(11, 8, false).end().end());
        w.endInlineTemplate(def).values(concat(system(7, NULL, 5156, GUID, NULL), le(8, 820, 4))).eof().endRecord();
        EvtxEvent e = readChunk(w.finish()).get(0);
        assertEquals("820", e.get("ProcessID"));
        assertEquals("4", e.get("System_ProcessID"));
        assertEquals("820", e.dataFields().get("ProcessID"));
    }
}
