package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fields read straight from a record's templates and values are those its expanded tree gives
 * ({@link TreeFields}, the way they were worked out before): over every corpus record, slack space included, over
 * damaged copies of corpus files, and for the template shapes that change the tree (optional values, arrays, nested
 * Binary XML).
 */
class EventFieldsTest {
    private static final BinXmlNode.Attribute[] NONE = new BinXmlNode.Attribute[0];

    @Test
    void everyCorpusRecordHasTheFieldsOfItsTree() throws Exception {
        long records = 0;
        for (Path f : EvtxDifferentialTest.corpusFiles()) records += compareAll(f.toString(), Files.readAllBytes(f));
        assertTrue(records > 9000, records + " records");
    }

    @Test
    void damagedRecordsHaveTheFieldsOfTheirTrees() throws Exception {
        List<Path> files = EvtxDifferentialTest.corpusFiles();
        Random random = new Random(20);
        long records = 0;
        for (int i = 0; i < files.size(); i += 9) {
            byte[] original = Files.readAllBytes(files.get(i));
            for (int copy = 0; copy < 6; copy++) {
                byte[] b = original.clone();
                // past the file header, so that the chunks are read; a few bytes each, so that most records survive
                for (int k = 0; k < 12 && b.length > 4096; k++) b[4096 + random.nextInt(b.length - 4096)] = (byte) random.nextInt(256);
                records += compareAll(files.get(i) + " copy " + copy, b);
            }
        }
        assertTrue(records > 1000, records + " records");
    }

    /** Reads a file's records, slack space included, and compares each one's fields with its tree's; returns how many. */
    private static long compareAll(String name, byte[] file) throws IOException {
        List<EvtxEvent> events = new ArrayList<>();
        new EvtxStream(1, RecoveredRecords.ALL).read(name, new ByteArrayInputStream(file), c -> events.addAll(c.events()));
        for (EvtxEvent e : events) {
            String where = name + " record " + e.chunkRecordId() + (e.recovered() ? " (recovered)" : "");
            EventFields tree = TreeFields.of(e.root());
            assertEquals(tree.recordId(), EventFields.recordId(e.fragment()), where + ": the id alone");
            assertEquals(List.copyOf(tree.map().entrySet()), List.copyOf(e.fields().entrySet()), where);
            assertEquals(List.copyOf(tree.data().entrySet()), List.copyOf(e.dataFields().entrySet()), where);
            assertEquals(List.of(str(tree.eventId()), str(tree.channel()), str(tree.provider()), str(tree.computer()), str(tree.level()),
                    tree.timeCreated() != null ? tree.timeCreated() : e.written(), tree.recordId() != null ? tree.recordId() : e.chunkRecordId()),
                    List.of(str(e.eventId()), str(e.channel()), str(e.provider()), str(e.computer()), str(e.level()), e.time(), e.recordId()), where);
        }
        return events.size();
    }

    private static String str(String s) {
        return String.valueOf(s);
    }

    @Test
    void optionalNullValuesLeaveOutTheirElementsAndAttributes() {
        // <Event><System><Provider Name="%0" Guid="%1"/><EventID Qualifiers="%2">%3</EventID><Level>%4</Level>
        // <Channel>%5</Channel></System></Event>, %1, %2 and %4 optional
        Template t = template(element("Event", NONE,
                element("System", NONE,
                        element("Provider", attributes("Name", sub(0, false), "Guid", sub(1, true))),
                        element("EventID", attributes("Qualifiers", sub(2, true)), sub(3, false)),
                        element("Level", NONE, sub(4, true)),
                        element("Channel", NONE, sub(5, false)))));
        EventFields f = fields(instance(t, scalar("Microsoft-Windows-Security-Auditing"), SubstitutionValue.NULL, SubstitutionValue.NULL,
                scalar("4624"), SubstitutionValue.NULL, SubstitutionValue.NULL));
        assertEquals(Map.of("Provider", "Microsoft-Windows-Security-Auditing", "Provider_Name", "Microsoft-Windows-Security-Auditing",
                "EventID", "4624", "Channel", ""), f.map());
        assertEquals(List.of("Provider", "Provider_Name", "EventID", "Channel"), List.copyOf(f.map().keySet()));
        assertEquals(null, f.level());
        assertEquals("", f.channel());
    }

