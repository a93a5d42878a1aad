package dwell.format.evtx;

import dwell.text.SafeText;

/** Writes an event's element tree as XML text, on one line, the way {@code wevtutil qe /f:xml} prints events. */
final class XmlRenderer {
    private XmlRenderer() {
    }

    static String render(XmlElement e) {
        StringBuilder sb = new StringBuilder(1024);
        write(e, sb);
        return sb.toString();
    }

    private static void write(XmlElement e, StringBuilder sb) {
        sb.append('<').append(name(e.name));
        for (int i = 0; i < e.attributes.size(); i += 2) {
            sb.append(' ').append(name(e.attributes.get(i))).append("=\"");
            escape(e.attributes.get(i + 1), sb, true);
            sb.append('"');
        }
        if (e.content.isEmpty()) {
            sb.append("/>");
            return;
        }
        sb.append('>');
        for (Object o : e.content) {
            if (o instanceof XmlElement c) write(c, sb);
            else if (o instanceof CharSequence s) escape(s, sb, false);
            else if (o instanceof XmlElement.CData c) cdata(c.text(), sb);
            else if (o instanceof XmlElement.Pi p) sb.append("<?").append(name(p.target())).append(' ').append(name(p.data())).append("?>");
        }
        sb.append("</").append(name(e.name)).append('>');
    }

    /** A CDATA section, or the same text escaped when it holds what a CDATA section cannot show inert. */
    private static void cdata(String text, StringBuilder sb) {
        if (SafeText.visibleLines(text) == text) sb.append("<![CDATA[").append(text.replace("]]>", "]]]]><![CDATA[>")).append("]]>");
        else escape(text, sb, false);
    }

    /** A name from the record (element, attribute, processing instruction): hidden characters become U+FFFD. */
    private static String name(String n) {
        if (SafeText.visible(n) == n) return n;
        // rare: only a crafted record names its elements so
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            int cp = n.codePointAt(i);
            boolean bad = SafeText.isLoneSurrogate(n, i) || SafeText.isHidden(cp);
            if (bad) b.append('\ufffd'); else b.appendCodePoint(cp);
            if (!bad) i += Character.charCount(cp) - 1;
        }
        return b.toString();
    }

    private static void escape(CharSequence s, StringBuilder sb, boolean attribute) {
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
                        // DEL, C1, bidi and other invisible characters as references: the dump is read on terminals
                        int cp = Character.codePointAt(s, i);
                        if (SafeText.isHidden(cp)) sb.append("&#").append(cp).append(';'); else sb.appendCodePoint(cp);
                        i += Character.charCount(cp) - 1;
                    }
                }
            }
        }
    }
}
