package dwell.format.evtx;

import dwell.text.SafeText;
import dwell.text.Utf8Buffer;

/** Writes an event's element tree as XML text, on one line, the way {@code wevtutil qe /f:xml} prints events. */
final class ReferenceXml {
    private ReferenceXml() {
    }

    static String render(XmlElement e) {
        Utf8Buffer b = new Utf8Buffer(1024);
        write(e, b);
        return b.toString();
    }

    /** Appends the element's XML as UTF-8 (what {@link #render} returns, encoded). */
    static void write(XmlElement e, Utf8Buffer b) {
        b.ascii('<');
        name(e.name, b);
        for (int i = 0; i < e.attributes.size(); i += 2) {
            b.ascii(' ');
            name(e.attributes.get(i), b);
            b.ascii("=\"");
            escape(e.attributes.get(i + 1), b, true);
            b.ascii('"');
        }
        if (e.content.isEmpty()) {
            b.ascii("/>");
            return;
        }
        b.ascii('>');
        for (Object o : e.content) {
            if (o instanceof XmlElement c) write(c, b);
            else if (o instanceof CharSequence s) escape(s, b, false);
            else if (o instanceof XmlElement.CData c) cdata(c.text(), b);
            else if (o instanceof XmlElement.Pi p) b.ascii("<?").append(name(p.target())).ascii(' ').append(name(p.data())).ascii("?>");
        }
        b.ascii("</");
        name(e.name, b);
        b.ascii('>');
    }

    /** A CDATA section, or the same text escaped when it holds what a CDATA section cannot show inert. */
    private static void cdata(String text, Utf8Buffer b) {
        if (SafeText.visibleLines(text) == text) b.ascii("<![CDATA[").append(text.replace("]]>", "]]]]><![CDATA[>")).ascii("]]>");
        else escape(text, b, false);
    }

    /** A name from the record (element, attribute, processing instruction): hidden characters become U+FFFD. */
    /** Appends a name as {@link #name(String)} gives it; printable ASCII, what names nearly always are, is copied whole. */
    private static void name(String n, Utf8Buffer b) {
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                b.append(name(n));
                return;
            }
        }
        b.ascii(n);
    }

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

    /**
     * Escapes markup characters, C0 controls (tab, line feed and carriage return aside) and hidden characters as
     * references, and lone surrogates as U+FFFD; runs of other characters are copied as they are.
     */
    private static void escape(CharSequence s, Utf8Buffer b, boolean attribute) {
        int n = s.length();
        char[] a = b.chars(s);
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = a[i];
            if (c >= 0x20 && c < 0x7f ? c != '&' && c != '<' && c != '>' && (c != '"' || !attribute)
                    : c >= 0x80 && !Character.isSurrogate(c) && !SafeText.isHidden(c) || c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (run < i) b.append(a, run, i);
            run = i + 1;
            switch (c) {
                case '&' -> b.ascii("&amp;");
                case '<' -> b.ascii("&lt;");
                case '>' -> b.ascii("&gt;");
                case '"' -> b.ascii("&quot;");
                default -> {
                    if (SafeText.isLoneSurrogate(s, i)) {
                        b.codePoint(0xfffd);
                    } else {
                        // C0, DEL, C1, bidi and other invisible characters as references: the dump is read on terminals
                        int cp = Character.codePointAt(a, i, n);
                        if (SafeText.isHidden(cp)) b.ascii("&#").decimal(cp).ascii(';'); else b.append(a, i, i + 2);
                        i += Character.charCount(cp) - 1;
                        run = i + 1;
                    }
                }
            }
        }
        if (run < n) b.append(a, run, n);
    }
}
