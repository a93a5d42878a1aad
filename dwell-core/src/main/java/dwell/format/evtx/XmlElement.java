package dwell.format.evtx;

import java.util.List;

/** An element of a record's event after template expansion: the XML Windows would render, as a small tree. */
final class XmlElement {
    /** Content that is written verbatim-escaped as a CDATA section. */
    record CData(String text) {
    }

    /** A processing instruction in content. */
    record Pi(String target, String data) {
    }

    final String name;
    final List<String> attributes; // name, value, name, value...
    /**
     * {@link XmlElement}, text (a {@link CharSequence}), {@link CData} or {@link Pi}. Walked by index in this package:
     * an iterator per walk was not always optimised away.
     */
    final List<Object> content;

    XmlElement(String name) {
        this(name, 4, 2);
    }

    /**
     * An element sized for its template's {@code attributes} and {@code content} nodes: most elements hold one text
     * and no attribute, and every record's tree stays alive as long as its event, held by the hunt while rules compile.
     */
    XmlElement(String name, int attributes, int content) {
        this(name, attributes == 0 ? List.of() : new SmallList<>(2 * attributes), content);
    }

    /** An element with the given attributes (names and values), which it does not change and may share. */
    XmlElement(String name, List<String> attributes, int content) {
        this.name = name;
        this.attributes = attributes;
        this.content = new SmallList<>(content);
    }

    String attribute(String attr) {
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).equals(attr)) return attributes.get(i + 1);
        }
        return null;
    }

    XmlElement child(String childName) {
        for (int at = 0; at < content.size(); at++) {
            Object o = content.get(at);
            if (o instanceof XmlElement e && e.name.equals(childName)) return e;
        }
        return null;
    }

    boolean hasChildElements() {
        for (int at = 0; at < content.size(); at++) {
            Object o = content.get(at);
            if (o instanceof XmlElement) return true;
        }
        return false;
    }

    /** The concatenated text and CDATA directly inside this element. */
    String text() {
        if (content.isEmpty()) return "";
        if (content.size() == 1 && content.get(0) instanceof CharSequence s) return s.toString();
        StringBuilder sb = new StringBuilder();
        for (int at = 0; at < content.size(); at++) {
            Object o = content.get(at);
            if (o instanceof CharSequence s) sb.append(s);
            else if (o instanceof CData c) sb.append(c.text());
        }
        return sb.toString();
    }

    /** Appends text; adjacent runs merge in one builder, so many small tokens cost linear time. */
    void text(String s) {
        if (s.isEmpty()) return;
        int last = content.size() - 1;
        if (last >= 0 && content.get(last) instanceof StringBuilder run) {
            run.append(s);
        } else if (last >= 0 && content.get(last) instanceof String prev) {
            content.set(last, new StringBuilder(prev.length() + s.length() + 16).append(prev).append(s));
        } else {
            content.add(s);
        }
    }
}
