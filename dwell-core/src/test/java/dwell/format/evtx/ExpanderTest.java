package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A record is refused for the same reasons as when its tree was built at once: too many nodes, elements nested too
 * deeply, no element; the bounds of its templates spare the walk only where nothing can be refused.
 */
class ExpanderTest {
    private static final BinXmlNode.Attribute[] NONE = new BinXmlNode.Attribute[0];

    @Test
    void aRecordExpandingPastTheBudgetIsRefusedAsBefore() {
        // a template of 2,000 elements, filled into 100 places of another: 200,000 nodes and more
        BinXmlNode[] many = new BinXmlNode[2000];
        Arrays.fill(many, new BinXmlNode.Element("Leaf", NONE, new BinXmlNode[0]));
        Template inner = new Template(0, "inner", many);
        BinXmlNode[] places = new BinXmlNode[100];
        Arrays.fill(places, new BinXmlNode.Substitution(0, ValueTypes.BINXML, false));
        Template outer = new Template(1, "outer", new BinXmlNode[] {new BinXmlNode.Element("Event", NONE, places)});
        BinXmlNode[] nested = {new BinXmlNode.TemplateInstance(inner, new SubstitutionValue[0], new byte[0])};
        BinXmlNode[] record = {new BinXmlNode.TemplateInstance(outer, new SubstitutionValue[] {new SubstitutionValue.Xml(nested)}, new byte[0])};

        assertFalse(ExpansionBound.within(record, Expander.MAX_NODES, 512));
        EvtxFormatException walked = assertThrows(EvtxFormatException.class, () -> new Expander().expand(record));
        EvtxFormatException checked = assertThrows(EvtxFormatException.class, () -> Expander.check(record));
        assertEquals("record expands to more than 200000 nodes", checked.getMessage());
        assertEquals(walked.getMessage(), checked.getMessage());

        BinXmlNode[] fewer = {new BinXmlNode.TemplateInstance(outer, new SubstitutionValue[] {SubstitutionValue.NULL}, new byte[0])};
        assertTrue(ExpansionBound.within(fewer, Expander.MAX_NODES, 512));
        Expander.check(fewer);
    }

    @Test
    void elementsNestedTooDeeplyAreRefusedAsBefore() {
        // ten levels of Binary XML values, each sixty elements deep
        SubstitutionValue value = new SubstitutionValue.Scalar("x");
        for (int level = 0; level < 10; level++) {
            BinXmlNode n = new BinXmlNode.Substitution(0, ValueTypes.BINXML, false);
            for (int i = 0; i < 60; i++) n = new BinXmlNode.Element("E", NONE, new BinXmlNode[] {n});
            Template t = new Template(level, "t" + level, new BinXmlNode[] {n});
            value = new SubstitutionValue.Xml(new BinXmlNode[] {new BinXmlNode.TemplateInstance(t, new SubstitutionValue[] {value}, new byte[0])});
        }
        BinXmlNode[] record = ((SubstitutionValue.Xml) value).nodes();

        assertFalse(ExpansionBound.within(record, Expander.MAX_NODES, 512));
        EvtxFormatException walked = assertThrows(EvtxFormatException.class, () -> new Expander().expand(record));
        EvtxFormatException checked = assertThrows(EvtxFormatException.class, () -> Expander.check(record));
        assertEquals("elements nested deeper than 512 levels", checked.getMessage());
        assertEquals(walked.getMessage(), checked.getMessage());
    }

    @Test
    void anArrayLeavesTheJudgementToTheWalk() {
        // <Event><Data>%0</Data></Event>, %0 an array: its element repeats, which only the walk counts
        Template t = new Template(0, "t", new BinXmlNode[] {new BinXmlNode.Element("Event", NONE, new BinXmlNode[] {
                new BinXmlNode.Element("Data", NONE, new BinXmlNode[] {new BinXmlNode.Substitution(0, ValueTypes.STRING | ValueTypes.ARRAY, false)})})});
        BinXmlNode[] record = {new BinXmlNode.TemplateInstance(t, new SubstitutionValue[] {new SubstitutionValue.Array(new String[] {"a", "b"})}, new byte[0])};
        assertFalse(ExpansionBound.within(record, Expander.MAX_NODES, 512));
        Expander.check(record);
        assertEquals("<Event><Data>a</Data><Data>b</Data></Event>", XmlRenderer.render(new Expander().expand(record)));
    }
}
