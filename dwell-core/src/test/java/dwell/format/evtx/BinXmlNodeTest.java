package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinXmlNodeTest {
    private static final BinXmlNode[] NONE = new BinXmlNode[0];

    @Test
    void anElementWithOnlyLiteralAttributesHasThemAsOneList() {
        BinXmlNode.Element e = new BinXmlNode.Element("Data", new BinXmlNode.Attribute[] {
                new BinXmlNode.Attribute("Name", new BinXmlNode[] {new BinXmlNode.Text("CommandLine")}),
                new BinXmlNode.Attribute("Type", new BinXmlNode[] {new BinXmlNode.Text("string")})}, NONE);
        assertEquals(List.of("Name", "CommandLine", "Type", "string"), e.literalAttributes());
        assertEquals(List.of(), new BinXmlNode.Element("Data", new BinXmlNode.Attribute[0], NONE).literalAttributes());
    }

    @Test
    void anAttributeFilledPerRecordLeavesTheListToTheExpander() {
        BinXmlNode.Attribute time = new BinXmlNode.Attribute("SystemTime", new BinXmlNode[] {new BinXmlNode.Substitution(6, 0x11, false)});
        BinXmlNode.Attribute joined = new BinXmlNode.Attribute("Name", new BinXmlNode[] {new BinXmlNode.Text("a"), new BinXmlNode.Text("b")});
        BinXmlNode.Attribute empty = new BinXmlNode.Attribute("Name", NONE);
        for (BinXmlNode.Attribute a : new BinXmlNode.Attribute[] {time, joined, empty}) {
            assertNull(new BinXmlNode.Element("TimeCreated", new BinXmlNode.Attribute[] {a}, NONE).literalAttributes());
        }
    }
}
