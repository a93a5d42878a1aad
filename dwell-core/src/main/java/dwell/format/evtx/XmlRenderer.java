package dwell.format.evtx;

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
        sb.append('<').append(e.name);
        for (int i = 0; i < e.attributes.size(); i += 2) {
            sb.append(' ').append(e.attributes.get(i)).append("=\"");
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
            else if (o instanceof XmlElement.CData c) sb.append("<![CDATA[").append(c.text().replace("]]>", "]]]]><![CDATA[>")).append("]]>");
            else if (o instanceof XmlElement.Pi p) sb.append("<?").append(p.target()).append(' ').append(p.data()).append("?>");
        }
        sb.append("</").append(e.name).append('>');
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
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') sb.append("&#").append((int) c).append(';');
                    else sb.append(c);
                }
            }
        }
    }
}