    @Test
    void anArrayRepeatsItsElementAndDataJoinsTheRepeats() {
        // <Event><System><EventID>%0</EventID></System><EventData><Data Name="Ip">%1</Data><Data>%2</Data>
        // <Data>%3</Data></EventData></Event>: %1 an array of two, %2 an empty array
        Template t = template(element("Event", NONE,
                element("System", NONE, element("EventID", NONE, sub(0, false))),
                element("EventData", NONE,
                        element("Data", attributes("Name", text("Ip")), sub(1, false)),
                        element("Data", NONE, sub(2, false)),
                        element("Data", NONE, sub(3, false)))));
        EventFields f = fields(instance(t, scalar("5156"), new SubstitutionValue.Array(new String[] {"10.0.0.1", "10.0.0.2"}),
                new SubstitutionValue.Array(new String[0]), scalar("x")));
        assertEquals(List.of(Map.entry("Ip", "10.0.0.1, 10.0.0.2"), Map.entry("Data1", ""), Map.entry("Data2", "x")),
                List.copyOf(f.data().entrySet()));
    }

    @Test
    void nestedBinaryXmlGivesUserDataLeavesAndShadowsSystemNames() {
        // the record's template holds %1 as UserData's content: a fragment instancing a second template
        Template inner = template(element("LogFileCleared", NONE,
                element("SubjectUserName", NONE, sub(0, false)),
                element("ProcessID", NONE, sub(1, false)),
                element("Detail", NONE, element("Reason", NONE, text("a"), new BinXmlNode.EntityRef("amp"), sub(2, false)))));
        Template outer = template(element("Event", NONE,
                element("System", NONE,
                        element("Execution", attributes("ProcessID", sub(0, false))),
                        element("EventRecordID", NONE, sub(2, false))),
                element("UserData", NONE, sub(1, false))));
        BinXmlNode[] nested = instance(inner, scalar("alice"), scalar("77"), scalar("b"));
        EventFields f = fields(instance(outer, scalar("4"), new SubstitutionValue.Xml(nested), scalar("12")));
        assertEquals(List.of(Map.entry("ProcessID", "77"), Map.entry("EventRecordID", "12"), Map.entry("SubjectUserName", "alice"),
                Map.entry("System_ProcessID", "4"), Map.entry("Reason", "a&b")), List.copyOf(f.map().entrySet()));
        assertEquals(12L, f.recordId());
    }

    @Test
    void aFragmentWithoutAnElementIsRefused() {
        Template t = template(element("Event", NONE, element("Data", NONE, sub(0, true))));
        BinXmlNode[] removed = {new BinXmlNode.Element("Gone", NONE, new BinXmlNode[] {sub(0, true)})};
        assertThrows(EvtxFormatException.class, () -> Expander.check(removed));
        assertThrows(EvtxFormatException.class, () -> EventFields.of(removed));
        Expander.check(instance(t, SubstitutionValue.NULL)); // the Data goes, the Event stays
    }

    /** The fields read from the fragment, checked against its tree's. */
    private static EventFields fields(BinXmlNode[] fragment) {
        Expander.check(fragment);
        EventFields f = EventFields.of(fragment);
        EventFields tree = TreeFields.of(new Expander().expand(fragment));
        assertEquals(List.copyOf(tree.map().entrySet()), List.copyOf(f.map().entrySet()));
        assertEquals(List.copyOf(tree.data().entrySet()), List.copyOf(f.data().entrySet()));
        assertEquals(scalars(tree), scalars(f));
        return f;
    }

    private static List<Object> scalars(EventFields f) {
        return Arrays.asList(f.eventId(), f.channel(), f.provider(), f.computer(), f.level(), f.timeCreated(), f.recordId());
    }

    private static Template template(BinXmlNode... body) {
        return new Template(0, "{00000000-0000-0000-0000-000000000000}", body);
    }

    private static BinXmlNode[] instance(Template t, SubstitutionValue... values) {
        return new BinXmlNode[] {new BinXmlNode.TemplateInstance(t, values, new byte[0])};
    }

    private static BinXmlNode.Element element(String name, BinXmlNode.Attribute[] attributes, BinXmlNode... content) {
        return new BinXmlNode.Element(name, attributes, content);
    }

    private static BinXmlNode.Attribute[] attributes(Object... nameAndValue) {
        BinXmlNode.Attribute[] out = new BinXmlNode.Attribute[nameAndValue.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = new BinXmlNode.Attribute((String) nameAndValue[2 * i], new BinXmlNode[] {(BinXmlNode) nameAndValue[2 * i + 1]});
        }
        return out;
    }

    private static BinXmlNode.Substitution sub(int index, boolean optional) {
        return new BinXmlNode.Substitution(index, ValueTypes.STRING, optional);
    }

    private static BinXmlNode.Text text(String s) {
        return new BinXmlNode.Text(s);
    }

    private static SubstitutionValue scalar(String s) {
        return new SubstitutionValue.Scalar(s);
    }
}
