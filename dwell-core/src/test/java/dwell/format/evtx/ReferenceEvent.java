package dwell.format.evtx;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * A record as a reference tool printed it in XML, read with the JDK's own XML parser (independent of dwell's):
 * the compared System values and the EventData/UserData name-value pairs, named by the rules dwell documents
 * in {@code EventFields} (Data by Name, unnamed Data numbered, other sections by leaf element, repeats joined).
 */
record ReferenceEvent(String recordId, String timeCreated, String eventId, String channel, String provider,
                      Map<String, String> data) {
    private static final Pattern EVENT = Pattern.compile("(?s)<Event[ >].*?</Event>");
    /** Characters XML 1.0 cannot carry; tools print them raw, so both sides replace them before comparing. */
    static final Pattern NOT_XML = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]");

    /** Every {@code <Event>} document in a tool's output, in order. */
    static List<ReferenceEvent> parseAll(String output) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setExpandEntityReferences(false);
        DocumentBuilder builder = f.newDocumentBuilder();
        List<ReferenceEvent> out = new ArrayList<>();
        Matcher m = EVENT.matcher(output);
        while (m.find()) {
            String xml = NOT_XML.matcher(m.group()).replaceAll("\uFFFD");
            Document d = builder.parse(new InputSource(new StringReader(xml)));
            out.add(of(d.getDocumentElement()));
        }
        return out;
    }

    private static ReferenceEvent of(Element event) {
        Element system = child(event, "System");
        Element provider = child(system, "Provider");
        Element time = child(system, "TimeCreated");
        Map<String, String> data = new LinkedHashMap<>();
        for (Node n = event.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element section)) continue;
            String name = section.getLocalName();
            if (name.equals("System") || name.equals("RenderingInfo")) continue;
            if (name.equals("EventData")) eventData(section, data);
            else leaves(section, data);
        }
        return new ReferenceEvent(text(child(system, "EventRecordID")), time == null ? null : time.getAttribute("SystemTime"),
                text(child(system, "EventID")), text(child(system, "Channel")),
                provider == null ? null : provider.getAttribute("Name"), data);
    }

    private static void eventData(Element section, Map<String, String> data) {
        int unnamed = 0;
        for (Node n = section.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) continue;
            if (e.getLocalName().equals("Data")) {
                String name = e.hasAttribute("Name") ? e.getAttribute("Name") : "";
                if (name.isEmpty()) name = "Data" + (++unnamed);
                put(data, name, text(e));
            } else if (hasChildElements(e)) {
                leaves(e, data);
            } else {
                put(data, e.getLocalName(), text(e));
            }
        }
    }

    private static void leaves(Element parent, Map<String, String> data) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) continue;
            if (hasChildElements(e)) leaves(e, data);
            else put(data, e.getLocalName(), text(e));
        }
    }

    private static void put(Map<String, String> data, String name, String value) {
        data.merge(name, value, (a, b) -> a + ", " + b);
    }

    private static boolean hasChildElements(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) return true;
        }
        return false;
    }

    private static Element child(Element parent, String name) {
        if (parent == null) return null;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(name)) return e;
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent();
    }
}
