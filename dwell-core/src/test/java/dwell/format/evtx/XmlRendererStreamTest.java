package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.text.Utf8Buffer;
import org.junit.jupiter.api.Test;

/**
 * The XML written straight from a record's templates and values is what its expanded tree gives, where the two could
 * part: text runs merged across nodes, elements left out or repeated, empty elements, text outside the event.
 */
class XmlRendererStreamTest {
    private static final BinXmlNode.Attribute[] NONE = new BinXmlNode.Attribute[0];
    private static final BinXmlNode[] EMPTY = new BinXmlNode[0];

    private static BinXmlNode.Element element(String name, BinXmlNode... content) {
        return new BinXmlNode.Element(name, NONE, content);
    }

    private static BinXmlNode sub(int index, boolean optional) {
        return new BinXmlNode.Substitution(index, ValueTypes.STRING, optional);
    }

    private static BinXmlNode.Text text(String s) {
        return new BinXmlNode.Text(s);
    }

    private static BinXmlNode[] instance(BinXmlNode[] body, SubstitutionValue... values) {
        return new BinXmlNode[] {new BinXmlNode.TemplateInstance(new Template(0, "t", body), values, new byte[0])};
    }

    private static SubstitutionValue scalar(String s) {
        return new SubstitutionValue.Scalar(s);
    }

    /** Asserts that both ways give {@code expected}, and a renderer that keeps its names gives it twice over. */
    private static void assertXml(String expected, BinXmlNode[] fragment) {
        Expander.check(fragment);
        assertEquals(expected, XmlRenderer.render(new Expander().expand(fragment)), "the tree");
        assertEquals(expected, XmlRenderer.render(fragment), "written straight");
        XmlRenderer cached = new XmlRenderer();
        Utf8Buffer b = new Utf8Buffer(16);
        cached.write(fragment, b);
        cached.write(fragment, b);
        assertEquals(expected + expected, b.toString());
    }

    @Test
    void textRunsMergeAcrossNodesBeforeTheyAreEscaped() {
        // a surrogate pair split between a literal and a value, and a character reference: one run, one character
        BinXmlNode[] body = {element("Event", element("Data", text("a\ud83d"), sub(0, false), new BinXmlNode.CharRef('<'),
                new BinXmlNode.EntityRef("amp"), sub(1, false)), element("Empty", sub(1, false)))};
        assertXml("<Event><Data>a\ud83d\ude00 &lt;&amp;</Data><Empty/></Event>", instance(body, scalar("\ude00 "), scalar("")));
        assertXml("<Event><Data>a\ufffd&lt;&amp;x</Data><Empty>x</Empty></Event>", instance(body, SubstitutionValue.NULL, scalar("x")));
    }

    @Test
    void tagsOfLiteralAttributesAreWrittenAsEveryRecordWouldWriteThem() {
        BinXmlNode.Attribute name = new BinXmlNode.Attribute("Na\u200eme", new BinXmlNode[] {text("a&<\"\u0001")});
        BinXmlNode[] body = {element("Event", new BinXmlNode.Element("D\u0007ta", new BinXmlNode.Attribute[] {name}, new BinXmlNode[] {sub(0, false)}))};
        assertXml("<Event><D\ufffdta Na\ufffdme=\"a&amp;&lt;&quot;&#1;\">v</D\ufffdta></Event>", instance(body, scalar("v")));
        assertXml("<Event><D\ufffdta Na\ufffdme=\"a&amp;&lt;&quot;&#1;\"/></Event>", instance(body, scalar("")));
    }

    @Test
    void elementsLeftOutOrRepeatedAsTheValuesSay() {
        BinXmlNode.Attribute optional = new BinXmlNode.Attribute("Opt", new BinXmlNode[] {sub(0, true)});
        BinXmlNode.Attribute literal = new BinXmlNode.Attribute("Name", new BinXmlNode[] {text("a\"b")});
        BinXmlNode[] body = {element("Event",
                new BinXmlNode.Element("Data", new BinXmlNode.Attribute[] {literal, optional}, new BinXmlNode[] {sub(1, true)}),
                new BinXmlNode.Element("Item", new BinXmlNode.Attribute[] {optional}, new BinXmlNode[] {new BinXmlNode.Substitution(2, ValueTypes.STRING | ValueTypes.ARRAY, false)}),
                element("Note", new BinXmlNode.CData("x ]]> y"), text("t"), new BinXmlNode.ProcessingInstruction("pi", "d")))};
        String note = "<Note><![CDATA[x ]]]]><![CDATA[> y]]>t<?pi d?></Note>";
        assertXml("<Event><Item>p</Item><Item>q</Item>" + note + "</Event>",
                instance(body, SubstitutionValue.NULL, SubstitutionValue.NULL, new SubstitutionValue.Array(new String[] {"p", "q"})));
        assertXml("<Event><Data Name=\"a&quot;b\" Opt=\"o\">v</Data><Item Opt=\"o\"/>" + note + "</Event>",
                instance(body, scalar("o"), scalar("v"), new SubstitutionValue.Array(new String[0])));
    }

    @Test
    void onlyTheFirstElementOfTheFragmentIsTheEvent() {
        // text beside it, an element left out before it and one after it: none is part of the event
        BinXmlNode[] body = {text("before"), element("Gone", sub(0, true)), element("Event", text("in")), element("After")};
        assertXml("<Event>in</Event>", instance(body, SubstitutionValue.NULL));
        BinXmlNode[] repeated = {new BinXmlNode.Element("Event", NONE, new BinXmlNode[] {new BinXmlNode.Substitution(0, ValueTypes.STRING | ValueTypes.ARRAY, false)})};
        assertXml("<Event>1</Event>", instance(repeated, new SubstitutionValue.Array(new String[] {"1", "2"})));
        BinXmlNode[] nested = {element("Event", sub(0, false), element("Tail", EMPTY))};
        BinXmlNode[] inner = instance(new BinXmlNode[] {element("Inner", sub(0, false))}, scalar("i"));
        assertXml("<Event><Inner>i</Inner><Tail/></Event>", instance(nested, new SubstitutionValue.Xml(inner)));
    }
}
