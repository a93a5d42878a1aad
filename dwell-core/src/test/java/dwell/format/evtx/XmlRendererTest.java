package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.text.SafeText;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The dump's XML carries evidence text inert: no raw control, bidi or lone surrogate, values read back intact. */
class XmlRendererTest {
    private static final String HOSTILE = "esc \u001b[31m c1 \u009b2J bidi \u202egnp.exe zw \u200b tag \udb40\udc41 lone \ud800 "
            + "del \u007f cr\rlf\ncrlf\r\ntab\t fine é \ud83d\ude00";

    private static Element parse(String xml) throws Exception {
        // XML 1.1 takes C0 and C1 controls as character references (1.0 takes none)
        byte[] doc = ("<?xml version=\"1.1\"?>" + xml).getBytes(StandardCharsets.UTF_8);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(doc));
        return d.getDocumentElement();
    }

    private static void assertInert(String xml) {
        for (int i = 0; i < xml.length(); i++) {
            char c = xml.charAt(i);
            assertFalse(SafeText.isLoneSurrogate(xml, i), "lone surrogate at " + i);
            if (c != '\n' && c != '\r' && c != '\t') assertFalse(SafeText.isHidden(xml.codePointAt(i)), "raw U+" + Integer.toHexString(c) + " at " + i);
        }
    }

    @Test
    void hostileValuesAreReferencesAndReadBackAsLogged() throws Exception {
        XmlElement data = new XmlElement("Data");
        data.attributes.add("Name");
        data.attributes.add("Command" + HOSTILE);
        data.text(HOSTILE);
        XmlElement event = new XmlElement("Event");
        event.content.add(data);
        String xml = XmlRenderer.render(event);
        assertInert(xml);
        assertTrue(xml.contains("&#27;[31m") && xml.contains("&#155;2J") && xml.contains("&#8238;gnp.exe") && xml.contains("&#917569;"), xml);
        String expected = HOSTILE.replace("\ud800", "\ufffd");
        Element d = (Element) parse(xml).getFirstChild();
        // a parser turns the CRs of element text into line feeds, as XML says; attributes keep them as references
        assertEquals(expected.replace("\r\n", "\n").replace('\r', '\n'), d.getTextContent());
        assertTrue(d.getAttribute("Name").startsWith("Commandesc \u001b[31m c1 \u009b2J bidi \u202egnp.exe"), d.getAttribute("Name"));
    }

    @Test
    void cdataStaysCdataUnlessItHoldsHiddenCharacters() throws Exception {
        XmlElement plain = new XmlElement("Script");
        plain.content.add(new XmlElement.CData("if (a < b) {\r\n  x();\r\n}"));
        assertEquals("<Script><![CDATA[if (a < b) {\r\n  x();\r\n}]]></Script>", XmlRenderer.render(plain));
        XmlElement hostile = new XmlElement("Script");
        hostile.content.add(new XmlElement.CData("echo \u001b]0;pwned\u0007 <b>"));
        String xml = XmlRenderer.render(hostile);
        assertInert(xml);
        assertEquals("echo \u001b]0;pwned\u0007 <b>", parse(xml).getTextContent());
    }

    @Test
    void hiddenCharactersInNamesBecomeTheReplacementCharacter() throws Exception {
        XmlElement e = new XmlElement("Ev\u001bent");
        e.attributes.add("a\u202eb");
        e.attributes.add("v");
        e.text("t");
        String xml = XmlRenderer.render(e);
        assertEquals("<Ev\ufffdent a\ufffdb=\"v\">t</Ev\ufffdent>", xml);
        assertEquals("t", parse(xml).getTextContent());
    }

    /** The escaping as written before the renderer encoded UTF-8 itself: one character at a time into a StringBuilder. */
    private static String escapedBefore(CharSequence s, boolean attribute) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        sb.append("&#").append((int) c).append(';');
                    } else if (c < 0x7f) {
                        sb.append(c);
                    } else if (SafeText.isLoneSurrogate(s, i)) {
                        sb.append('\ufffd');
                    } else {
                        int cp = Character.codePointAt(s, i);
                        if (SafeText.isHidden(cp)) sb.append("&#").append(cp).append(';'); else sb.appendCodePoint(cp);
                        i += Character.charCount(cp) - 1;
                    }
                }
            }
        }
        return sb.toString();
    }

    private static void assertEscapedAsBefore(String text) {
        XmlElement e = new XmlElement("D");
        e.attributes.add("N");
        e.attributes.add(text);
        e.text(text);
        String expected = "<D N=\"" + escapedBefore(text, true) + "\">" + escapedBefore(text, false) + "</D>";
        String xml = XmlRenderer.render(e);
        assertEquals(expected, xml, () -> "U+" + text.codePoints().mapToObj(Integer::toHexString).toList());
        dwell.text.Utf8Buffer b = new dwell.text.Utf8Buffer(0);
        XmlRenderer cached = new XmlRenderer();
        cached.write(e, b);
        cached.write(e, b); // the names from the cache the second time
        assertEquals(expected + expected, b.toString());
    }

    @Test
    void everyCharacterIsEscapedAsTheCharacterAtATimeRendererDid() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            assertEscapedAsBefore("a" + (char) c + "b");
            all.append((char) c);
        }
        assertEscapedAsBefore(all.toString());
        for (int cp = 0x10000; cp <= 0x10FFFF; cp += 0x3f) assertEscapedAsBefore("x" + new String(Character.toChars(cp)) + "y");
        for (String s : java.util.List.of("\ud800", "\udc00", "\ud83d\ude00", "\ude00\ud83d", "\udb40\udc41", "\ud83d\ud83d\ude00",
                "plain text, no escape", "C:\\Windows\\x.exe \"q\" <&> \r\n\t")) {
            assertEscapedAsBefore(s);
        }
    }
}
